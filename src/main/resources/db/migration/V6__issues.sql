-- Newsletter issues (editions). The editorial and the hero image are flat columns (one each,
-- fixed shape); sections are rows in their order, each with its news items in their order.
create table issue (
    id                   uuid        primary key,
    slug                 text        not null,
    number               integer     not null,
    title                text        not null,
    issue_date           date        not null,
    place                text,
    editorial_salutation text,
    editorial_body       text,
    editorial_body_html  text,
    editorial_signoff    text,
    hero_url             text,
    hero_alt             text,
    hero_caption         text,
    hero_credit          text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              integer     not null,
    constraint issue_slug_key unique (slug),
    constraint issue_number_key unique (number)
);
create index issue_issue_date_idx on issue (issue_date, id);
create index issue_created_at_idx on issue (created_at, id);
create index issue_updated_at_idx on issue (updated_at, id);

create table issue_section (
    id        uuid    primary key,
    issue_id  uuid    not null references issue (id) on delete cascade,
    position  integer not null,
    heading   text    not null
);
create index issue_section_issue_idx on issue_section (issue_id, position);

-- news items may appear in many issues; one that an issue contains cannot be deleted
create table issue_section_news (
    section_id uuid    not null references issue_section (id) on delete cascade,
    position   integer not null,
    news_id    uuid    not null references news (id),
    primary key (section_id, position)
);
create index issue_section_news_news_idx on issue_section_news (news_id);
