-- The calendar and job market sections of an issue: events and job postings in their order.
-- An event or posting that an issue contains cannot be deleted (nothing dangles).
create table issue_event (
    issue_id  uuid    not null references issue (id) on delete cascade,
    position  integer not null,
    event_id  uuid    not null references event (id),
    primary key (issue_id, position)
);
create index issue_event_event_idx on issue_event (event_id);

create table issue_job (
    issue_id  uuid    not null references issue (id) on delete cascade,
    position  integer not null,
    job_id    uuid    not null references job (id),
    primary key (issue_id, position)
);
create index issue_job_job_idx on issue_job (job_id);
