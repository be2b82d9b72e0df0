-- Facts about the installation itself, such as "the demo content was loaded" (once, ever).
create table app_state (
    key        text        primary key,
    value      text        not null,
    created_at timestamptz not null default now()
);
