-- Events of the IT calendar. Dates and times are wall-clock values in time_zone and are never
-- converted to UTC, so a daylight-saving switch (or a change of the zone's rules) cannot move
-- an event: 10:00 stays 10:00. No start time means an all-day event.
create table event (
    id                   uuid        primary key,
    slug                 text        not null,
    title                text        not null,
    description          text,
    description_html     text,
    start_date           date        not null,
    end_date             date,
    start_time           time,
    end_time             time,
    time_zone            text        not null,
    -- the one sort key of "soonest first": the local start, an all-day event from 00:00 of its day
    starts_at            timestamp   not null generated always as (start_date + coalesce(start_time, time '00:00')) stored,
    location_city        text,
    location_venue       text,
    format               text        not null,
    organizer_name       text,
    organizer_member_id  uuid,
    url                  text,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    version              integer     not null,
    constraint event_slug_key unique (slug),
    constraint event_format_check check (format in ('in_person', 'online', 'hybrid')),
    constraint event_end_date_check check (end_date is null or end_date >= start_date),
    constraint event_end_time_check check (end_time is null or start_time is not null
        and (coalesce(end_date, start_date) > start_date or end_time >= start_time)),
    constraint event_organizer_check check (organizer_member_id is null or organizer_name is not null),
    -- no on delete: deleting a member that organises an event is refused (409), nothing dangles
    constraint event_organizer_member_id_fkey foreign key (organizer_member_id) references member (id)
);

-- Sorts (keyset pagination: the sort key, then id)
create index event_starts_at_idx on event (starts_at, id);
create index event_title_idx on event (title, id);
create index event_created_at_idx on event (created_at, id);
create index event_updated_at_idx on event (updated_at, id);
-- Filters. from/to select the events overlapping [from, to]:
-- start_date <= to and coalesce(end_date, start_date) >= from (the same expression as the query).
create index event_start_date_idx on event (start_date, starts_at);
create index event_last_date_idx on event ((coalesce(end_date, start_date)), starts_at);
create index event_format_idx on event (format, starts_at, id);
create index event_organizer_member_idx on event (organizer_member_id, starts_at, id);
create index event_organizer_name_idx on event (organizer_name, starts_at, id);
