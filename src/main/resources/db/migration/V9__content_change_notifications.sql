-- Every committed change to content is announced on the channel "ticker_content", so each
-- instance of the service can drop its cached read responses (see ReadCache). NOTIFY is
-- delivered only when the writing transaction commits, and it takes no row locks.
create function ticker_content_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('ticker_content', tg_table_name);
    return null;
end;
$$;

create trigger member_changed after insert or update or delete or truncate on member
    for each statement execute function ticker_content_changed();
create trigger news_changed after insert or update or delete or truncate on news
    for each statement execute function ticker_content_changed();
create trigger news_member_changed after insert or update or delete or truncate on news_member
    for each statement execute function ticker_content_changed();
create trigger event_changed after insert or update or delete or truncate on event
    for each statement execute function ticker_content_changed();
create trigger job_changed after insert or update or delete or truncate on job
    for each statement execute function ticker_content_changed();
create trigger issue_changed after insert or update or delete or truncate on issue
    for each statement execute function ticker_content_changed();
create trigger issue_section_changed after insert or update or delete or truncate on issue_section
    for each statement execute function ticker_content_changed();
create trigger issue_section_news_changed after insert or update or delete or truncate on issue_section_news
    for each statement execute function ticker_content_changed();
create trigger issue_event_changed after insert or update or delete or truncate on issue_event
    for each statement execute function ticker_content_changed();
create trigger issue_job_changed after insert or update or delete or truncate on issue_job
    for each statement execute function ticker_content_changed();
