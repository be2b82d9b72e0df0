-- API tokens. Only a SHA-256 hash of each secret is stored.
create table access_token (
    id          uuid        primary key,
    name        text        not null,
    role        text        not null check (role in ('editor', 'admin')),
    token_hash  text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz,
    constraint access_token_hash_key unique (token_hash),
    constraint access_token_name_key unique (name)
);
