-- News items. Image and region are flat columns (filtered, small, fixed shape);
-- links are an ordered list of small objects that nothing filters on: jsonb;
-- tags are varchar[] (the type Hibernate binds) with a GIN index for the tag filter.
create table news (
    id            uuid        primary key,
    slug          text        not null,
    title         text        not null,
    teaser        text,
    body          text,
    body_html     text,
    image_url     text,
    image_alt     text,
    image_credit  text,
    links         jsonb       not null default '[]',
    tags          varchar[]   not null default '{}',
    region_state  text,
    region_place  text,
    published_at  timestamptz not null,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    version       integer     not null,
    constraint news_slug_key unique (slug)
);

-- Related members, in the order the editor gave them.
create table news_member (
    news_id    uuid    not null references news (id) on delete cascade,
    member_id  uuid    not null references member (id),
    position   integer not null,
    primary key (news_id, position)
);
create index news_member_member_idx on news_member (member_id, news_id);

-- Filters
create index news_tags_idx on news using gin (tags);
create index news_region_state_idx on news (region_state, published_at desc, id desc);
-- Sorts (keyset pagination: the sort key, then id)
create index news_published_at_idx on news (published_at desc, id desc);
create index news_title_idx on news (title, id);
create index news_created_at_idx on news (created_at, id);
create index news_updated_at_idx on news (updated_at, id);
