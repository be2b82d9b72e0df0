-- Member organisations of the association.
create table member (
    id            uuid        primary key,
    slug          text        not null,
    name          text        not null,
    short_name    text,
    city          text,
    state         text,
    website       text,
    description   text,
    logo_url      text,
    logo_alt      text,
    logo_credit   text,
    member_since  integer,
    active        boolean     not null default true,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    version       integer     not null,
    constraint member_slug_key unique (slug)
);

-- Filters
create index member_state_idx on member (state, name, id);
create index member_active_idx on member (active, name, id);
-- Sorts (keyset pagination: the sort key, then id)
create index member_name_idx on member (name, id);
create index member_city_idx on member (city, id);
create index member_member_since_idx on member (member_since, id);
create index member_created_at_idx on member (created_at, id);
create index member_updated_at_idx on member (updated_at, id);
