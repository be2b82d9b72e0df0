-- Full-text search (docs/search.md). PostgreSQL keeps everything search needs: one row per news
-- item, issue, event, job posting and member in search_document, written by triggers in the
-- transaction of the change, with a weighted German tsvector (title A, teaser B, body C, other
-- text D) and the plain text snippets are cut from.

-- A text search configuration of our own, a copy of PostgreSQL's German one (Snowball stemmer and
-- stop words), so that a later migration can tune it without touching the queries.
create text search configuration ticker (copy = german);

-- pg_trgm: the second signal, a word found inside a longer title ("Anmeldung" in
-- "Wohnsitzanmeldung"), which the German stemmer does not split. A trusted extension: the
-- database owner may create it.
create extension if not exists pg_trgm;

-- Markdown as text: links and images by their text, no emphasis markers, headings, quotes or list
-- markers, no HTML tags; what is left is indexed and shown in snippets.
create function ticker_plain(markdown text) returns text language sql immutable parallel safe as $$
    select trim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(coalesce(markdown, ''),
        '!?\[([^\]]*)\]\([^)]*\)', '\1', 'g'),
        '<[^>]*>', ' ', 'g'),
        '\*\*|__|`+|^[ \t]{0,3}(#{1,6}|>|[-+*]|[0-9]+[.)])[ \t]+', '', 'gn'),
        '\s+', ' ', 'g'))
$$;

-- The weighted vector of one resource: title A, teaser B, body C, other text D.
create function ticker_vector(title text, teaser text, body text, other text) returns tsvector
language sql immutable parallel safe as $$
    select setweight(to_tsvector('ticker', coalesce(title, '')), 'A')
        || setweight(to_tsvector('ticker', coalesce(teaser, '')), 'B')
        || setweight(to_tsvector('ticker', coalesce(body, '')), 'C')
        || setweight(to_tsvector('ticker', coalesce(other, '')), 'D')
$$;

-- What the queries call (docs/search.md): a query is built by the service as text for to_tsquery
-- (see list.TextQuery); both functions are inlined by the planner, so the GIN index serves
-- "vector @@ to_tsquery(...)".
create function ticker_match(vector tsvector, query text) returns boolean language sql immutable parallel safe as $$
    select vector @@ to_tsquery('ticker', query)
$$;
create function ticker_rank(vector tsvector, query text) returns real language sql immutable parallel safe as $$
    select ts_rank(vector, to_tsquery('ticker', query))
$$;

create table search_document (
    id            uuid        primary key,
    type          text        not null check (type in ('news', 'issue', 'event', 'job', 'member')),
    slug          text        not null,
    title         text        not null,
    -- the workflow status; members have none and are always 'published'
    status        text        not null,
    -- job postings: the last day they are public
    valid_through date,
    -- the order a search's window of candidates is taken in: newest first
    recency       timestamptz not null,
    -- plain text snippets are cut from
    body          text        not null,
    vector        tsvector    not null
);
-- The vector stays in the row (compressed when large), so ranking a candidate reads one page;
-- the snippet text is moved out of it first.
alter table search_document alter column vector set storage main;
alter table search_document alter column body set storage external;

create index search_document_vector_idx on search_document using gin (vector);
create index search_document_recency_idx on search_document (recency desc, id desc);
create index search_document_type_recency_idx on search_document (type, recency desc, id desc);
-- what readers without a token may find: a search walks it without stepping over drafts
create index search_document_published_idx on search_document (type, recency desc, id desc) where status = 'published';
create index search_document_title_trgm_idx on search_document using gin (lower(title) gin_trgm_ops);

-- One function per type turns a row into its search document.
create function ticker_search_news() returns trigger language plpgsql as $$
begin
    insert into search_document (id, type, slug, title, status, valid_through, recency, body, vector)
    values (new.id, 'news', new.slug, new.title, new.status, null, coalesce(new.published_at, new.created_at),
            concat_ws(' ', new.teaser, ticker_plain(new.body)),
            ticker_vector(new.title, new.teaser, ticker_plain(new.body),
                          concat_ws(' ', array_to_string(new.tags, ' '), new.region_place, new.image_alt)))
    on conflict (id) do update set slug = excluded.slug, title = excluded.title, status = excluded.status,
        recency = excluded.recency, body = excluded.body, vector = excluded.vector;
    return null;
end;
$$;

create function ticker_search_issue() returns trigger language plpgsql as $$
begin
    insert into search_document (id, type, slug, title, status, valid_through, recency, body, vector)
    values (new.id, 'issue', new.slug, new.title, new.status, null, new.issue_date::timestamp at time zone 'UTC',
            concat_ws(' ', new.editorial_salutation, ticker_plain(new.editorial_body), new.editorial_signoff),
            ticker_vector(new.title, new.place,
                          concat_ws(' ', new.editorial_salutation, ticker_plain(new.editorial_body), new.editorial_signoff),
                          concat_ws(' ', new.hero_caption, new.hero_alt)))
    on conflict (id) do update set slug = excluded.slug, title = excluded.title, status = excluded.status,
        recency = excluded.recency, body = excluded.body, vector = excluded.vector;
    return null;
end;
$$;

create function ticker_search_event() returns trigger language plpgsql as $$
begin
    insert into search_document (id, type, slug, title, status, valid_through, recency, body, vector)
    values (new.id, 'event', new.slug, new.title, new.status, null, new.starts_at at time zone 'UTC',
            ticker_plain(new.description),
            ticker_vector(new.title, concat_ws(' ', new.organizer_name, new.location_city, new.location_venue),
                          ticker_plain(new.description), null))
    on conflict (id) do update set slug = excluded.slug, title = excluded.title, status = excluded.status,
        recency = excluded.recency, body = excluded.body, vector = excluded.vector;
    return null;
end;
$$;

create function ticker_search_job() returns trigger language plpgsql as $$
begin
    insert into search_document (id, type, slug, title, status, valid_through, recency, body, vector)
    values (new.id, 'job', new.slug, new.title, new.status, new.valid_through, new.created_at,
            ticker_plain(new.description),
            ticker_vector(new.title, concat_ws(' ', new.employer_name, new.location_city),
                          ticker_plain(new.description), new.salary))
    on conflict (id) do update set slug = excluded.slug, title = excluded.title, status = excluded.status,
        valid_through = excluded.valid_through, recency = excluded.recency, body = excluded.body,
        vector = excluded.vector;
    return null;
end;
$$;

create function ticker_search_member() returns trigger language plpgsql as $$
begin
    insert into search_document (id, type, slug, title, status, valid_through, recency, body, vector)
    values (new.id, 'member', new.slug, new.name, 'published', null, new.created_at,
            ticker_plain(new.description),
            ticker_vector(concat_ws(' ', new.name, new.short_name), new.city, new.description, null))
    on conflict (id) do update set slug = excluded.slug, title = excluded.title, recency = excluded.recency,
        body = excluded.body, vector = excluded.vector;
    return null;
end;
$$;

create function ticker_search_deleted() returns trigger language plpgsql as $$
begin
    delete from search_document where id = old.id;
    return null;
end;
$$;

create trigger news_search after insert or update on news for each row execute function ticker_search_news();
create trigger issue_search after insert or update on issue for each row execute function ticker_search_issue();
create trigger event_search after insert or update on event for each row execute function ticker_search_event();
create trigger job_search after insert or update on job for each row execute function ticker_search_job();
create trigger member_search after insert or update on member for each row execute function ticker_search_member();
create trigger news_search_deleted after delete on news for each row execute function ticker_search_deleted();
create trigger issue_search_deleted after delete on issue for each row execute function ticker_search_deleted();
create trigger event_search_deleted after delete on event for each row execute function ticker_search_deleted();
create trigger job_search_deleted after delete on job for each row execute function ticker_search_deleted();
create trigger member_search_deleted after delete on member for each row execute function ticker_search_deleted();

-- What exists already: an update that changes nothing fires the triggers.
update member set id = id;
update news set id = id;
update issue set id = id;
update event set id = id;
update job set id = id;
