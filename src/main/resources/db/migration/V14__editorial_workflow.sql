-- The editorial workflow (docs/workflow.md): news items, issues, events and job postings are
-- draft, scheduled (with publish_at), published (with published_at) or archived. Content written
-- before the workflow existed was public, so it starts out published; new rows are drafts.
alter table news alter column published_at drop not null;
alter table news add column status text not null default 'published';
alter table news add column publish_at timestamptz;

alter table issue add column status text not null default 'published';
alter table issue add column publish_at timestamptz;
alter table issue add column published_at timestamptz;
update issue set published_at = created_at;

alter table event add column status text not null default 'published';
alter table event add column publish_at timestamptz;
alter table event add column published_at timestamptz;
update event set published_at = created_at;

alter table job add column status text not null default 'published';
alter table job add column publish_at timestamptz;
alter table job add column published_at timestamptz;
update job set published_at = created_at;

alter table news alter column status set default 'draft';
alter table issue alter column status set default 'draft';
alter table event alter column status set default 'draft';
alter table job alter column status set default 'draft';

-- What the service relies on: a known status, a scheduled row knows when, a published one since when.
alter table news add constraint news_status_check check (status in ('draft', 'scheduled', 'published', 'archived')
    and (status <> 'scheduled' or publish_at is not null) and (status <> 'published' or published_at is not null));
alter table issue add constraint issue_status_check check (status in ('draft', 'scheduled', 'published', 'archived')
    and (status <> 'scheduled' or publish_at is not null) and (status <> 'published' or published_at is not null));
alter table event add constraint event_status_check check (status in ('draft', 'scheduled', 'published', 'archived')
    and (status <> 'scheduled' or publish_at is not null) and (status <> 'published' or published_at is not null));
alter table job add constraint job_status_check check (status in ('draft', 'scheduled', 'published', 'archived')
    and (status <> 'scheduled' or publish_at is not null) and (status <> 'published' or published_at is not null));

-- The scheduler's question, "what is due?", reads only the scheduled rows.
create index news_due_idx on news (publish_at) where status = 'scheduled';
create index issue_due_idx on issue (publish_at) where status = 'scheduled';
create index event_due_idx on event (publish_at) where status = 'scheduled';
create index job_due_idx on job (publish_at) where status = 'scheduled';

-- Drafts have no publication time yet: the news order (newest publishedAt first) puts them last.
drop index news_published_at_idx;
create index news_published_at_idx on news (published_at desc nulls last, id desc);
drop index news_region_state_idx;
create index news_region_state_idx on news (region_state, published_at desc nulls last, id desc);

-- Revisions: every create, change, status change and deletion of a stored resource, with who
-- made it (the token's name), when, and the whole document as the API showed it afterwards (for a
-- deletion: before). Written in the transaction of the change; kept after a deletion. The document
-- is json, not jsonb: it keeps the properties in the order the API wrote them.
create table revision (
    resource_type text        not null,
    resource_id   uuid        not null,
    number        integer     not null,
    operation     text        not null,
    status        text,
    version       integer     not null,
    actor         text        not null,
    recorded_at   timestamptz not null,
    document      json        not null,
    primary key (resource_type, resource_id, number)
);
