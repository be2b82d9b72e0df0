-- Job postings. Location is flat columns (state is filtered on, small, fixed shape).
-- The employer is always a name and, when it is a member, a foreign key to it with no
-- ON DELETE clause: a member that is an employer cannot be deleted (409) while postings
-- refer to it. Enumerations are stored as their API values.
create table job (
    id                  uuid        primary key,
    slug                text        not null,
    title               text        not null,
    employer_name       text        not null,
    employer_member_id  uuid        references member (id),
    location_city       text,
    location_state      text,
    employment_type     text        check (employment_type in ('full_time', 'part_time', 'contract', 'temporary',
                                                               'internship', 'apprenticeship', 'working_student')),
    remote              text        not null default 'none' check (remote in ('none', 'hybrid', 'full')),
    salary              text,
    description         text,
    description_html    text,
    apply_url           text,
    valid_through       date,
    created_at          timestamptz not null,
    updated_at          timestamptz not null,
    version             integer     not null,
    constraint job_slug_key unique (slug)
);

-- Filters (each also serves the default order, newest first)
create index job_employer_member_idx on job (employer_member_id, created_at desc, id desc);
create index job_employer_name_idx on job (employer_name, created_at desc, id desc);
create index job_location_state_idx on job (location_state, created_at desc, id desc);
-- Expiry (valid_through >= today) and the validThrough sort
create index job_valid_through_idx on job (valid_through, id);
-- Sorts (keyset pagination: the sort key, then id)
create index job_created_at_idx on job (created_at desc, id desc);
create index job_updated_at_idx on job (updated_at, id);
create index job_title_idx on job (title, id);
