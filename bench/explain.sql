-- Query plans of the statements the service runs in the bench scenarios (as pg_stat_statements
-- recorded them; Hibernate's SQL with the parameters filled in), on the database a full bench
-- leaves in bench/work/data, plus what-if experiments inside transactions that are rolled back.
-- With the service running on that data again
--   java -Dticker.embedded.data-dir=bench/work/data -jar target/quarkus-app/quarkus-run.jar
-- run
--   psql -X -h 127.0.0.1 -p "$(sed -n 4p bench/work/data/postmaster.pid)" -U postgres postgres -f bench/explain.sql
\pset pager off
\set QUIET on

-- the values the scenarios use: the last item of page 499 (the cursor of page 500), the ids of
-- the first page, the slug of a generated title that others share, today in Berlin
select published_at as cursor_at, id as cursor_id from news order by published_at desc, id desc offset 9979 limit 1 \gset
select array_agg(id)::text as page_ids from (select id from news order by published_at desc, id desc limit 21) p \gset
select regexp_replace(slug, '-[0-9]+$', '') as slug_base from news where slug ~ '-[0-9]+$' and title not like 'Bench%' and title not like 'Lasttest%' order by slug limit 1 \gset
select (now() at time zone 'Europe/Berlin')::date as today \gset

\echo '== 1. news list, every request: the total (index-only scan of every entry)'
explain (analyze, buffers, costs off) select count(ni1_0.id) from news ni1_0;

\echo '== 2. news list, first page'
explain (analyze, buffers, costs off)
select ni1_0.id, ni1_0.body, ni1_0.body_html, ni1_0.created_at, ni1_0.image_url, ni1_0.image_alt, ni1_0.image_credit,
       ni1_0.links, ni1_0.published_at, ni1_0.region_state, ni1_0.region_place, ni1_0.slug, ni1_0.tags, ni1_0.teaser,
       ni1_0.title, ni1_0.updated_at, ni1_0.version
from news ni1_0 order by ni1_0.published_at desc, ni1_0.id desc fetch first 21 rows only;

\echo '== 3. news list, page 500 by cursor (keyset)'
explain (analyze, buffers, costs off)
select ni1_0.id, ni1_0.body, ni1_0.body_html, ni1_0.slug, ni1_0.title
from news ni1_0
where (ni1_0.published_at <= :'cursor_at' and (ni1_0.published_at < :'cursor_at'
       or (ni1_0.published_at = :'cursor_at' and ni1_0.id < :'cursor_id')))
order by ni1_0.published_at desc, ni1_0.id desc fetch first 21 rows only;

\echo '== 4. the members of a page (batch fetch), whole member rows for {id, slug, name}'
explain (analyze, buffers, costs off)
select m1_0.news_id, m1_0.position, m1_1.id, m1_1.active, m1_1.city, m1_1.created_at, m1_1.description, m1_1.logo_url,
       m1_1.logo_alt, m1_1.logo_credit, m1_1.member_since, m1_1.name, m1_1.short_name, m1_1.slug, m1_1.state,
       m1_1.updated_at, m1_1.version, m1_1.website
from news_member m1_0 join member m1_1 on m1_1.id = m1_0.member_id where m1_0.news_id = any (:'page_ids'::uuid[]);

\echo '== 5. state filter: total and page'
explain (analyze, buffers, costs off) select count(ni1_0.id) from news ni1_0 where ni1_0.region_state = 'DE-SN';
explain (analyze, buffers, costs off)
select ni1_0.id from news ni1_0 where ni1_0.region_state = 'DE-SN'
order by ni1_0.published_at desc, ni1_0.id desc fetch first 21 rows only;

\echo '== 6. events from today: page and total'
explain (analyze, buffers, costs off)
select e1_0.id from event e1_0 where coalesce(e1_0.end_date, e1_0.start_date) >= :'today'
order by e1_0.starts_at, e1_0.id fetch first 21 rows only;
explain (analyze, buffers, costs off)
select count(e1_0.id) from event e1_0 where coalesce(e1_0.end_date, e1_0.start_date) >= :'today';

\echo '== 6b. what if: events last at most 31 days, so the page query can also say starts_at >= today - 31 days'
explain (analyze, buffers, costs off)
select e1_0.id from event e1_0
where coalesce(e1_0.end_date, e1_0.start_date) >= :'today' and e1_0.starts_at >= :'today'::date - 31
order by e1_0.starts_at, e1_0.id fetch first 21 rows only;

\echo '== 7. POST: the taken slugs for a generated slug (LIKE cannot use the btree index: collation is not C)'
explain (analyze, buffers, costs off)
select ni1_0.slug from news ni1_0 where ni1_0.slug = :'slug_base' or ni1_0.slug like :'slug_base' || '-%' escape '!';

\echo '== 7b. what if: an index with text_pattern_ops (rolled back)'
begin;
create index news_slug_pattern_idx on news (slug text_pattern_ops);
explain (analyze, buffers, costs off)
select ni1_0.slug from news ni1_0 where ni1_0.slug = :'slug_base' or ni1_0.slug like :'slug_base' || '-%' escape '!';
rollback;

\echo '== 8. what if: a stored total instead of count(*) (a one-row table kept by a trigger; rolled back)'
begin;
create table news_total as select count(*)::bigint as n from news;
explain (analyze, buffers, costs off) select n from news_total;
rollback;

-- Search (docs/search.md): the statements of GET /v1/news?q=… and GET /v1/search?q=…, as the
-- service sends them (Hibernate's and its own SQL), for the words of the search scenarios: the
-- window (the newest 201 matches), the ranks of the window and the snippets of a page.
set max_parallel_workers_per_gather = 0;

\echo '== 9. search, a common word (Kommunen, 4 of 5 items): /v1/search, the window with its ranks'
explain (analyze, buffers, costs off)
with w as materialized (select id from search_document where type in ('news')
  and (ticker_match(vector, $$('Kommunen' | 'Kommunen':*)$$) or lower(title) like '%kommunen%')
  and status = 'published' and (type <> 'job' or valid_through is null or valid_through >= :'today')
  order by recency desc, id desc limit 201)
select cast(d.id as text), ticker_rank(d.vector, $$('Kommunen' | 'Kommunen':*)$$) from w join search_document d on d.id = w.id;

\echo '== 10. search, a rare word (Lecos, 1 of 250 items): /v1/search, the window with its ranks'
explain (analyze, buffers, costs off)
with w as materialized (select id from search_document where type in ('news')
  and (ticker_match(vector, $$('Lecos' | 'Lecos':*)$$) or lower(title) like '%lecos%')
  and status = 'published' and (type <> 'job' or valid_through is null or valid_through >= :'today')
  order by recency desc, id desc limit 201)
select cast(d.id as text), ticker_rank(d.vector, $$('Lecos' | 'Lecos':*)$$) from w join search_document d on d.id = w.id;

\echo '== 11. search, a word in 1 of 50 items (Dresden): /v1/search, the window with its ranks'
explain (analyze, buffers, costs off)
with w as materialized (select id from search_document where type in ('news')
  and (ticker_match(vector, $$('Dresden' | 'Dresden':*)$$) or lower(title) like '%dresden%')
  and status = 'published' and (type <> 'job' or valid_through is null or valid_through >= :'today')
  order by recency desc, id desc limit 201)
select cast(d.id as text), ticker_rank(d.vector, $$('Dresden' | 'Dresden':*)$$) from w join search_document d on d.id = w.id;

\echo '== 12. search, a prefix as typed (Digitalis) and two words (digitale Verwaltung): the windows'
explain (analyze, buffers, costs off)
with w as materialized (select id from search_document where type in ('news')
  and (ticker_match(vector, $$('Digitalis' | 'Digitalis':*)$$) or lower(title) like '%digitalis%')
  and status = 'published' and (type <> 'job' or valid_through is null or valid_through >= :'today')
  order by recency desc, id desc limit 201)
select cast(d.id as text), ticker_rank(d.vector, $$('Digitalis' | 'Digitalis':*)$$) from w join search_document d on d.id = w.id;
explain (analyze, buffers, costs off)
with w as materialized (select id from search_document where type in ('news')
  and (ticker_match(vector, $$'digitale' & ('Verwaltung' | 'Verwaltung':*)$$))
  and status = 'published' and (type <> 'job' or valid_through is null or valid_through >= :'today')
  order by recency desc, id desc limit 201)
select cast(d.id as text), ticker_rank(d.vector, $$'digitale' & ('Verwaltung' | 'Verwaltung':*)$$) from w join search_document d on d.id = w.id;

\echo '== 13. a list with q (GET /v1/news?q=Kommunen): the window (a join with the filters of the list), the ranks'
explain (analyze, buffers, costs off)
select ni1_0.id from news ni1_0, search_document sd1_0 where (ni1_0.status in ('published')) and sd1_0.id = ni1_0.id
  and sd1_0.type = 'news' and (ticker_match(sd1_0.vector, $$('Kommunen' | 'Kommunen':*)$$) = true or lower(sd1_0.title) like '%kommunen%')
  and sd1_0.status in ('published') order by sd1_0.recency desc, sd1_0.id desc fetch first 201 rows only;
-- (the service lists the 201 ids in "id in (…)"; = any(array) is the same plan, and prints shorter)
select array_agg(id)::text as window_ids from (select id from search_document where type = 'news' and status = 'published'
  and ticker_match(vector, $$('Kommunen' | 'Kommunen':*)$$) order by recency desc, id desc limit 201) w \gset
explain (analyze, buffers, costs off)
select cast(id as text), ticker_rank(vector, $$('Kommunen' | 'Kommunen':*)$$) from search_document where id = any(:'window_ids'::uuid[]);

\echo '== 14. /v1/search across types (Rechenzentrum): the window with its ranks, then the snippets of a page of 20'
explain (analyze, buffers, costs off)
with w as materialized (select id from search_document where type in ('event', 'issue', 'job', 'member', 'news')
  and (ticker_match(vector, $$('Rechenzentrum' | 'Rechenzentrum':*)$$) or lower(title) like '%rechenzentrum%')
  and status = 'published' and (type <> 'job' or valid_through is null or valid_through >= :'today')
  order by recency desc, id desc limit 201)
select cast(d.id as text), ticker_rank(d.vector, $$('Rechenzentrum' | 'Rechenzentrum':*)$$) from w join search_document d on d.id = w.id;
select array_agg(id)::text as page_ids from (select id from search_document where status = 'published'
  and ticker_match(vector, $$('Rechenzentrum' | 'Rechenzentrum':*)$$) order by recency desc, id desc limit 20) p \gset
explain (analyze, buffers, costs off)
select cast(d.id as text), d.type, d.slug, d.title,
  case when strpos(h.head, chr(1)) > 0 or length(d.body) <= 600 then h.head
  else ts_headline('ticker', substr(d.body, 500 + strpos(substr(d.body, 500), ' ')), q, E'StartSel=\u0001, StopSel=\u0002, MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "') end
from search_document d cross join to_tsquery('ticker', $$('Rechenzentrum' | 'Rechenzentrum':*)$$) q
cross join lateral (select ts_headline('ticker', left(d.body, 600), q, E'StartSel=\u0001, StopSel=\u0002, MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "') as head) h
where d.id = any(:'page_ids'::uuid[]);
reset max_parallel_workers_per_gather;
