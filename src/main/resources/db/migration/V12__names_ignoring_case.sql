-- The organizer and employer filters compare names ignoring case (lower(name) = lower(value)),
-- as a person types them: the indexes follow the expression.
drop index event_organizer_name_idx;
create index event_organizer_name_idx on event (lower(organizer_name), starts_at, id);
drop index job_employer_name_idx;
create index job_employer_name_idx on job (lower(employer_name), created_at desc, id desc);
