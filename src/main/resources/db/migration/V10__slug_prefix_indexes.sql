-- A generated slug that is taken gets the first free suffix: finding "kisa", "kisa-2", … is a
-- prefix search (slug like 'kisa-%'). The unique indexes follow the database's collation, which
-- LIKE cannot use unless it is C; text_pattern_ops indexes serve the prefix search under any.
create index member_slug_prefix_idx on member (slug text_pattern_ops);
create index news_slug_prefix_idx on news (slug text_pattern_ops);
create index event_slug_prefix_idx on event (slug text_pattern_ops);
create index job_slug_prefix_idx on job (slug text_pattern_ops);
create index issue_slug_prefix_idx on issue (slug text_pattern_ops);
