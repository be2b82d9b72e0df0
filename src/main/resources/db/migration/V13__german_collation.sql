-- Names and titles sort as a German reader expects: letters before case ("regio iT" between "Lecos"
-- and "Zweckverband", not after it), umlauts with their base letters ("Ärzte" with "Arzt", not
-- after "Z"). ICU's German collation does that; PostgreSQL builds with ICU (Debian, the official
-- images and the embedded binaries do). It is deterministic, so equality stays byte equality and
-- ties still fall to the id. The indexes on these columns are rebuilt with the new collation.
create collation if not exists german (provider = icu, locale = 'de-DE');

alter table member alter column name type text collate german;
alter table member alter column city type text collate german;
alter table news alter column title type text collate german;
alter table event alter column title type text collate german;
alter table job alter column title type text collate german;
