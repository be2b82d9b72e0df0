-- Realistic volume for the bench, generated with bulk SQL (insert ... select ... from
-- generate_series) in one session with a fixed seed. Run by bench/run.sh:
--
--   psql -X -v ON_ERROR_STOP=1 -v seed=0.42 -v members=58 -v news=100000 -v issues=500 \
--        -v events=5000 -v jobs=2000 -f bench/generate.sql
--
-- The numbers are totals: what the database holds already (the demo content: 3 members,
-- 11 news items, issue 20) counts. Every row is what the API would accept: version 1,
-- created_at = updated_at, timestamps to the second, unique slugs matching
-- ^[a-z0-9]+(-[a-z0-9]+)*$ (at most 80 characters), body_html rendered like the service
-- renders Markdown (run.sh checks one against the service), ISO 3166-2 states.
-- Dates are relative to the day of the run (news over the 5 years before it, events around it);
-- everything else, ids included, is the same on every run.
-- events and jobs are generated only when their tables exist (migrations V4 and V5).

\set QUIET on
\pset tuples_only on
\pset format unaligned
\pset footer off

-- one backend evaluates the random() calls in a fixed order: no parallel workers
set max_parallel_workers_per_gather = 0;
set synchronous_commit = off;
set work_mem = '64MB';
set maintenance_work_mem = '256MB';
select setseed(:seed) \gset

select clock_timestamp() as t0 \gset
select clock_timestamp() as step \gset

-- the day the content is anchored to (UTC): news are published before it
select date_trunc('day', now()) as anchor \gset

-- slug of a text as the service makes it: German transliteration, lowercase, '-' separated,
-- at most :max characters cut at a word boundary
create function pg_temp.slugify(t text, max int default 72) returns text language sql immutable as $$
    with s as (
        select trim(both '-' from regexp_replace(lower(translate(
            replace(replace(replace(replace(replace(replace(replace(t, 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'),
                'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss'),
            'éèêáàâóòôíìîúùûçñ', 'eeeaaaoooiiiuuucn')), '[^a-z0-9]+', '-', 'g')) as slug
    )
    select case when length(slug) <= max then slug
                else regexp_replace(left(slug, max), '-[^-]*$', '') end
    from s
$$;

-- a progress line: step, rows (or a word), seconds of the step and since the start
create function pg_temp.progress(label text, detail text, t_step timestamptz, t0 timestamptz) returns text
language sql volatile as $$
    select format('[gen] %-8s %9s  %6s s  (total %6s s)', label, detail,
                  to_char(extract(epoch from clock_timestamp() - t_step), 'FM99990.0'),
                  to_char(extract(epoch from clock_timestamp() - t0), 'FM99990.0'))
$$;

-- Markdown paragraphs (no characters the renderer or the sanitiser would change) to HTML
create function pg_temp.para_html(md text) returns text language sql immutable as $$
    select '<p>' || regexp_replace(md, '\*\*([^*]+)\*\*', '<strong>\1</strong>', 'g') || '</p>'
$$;

------------------------------------------------------------------------------------------
-- Vocabulary
------------------------------------------------------------------------------------------
create temp table city (idx int primary key, name text not null, state text not null);
insert into city (idx, name, state)
select i, c.name, c.state
from unnest(array[
    'Stuttgart:DE-BW', 'Karlsruhe:DE-BW', 'Freiburg im Breisgau:DE-BW', 'Ulm:DE-BW', 'Heilbronn:DE-BW', 'Tübingen:DE-BW',
    'München:DE-BY', 'Nürnberg:DE-BY', 'Augsburg:DE-BY', 'Würzburg:DE-BY', 'Regensburg:DE-BY', 'Fürth:DE-BY', 'Bamberg:DE-BY',
    'Berlin:DE-BE', 'Potsdam:DE-BB', 'Cottbus:DE-BB', 'Frankfurt (Oder):DE-BB', 'Bremen:DE-HB', 'Bremerhaven:DE-HB',
    'Hamburg:DE-HH', 'Frankfurt am Main:DE-HE', 'Wiesbaden:DE-HE', 'Kassel:DE-HE', 'Darmstadt:DE-HE', 'Gießen:DE-HE',
    'Schwerin:DE-MV', 'Rostock:DE-MV', 'Greifswald:DE-MV', 'Hannover:DE-NI', 'Braunschweig:DE-NI', 'Osnabrück:DE-NI',
    'Oldenburg:DE-NI', 'Göttingen:DE-NI', 'Lüneburg:DE-NI', 'Köln:DE-NW', 'Düsseldorf:DE-NW', 'Münster:DE-NW',
    'Dortmund:DE-NW', 'Essen:DE-NW', 'Aachen:DE-NW', 'Bielefeld:DE-NW', 'Siegen:DE-NW', 'Mönchengladbach:DE-NW',
    'Gütersloh:DE-NW', 'Mainz:DE-RP', 'Koblenz:DE-RP', 'Trier:DE-RP', 'Kaiserslautern:DE-RP', 'Saarbrücken:DE-SL',
    'Neunkirchen:DE-SL', 'Dresden:DE-SN', 'Leipzig:DE-SN', 'Chemnitz:DE-SN', 'Zwickau:DE-SN', 'Magdeburg:DE-ST',
    'Halle (Saale):DE-ST', 'Dessau-Roßlau:DE-ST', 'Kiel:DE-SH', 'Lübeck:DE-SH', 'Flensburg:DE-SH', 'Erfurt:DE-TH',
    'Jena:DE-TH', 'Weimar:DE-TH', 'Gera:DE-TH'
]) with ordinality as t(v, i)
cross join lateral (select split_part(t.v, ':', 1) as name, split_part(t.v, ':', 2) as state) c;

create temp table vocab as select
    array[
        'Die Verwaltung stellt ihre Antragsverfahren Schritt für Schritt auf durchgängig digitale Abläufe um.',
        'Bürgerinnen und Bürger können den Antrag künftig rund um die Uhr online stellen, ohne ein Amt aufsuchen zu müssen.',
        'Die Daten fließen medienbruchfrei in das Fachverfahren, die Sachbearbeitung erhält vollständige Unterlagen.',
        'Grundlage ist eine gemeinsame Plattform, die nach dem Einer-für-Alle-Prinzip von weiteren Kommunen nachgenutzt werden kann.',
        'Schnittstellen nach XÖV-Standards sorgen dafür, dass Fachverfahren verschiedener Hersteller angebunden werden können.',
        'Der Betrieb erfolgt in einem nach BSI-Grundschutz zertifizierten Rechenzentrum in {ort}.',
        'Für die Beschäftigten bedeutet die Umstellung weniger Papier und spürbar kürzere Durchlaufzeiten.',
        'Schulungen begleiten die Einführung, ein Kompetenzteam beantwortet Fragen aus den Fachämtern.',
        'Nach einer Pilotphase in drei Kommunen soll das Angebot im kommenden Jahr flächendeckend zur Verfügung stehen.',
        'Die Projektverantwortlichen ziehen eine positive Zwischenbilanz und kündigen weitere Onlinedienste an.',
        'Das Onlinezugangsgesetz verpflichtet Bund, Länder und Kommunen, ihre Verwaltungsleistungen auch digital anzubieten.',
        'Mit der Registermodernisierung sollen Nachweise künftig nur noch einmal vorgelegt werden müssen.',
        'Die elektronische Akte ersetzt in {ort} inzwischen in fast allen Ämtern die Papierablage.',
        'Ein wichtiger Baustein ist die sichere Anbindung an das Nutzerkonto Bund und an die BundID.',
        'Die Lösung basiert vollständig auf Open-Source-Komponenten und wird auf OpenCoDE veröffentlicht.',
        'Damit bleibt die digitale Souveränität der öffentlichen Hand gewahrt, Abhängigkeiten von einzelnen Anbietern sinken.',
        'Künstliche Intelligenz unterstützt die Sachbearbeitung beim Vorsortieren von Posteingängen und Anfragen.',
        'Entscheidungen treffen weiterhin die Mitarbeiterinnen und Mitarbeiter, die KI macht lediglich Vorschläge.',
        'Der Datenschutz war von Beginn an Teil des Projekts, die Datenschutzbeauftragten wurden früh eingebunden.',
        'Auch die Informationssicherheit wurde geprüft: Ein externer Penetrationstest fand keine kritischen Schwachstellen.',
        'Die Kosten teilen sich die beteiligten Kommunen nach einem vereinbarten Schlüssel.',
        'Fördermittel des Landes decken einen Teil der Investitionen in Hardware und Software.',
        'Die Oberbürgermeisterin von {ort} sprach von einem wichtigen Schritt hin zu einer modernen Verwaltung.',
        'Der Landrat dankte den beteiligten Teams für die gute Zusammenarbeit über Zuständigkeitsgrenzen hinweg.',
        'Interkommunale Zusammenarbeit ist der Schlüssel, damit nicht jede Kommune das Rad neu erfinden muss.',
        'Der Fachkräftemangel trifft die öffentliche IT besonders hart, deshalb wird verstärkt selbst ausgebildet.',
        'Neue Arbeitszeitmodelle und mobiles Arbeiten sollen den öffentlichen Dienst als Arbeitgeber attraktiver machen.',
        'Die Smart-City-Strategie von {ort} setzt auf offene Daten und eine urbane Datenplattform.',
        'Sensoren erfassen Parkplatzbelegung, Luftqualität und Pegelstände, die Daten stehen als Open Data bereit.',
        'Schulen erhalten über den Digitalpakt moderne Endgeräte, die zentral verwaltet und gewartet werden.',
        'Das Gesundheitsamt nutzt eine neue Fachanwendung, die Meldungen automatisch aus dem Meldewesen übernimmt.',
        'Die Geodateninfrastruktur bündelt Karten, Bebauungspläne und Luftbilder in einem gemeinsamen Portal.',
        'Der digitale Bauantrag verkürzt die Bearbeitungszeit, weil alle Fachstellen gleichzeitig beteiligt werden.',
        'Für Unternehmen entfällt ein großer Teil der Behördengänge, Gewerbeanmeldungen laufen vollständig online.',
        'In der Ausländerbehörde von {ort} werden Termine inzwischen über ein Onlineportal vergeben.',
        'Die Cloud-Strategie sieht vor, Fachverfahren schrittweise in eine souveräne Verwaltungscloud zu überführen.',
        'Dabei setzen die Beteiligten auf Container-Technologie und offene Standards aus dem Deutschland-Stack.',
        'Ein Nachhaltigkeitsbericht zeigt, dass das neue Rechenzentrum rund ein Drittel weniger Strom verbraucht.',
        'Die Abwärme der Server heizt künftig ein benachbartes Verwaltungsgebäude in {ort}.',
        'Auf der Fachtagung in {ort} tauschten sich mehr als zweihundert Fachleute über Erfahrungen aus.',
        'Im Mittelpunkt standen praktische Beispiele, wie Digitalisierung den Alltag in den Ämtern erleichtert.',
        'Ein Arbeitskreis aus Verwaltung und IT-Dienstleistern erarbeitet gemeinsame Empfehlungen für die Umsetzung.',
        'Die Ergebnisse sollen im Frühjahr veröffentlicht und mit den kommunalen Spitzenverbänden abgestimmt werden.',
        'Die Nutzerzahlen steigen seit dem Start kontinuierlich, die Zufriedenheit in Umfragen ist hoch.',
        'Barrierefreiheit war eine zentrale Anforderung, das Portal erfüllt die Vorgaben der BITV 2.0.',
        'Eine mehrsprachige Oberfläche erleichtert den Zugang für Menschen, die nicht Deutsch als Muttersprache haben.'
    ] as sentences,
    array[
        'Antragsstellung rund um die Uhr', 'Medienbruchfreie Übergabe an das Fachverfahren',
        'Anbindung an BundID und Nutzerkonto', 'Betrieb im zertifizierten Rechenzentrum', 'Offene Schnittstellen nach XÖV',
        'Nachnutzung nach dem Einer-für-Alle-Prinzip', 'Schulungen für alle Fachämter', 'Barrierefreie Oberfläche',
        'Open-Source-Lizenz', 'Elektronische Bezahlung von Gebühren', 'Statusverfolgung für Antragstellende',
        'Automatische Prüfung auf Vollständigkeit'
    ] as items,
    array['startet', 'eröffnet', 'modernisiert', 'erprobt', 'präsentiert', 'erweitert', 'vereinfacht', 'beschleunigt',
          'digitalisiert', 'bündelt', 'verbessert', 'testet'] as verbs,
    array['den digitalen Bauantrag', 'die E-Akte in allen Ämtern', 'den Onlinezugang für Wohngeld',
          'einen KI-Assistenten für Bürgeranfragen', 'das Bürgerportal', 'die Kfz-Zulassung', 'das Meldewesen',
          'die Ausländerbehörde', 'den Breitbandausbau', 'das Rechenzentrum', 'die urbane Datenplattform',
          'das Schulnetz', 'die Terminvergabe', 'das Ratsinformationssystem', 'die Gewerbeanmeldung',
          'die Personalakte', 'die Geodateninfrastruktur', 'den Hundesteuerbescheid', 'das Fundbüro',
          'die Elterngeldstelle', 'das Standesamt', 'die Beihilfeabrechnung', 'den Bürgerservice', 'das Vergabeportal',
          'die IT-Sicherheit', 'die Cloud-Infrastruktur', 'die Leitstelle', 'die Bibliotheksausleihe',
          'das Sozialamt', 'die Baugenehmigung', 'das Wahlamt', 'die Kita-Platzvergabe'] as objects,
    array['', '', '', ' mit Open Source', ' nach OZG-Vorgaben', ' für Bürgerinnen und Bürger',
          ' gemeinsam mit Nachbarkommunen', ' im Pilotbetrieb', ' mit Landesförderung'] as suffixes,
    array['Verwaltung', 'Digitalisierung', 'OZG', 'E-Akte', 'Open Source', 'Smart City', 'KI', 'Cloud',
          'IT-Sicherheit', 'Rechenzentrum', 'Bürgerservice', 'Registermodernisierung', 'Deutschland-Stack',
          'Datenschutz', 'Fachkräfte', 'Nachhaltigkeit', 'Schulen', 'Gesundheitsamt', 'Geodaten',
          'Interkommunale Zusammenarbeit'] as tags,
    array['Aus den Mitgliedsunternehmen', 'Aus Bund, Ländern und Kommunen', 'Aus dem Verband',
          'Projekte und Kooperationen', 'Personalien und Termine'] as headings;

select array_length(sentences, 1) as ns, array_length(items, 1) as nitems, array_length(verbs, 1) as nverbs,
       array_length(objects, 1) as nobjects, array_length(suffixes, 1) as nsuffixes, array_length(tags, 1) as ntags,
       array_length(headings, 1) as nheadings, (select count(*) from city) as ncities
from vocab \gset

------------------------------------------------------------------------------------------
-- Members
------------------------------------------------------------------------------------------
select greatest(0, :members - count(*)) as new_members from member \gset

insert into member (id, slug, name, short_name, city, state, website, description, logo_url, logo_alt, logo_credit,
                    member_since, active, created_at, updated_at, version)
select md5('ticker-bench-member-' || g)::uuid,
       pg_temp.slugify(n.short_name, 80),
       n.name, n.short_name, c.name, c.state,
       'https://www.' || pg_temp.slugify(n.short_name, 80) || '.example',
       'Kommunaler IT-Dienstleister mit Sitz in ' || c.name || '. '
           || replace(v.sentences[1 + (g * 7) % :ns] || ' ' || v.sentences[1 + (g * 11) % :ns], '{ort}', c.name),
       case when g % 3 <> 0 then 'https://www.' || pg_temp.slugify(n.short_name, 80) || '.example/logo.svg' end,
       case when g % 3 <> 0 then 'Logo ' || n.short_name end,
       null,
       2005 + (g * 5) % 21,
       g % 19 <> 0,
       n.ts, n.ts, 1
from generate_series(1, :new_members) g
cross join vocab v
join city c on c.idx = g
cross join lateral (select (array['Kommunale Datenverarbeitung', 'Kommunales Rechenzentrum', 'IT-Dienstleister',
                                  'Zweckverband Digitale Verwaltung', 'Digitalagentur'])[1 + g % 5] as kind) k
cross join lateral (select k.kind || ' ' || c.name as name,
                           (array['KDV', 'KRZ', 'ITD', 'ZDV', 'Digitalagentur'])[1 + g % 5] || ' ' || c.name as short_name,
                           date_trunc('second', :'anchor'::timestamptz - interval '6 years' + g * interval '1 day') as ts) n;

select pg_temp.progress('members', count(*) || ' rows', :'step', :'t0') from member;
select clock_timestamp() as step \gset

-- all members, in a fixed order, for relations
create temp table member_pick as
select row_number() over (order by slug) - 1 as idx, id, name, short_name, city, state from member;
select count(*) as nmembers from member_pick \gset

------------------------------------------------------------------------------------------
-- News
------------------------------------------------------------------------------------------
select greatest(0, :news - count(*)) as new_news from news \gset

-- the random choices, one row per item (materialised: random() is called in a fixed order)
create temp table news_plan as
select g,
       1 + floor(random() * :ncities)::int as city_idx,
       random() < 0.92 as has_region,
       1 + floor(random() * :nverbs)::int as verb_idx,
       1 + floor(random() * :nobjects)::int as object_idx,
       1 + floor(random() * :nsuffixes)::int as suffix_idx,
       floor(random() * 4)::int as actor_kind,
       floor(random() * :nmembers)::int as member1,
       1 + floor(random() * 19)::int as member_step,
       case when random() < 0.2 then 0 when random() < 0.62 then 1 when random() < 0.7 then 2 else 3 end as member_count,
       floor(random() * :ntags)::int as tag1,
       1 + floor(random() * 6)::int as tag_step,
       1 + floor(random() * 3)::int as tag_count,
       random() < 0.7 as has_image,
       random() < 0.3 as has_link,
       random() < 0.35 as has_list,
       date_trunc('second', :'anchor'::timestamptz - random() * interval '5 years' - interval '1 second') as published_at,
       random() * interval '48 hours' as lead_time,
       array[1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int,
             1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int,
             1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int,
             1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int,
             1 + floor(random() * :ns)::int] as s,
       array[1 + floor(random() * :nitems)::int, 1 + floor(random() * :nitems)::int,
             1 + floor(random() * :nitems)::int] as li
from generate_series(1, :new_news) g;

create temp table news_text as
select p.g, p.published_at, p.lead_time, p.has_region, p.has_image, p.has_link, p.tag1, p.tag_step, p.tag_count,
       c.name as place, c.state,
       t.title, t.actor, t.object,
       -- four paragraphs of 3-4 sentences, the first with a bold lead; a list in about a third
       array_remove(array[
           '**' || t.actor || ' ' || v.verbs[p.verb_idx] || ' ' || v.objects[p.object_idx] || ':** '
               || replace(v.sentences[p.s[1]] || ' ' || v.sentences[p.s[2]] || ' ' || v.sentences[p.s[3]], '{ort}', c.name),
           replace(v.sentences[p.s[4]] || ' ' || v.sentences[p.s[5]] || ' ' || v.sentences[p.s[6]], '{ort}', c.name),
           case when p.has_list then '- ' || v.items[p.li[1]] || E'\n- ' || v.items[1 + p.li[1] % :nitems]
                                     || E'\n- ' || v.items[1 + (p.li[1] + 1) % :nitems] end,
           replace(v.sentences[p.s[7]] || ' ' || v.sentences[p.s[8]] || ' ' || v.sentences[p.s[9]], '{ort}', c.name),
           replace(v.sentences[p.s[10]] || ' ' || v.sentences[p.s[11]] || ' ' || v.sentences[p.s[12]] || ' '
                   || v.sentences[p.s[13]], '{ort}', c.name)
       ], null) as blocks,
       replace(v.sentences[p.s[1]], '{ort}', c.name) as teaser
from news_plan p
cross join vocab v
join city c on c.idx = p.city_idx
left join member_pick m on m.idx = p.member1
cross join lateral (
    select a.actor,
           v.objects[p.object_idx] as object,
           a.actor || ' ' || v.verbs[p.verb_idx] || ' ' || v.objects[p.object_idx] || v.suffixes[p.suffix_idx] as title
    from (select case p.actor_kind when 0 then 'Stadt ' || c.name
                                   when 1 then 'Landkreis ' || c.name
                                   when 2 then coalesce(m.short_name, 'Stadt ' || c.name)
                                   else 'Kreisverwaltung ' || c.name end as actor) a
) t;

insert into news (id, slug, title, teaser, body, body_html, image_url, image_alt, image_credit, links, tags,
                  region_state, region_place, published_at, created_at, updated_at, version, status)
select md5('ticker-bench-news-' || n.g)::uuid,
       base || case when row_number() over (partition by base order by n.g) > 1
                    then '-' || row_number() over (partition by base order by n.g) else '' end,
       n.title,
       n.teaser,
       array_to_string(n.blocks, E'\n\n'),
       (select string_agg(case when b like '- %'
                               then '<ul><li>' || replace(substr(b, 3), E'\n- ', '</li><li>') || '</li></ul>'
                               else pg_temp.para_html(b) end, E'\n' order by o)
        from unnest(n.blocks) with ordinality as u(b, o)),
       case when n.has_image then 'https://bilder.ticker.example/news/' || n.g || '.jpg' end,
       case when n.has_image then 'Symbolbild: ' || n.object end,
       case when n.has_image then 'Foto: ' || n.actor end,
       case when n.has_link
            then jsonb_build_array(jsonb_build_object('label', 'Zur Pressemitteilung',
                                                      'url', 'https://presse.ticker.example/' || n.g))
            else '[]'::jsonb end,
       (select array_agg(v.tags[1 + (n.tag1 + k * n.tag_step) % :ntags] order by k)::varchar[]
        from generate_series(0, n.tag_count - 1) k),
       case when n.has_region then n.state end,
       case when n.has_region then n.place end,
       n.published_at,
       n.published_at - date_trunc('second', n.lead_time),
       n.published_at - date_trunc('second', n.lead_time),
       1,
       'published'
from news_text n
cross join vocab v
cross join lateral (select pg_temp.slugify(n.title) as base) s;

insert into news_member (news_id, member_id, position)
select md5('ticker-bench-news-' || p.g)::uuid, m.id, k
from news_plan p
cross join lateral generate_series(0, p.member_count - 1) k
join member_pick m on m.idx = (p.member1 + k * p.member_step) % :nmembers;

select pg_temp.progress('news', (select count(*) from news) || ' rows', :'step', :'t0');
select clock_timestamp() as step \gset

------------------------------------------------------------------------------------------
-- Issues: numbers 1..:issues (those that exist are kept), every 3-4 days back from the anchor,
-- each with 10-20 news items of its time in 1-3 sections
------------------------------------------------------------------------------------------
create temp table news_rank as
select row_number() over (order by published_at, id) as rn, id from news;
select count(*) as nnews from news_rank \gset

create temp table issue_plan as
select n as number,
       10 + floor(random() * 11)::int as item_count,
       1 + floor(random() * 3)::int as section_count,
       1 + floor(random() * :ncities)::int as city_idx,
       random() < 0.6 as has_hero,
       array[1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int,
             1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int] as s,
       (:'anchor'::date - ((:issues - n) * 1826 / :issues)) as issue_date
from generate_series(1, :issues) n
where not exists (select 1 from issue i where i.number = n);

insert into issue (id, slug, number, title, issue_date, place, editorial_salutation, editorial_body,
                   editorial_body_html, editorial_signoff, hero_url, hero_alt, hero_caption, hero_credit,
                   created_at, updated_at, version)
select md5('ticker-bench-issue-' || p.number)::uuid,
       'branchenticker-nr-' || p.number,
       p.number,
       'Branchenticker Nr. ' || p.number,
       p.issue_date,
       c.name,
       'Liebe Leserinnen und Leser,',
       e.p1 || E'\n\n' || e.p2,
       pg_temp.para_html(e.p1) || E'\n' || pg_temp.para_html(e.p2),
       E'Mit herzlichen Grüßen\nIhre Redaktion des Branchentickers',
       case when p.has_hero then 'https://bilder.ticker.example/issues/' || p.number || '.jpg' end,
       case when p.has_hero then 'Teilnehmende der Fachtagung in ' || c.name end,
       case when p.has_hero then 'Die Fachtagung in ' || c.name || ' war gut besucht.' end,
       case when p.has_hero then 'Foto: Redaktion' end,
       ts, ts, 1
from issue_plan p
cross join vocab v
join city c on c.idx = p.city_idx
cross join lateral (select replace(v.sentences[p.s[1]] || ' ' || v.sentences[p.s[2]] || ' ' || v.sentences[p.s[3]],
                                   '{ort}', c.name) as p1,
                           replace(v.sentences[p.s[4]] || ' ' || v.sentences[p.s[5]], '{ort}', c.name) as p2) e
cross join lateral (select (p.issue_date - 1)::timestamp at time zone 'UTC' + interval '9 hours' as ts) t;

insert into issue_section (id, issue_id, position, heading)
select md5('ticker-bench-issue-' || p.number || '-section-' || sec)::uuid,
       md5('ticker-bench-issue-' || p.number)::uuid,
       sec,
       v.headings[1 + (p.number + sec) % :nheadings]
from issue_plan p
cross join vocab v
cross join lateral generate_series(0, p.section_count - 1) sec;

-- item j of an issue goes into section j * sections / items; the items are the news published
-- around the issue's date (ranks spread evenly over the whole range)
insert into issue_section_news (section_id, position, news_id)
select md5('ticker-bench-issue-' || x.number || '-section-' || x.section)::uuid,
       row_number() over (partition by x.number, x.section order by x.j) - 1,
       r.id
from (select p.number, j, (j * p.section_count / p.item_count) as section,
             greatest(1, least(:nnews - p.item_count + 1,
                               ((p.number - 1)::bigint * :nnews / :issues)::int + 1)) + j as rn
      from issue_plan p
      cross join lateral generate_series(0, p.item_count - 1) j) x
join news_rank r on r.rn = x.rn;

select pg_temp.progress('issues', (select count(*) from issue) || ' rows', :'step', :'t0');
select clock_timestamp() as step \gset

------------------------------------------------------------------------------------------
-- Events (migration V4), when the table exists: over three years before and one after the anchor
------------------------------------------------------------------------------------------
select to_regclass('public.event') is not null as has_events, to_regclass('public.job') is not null as has_jobs \gset

\if :has_events
select greatest(0, :events - count(*)) as new_events from event \gset

create temp table event_plan as
select g,
       (:'anchor'::date - 1095 + floor(random() * 1461)::int) as start_date,
       case when random() < 0.25 then 1 + floor(random() * 2)::int end as extra_days,
       case when random() < 0.7 then make_time(8 + floor(random() * 8)::int, (floor(random() * 2) * 30)::int, 0) end
           as start_time,
       case when random() < 0.6 then 1 + floor(random() * 6)::int end as hours,
       (array['in_person', 'in_person', 'in_person', 'in_person', 'in_person', 'online', 'online', 'online',
              'hybrid', 'hybrid'])[1 + floor(random() * 10)::int] as format,
       1 + floor(random() * :ncities)::int as city_idx,
       floor(random() * :nmembers)::int as member_idx,
       random() as organizer_kind,
       1 + floor(random() * 8)::int as kind_idx,
       1 + floor(random() * :nobjects)::int as object_idx,
       array[1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int] as s
from generate_series(1, :new_events) g;

insert into event (id, slug, title, description, description_html, start_date, end_date, start_time, end_time,
                   time_zone, location_city, location_venue, format, organizer_name, organizer_member_id, url,
                   created_at, updated_at, version)
select md5('ticker-bench-event-' || e.g)::uuid,
       base || case when row_number() over (partition by base order by e.g) > 1
                    then '-' || row_number() over (partition by base order by e.g) else '' end,
       t.title,
       t.d,
       pg_temp.para_html(t.d),
       e.start_date,
       e.start_date + e.extra_days,
       e.start_time,
       case when e.start_time is not null and e.hours is not null
            then least(e.start_time + make_interval(hours => e.hours), time '22:00') end,
       'Europe/Berlin',
       case when e.format <> 'online' then c.name end,
       case when e.format <> 'online' then (array['Rathaus', 'Kongresszentrum', 'Stadthalle', 'Technologiezentrum',
                                                  'Landratsamt'])[1 + e.g % 5] || ' ' || c.name end,
       e.format,
       case when e.organizer_kind < 0.4 then m.name
            when e.organizer_kind < 0.9 then (array['Deutscher Landkreistag', 'Deutscher Städtetag', 'KGSt', 'FITKO',
                                                    'Behörden Spiegel', 'Nationaler Normenkontrollrat'])[1 + e.g % 6] end,
       case when e.organizer_kind < 0.4 then m.id end,
       'https://termine.ticker.example/' || e.g,
       ts, ts, 1
from event_plan e
cross join vocab v
join city c on c.idx = e.city_idx
join member_pick m on m.idx = e.member_idx
cross join lateral (
    select (array['Fachtagung', 'Webinar', 'Anwendertreffen', 'Workshop', 'Kongress', 'Arbeitskreis', 'Infotag',
                  'Barcamp'])[e.kind_idx] || ' '
               || (array['Digitale Verwaltung', 'E-Akte in der Praxis', 'OZG-Umsetzung', 'KI in der Verwaltung',
                         'Informationssicherheit', 'Open Source im öffentlichen Sektor', 'Registermodernisierung',
                         'Smart City', 'Cloud-Strategien', 'Barrierefreiheit', 'Datenschutz', 'Geodaten',
                         'Digitale Schule', 'Fachkräftegewinnung'])[1 + e.object_idx % 14]
               || case when e.format = 'online' then ' (online)' else ' in ' || c.name end as title,
           replace(v.sentences[e.s[1]] || ' ' || v.sentences[e.s[2]] || ' ' || v.sentences[e.s[3]], '{ort}', c.name) as d
) t
cross join lateral (select pg_temp.slugify(t.title) as base,
                           date_trunc('second', (e.start_date - 60)::timestamp at time zone 'UTC' + interval '10 hours') as ts) s;

select pg_temp.progress('events', (select count(*) from event) || ' rows', :'step', :'t0');
select clock_timestamp() as step \gset
\else
\echo '[gen] events   skipped: no table event (migration V4__events.sql is not in this build)'
\endif

------------------------------------------------------------------------------------------
-- Jobs (migration V5), when the table exists: posted over the year before the anchor, valid 30-120 days
------------------------------------------------------------------------------------------
\if :has_jobs
select greatest(0, :jobs - count(*)) as new_jobs from job \gset

create temp table job_plan as
select g,
       1 + floor(random() * 12)::int as title_idx,
       random() < 0.8 as member_employer,
       floor(random() * :nmembers)::int as member_idx,
       1 + floor(random() * :ncities)::int as city_idx,
       (array['full_time', 'full_time', 'full_time', 'full_time', 'full_time', 'full_time', 'part_time', 'part_time',
              'contract', 'temporary', 'internship', 'apprenticeship', 'working_student'])[1 + floor(random() * 13)::int]
           as employment_type,
       (array['none', 'none', 'none', 'none', 'hybrid', 'hybrid', 'hybrid', 'hybrid', 'hybrid', 'full'])[1 + floor(random() * 10)::int]
           as remote,
       case when random() < 0.8 then 'E ' || (9 + floor(random() * 7)::int) || ' TVöD' end as salary,
       date_trunc('second', :'anchor'::timestamptz - random() * interval '365 days') as created_at,
       30 + floor(random() * 91)::int as valid_days,
       array[1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int, 1 + floor(random() * :ns)::int] as s
from generate_series(1, :new_jobs) g;

insert into job (id, slug, title, employer_name, employer_member_id, location_city, location_state, employment_type,
                 remote, salary, description, description_html, apply_url, valid_through, created_at, updated_at, version)
select md5('ticker-bench-job-' || j.g)::uuid,
       base || case when row_number() over (partition by base order by j.g) > 1
                    then '-' || row_number() over (partition by base order by j.g) else '' end,
       t.title,
       case when j.member_employer then m.name else 'Stadtverwaltung ' || c.name end,
       case when j.member_employer then m.id end,
       case when j.member_employer then m.city else c.name end,
       case when j.member_employer then m.state else c.state end,
       j.employment_type,
       j.remote,
       j.salary,
       t.d,
       pg_temp.para_html(t.d),
       'https://karriere.ticker.example/stellen/' || j.g,
       (j.created_at at time zone 'Europe/Berlin')::date + j.valid_days,
       j.created_at, j.created_at, 1
from job_plan j
cross join vocab v
join city c on c.idx = j.city_idx
join member_pick m on m.idx = j.member_idx
cross join lateral (
    select (array['IT-Systemadministrator', 'Softwareentwickler Java', 'Projektleitung OZG-Umsetzung',
                  'Informationssicherheitsbeauftragte', 'Fachinformatiker Anwendungsentwicklung', 'Data Engineer',
                  'Cloud-Architektin', 'Scrum Master', 'Netzwerkadministratorin', 'IT-Support im Bürgerservice',
                  'Datenschutzkoordinator', 'Produktverantwortliche E-Akte'])[j.title_idx]
               || ' (m/w/d) in ' || coalesce(case when j.member_employer then m.city end, c.name) as title,
           replace(v.sentences[j.s[1]] || ' ' || v.sentences[j.s[2]] || ' ' || v.sentences[j.s[3]], '{ort}', c.name) as d
) t
cross join lateral (select pg_temp.slugify(t.title) as base) s;

select pg_temp.progress('jobs', (select count(*) from job) || ' rows', :'step', :'t0');
select clock_timestamp() as step \gset
\else
\echo '[gen] jobs     skipped: no table job (migration V5__jobs.sql is not in this build)'
\endif

------------------------------------------------------------------------------------------
-- The bench reads what readers see: everything generated is published (migration V14), issues,
-- events and postings dated at their creation (news items carry their own date)
------------------------------------------------------------------------------------------
update issue set status = 'published', published_at = created_at where status <> 'published';
update event set status = 'published', published_at = created_at where status <> 'published';
update job set status = 'published', published_at = created_at where status <> 'published';

------------------------------------------------------------------------------------------
-- Checks: what the API would refuse must not be there
------------------------------------------------------------------------------------------
do $$
declare
    bad bigint;
    t text;
begin
    foreach t in array array['member', 'news', 'issue', 'event', 'job'] loop
        if to_regclass('public.' || t) is null then
            continue;
        end if;
        execute format($q$select count(*) from %I
                         where slug !~ '^[a-z0-9]+(-[a-z0-9]+)*$' or length(slug) > 80
                            or slug ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                            or version < 1 or updated_at < created_at
                            or created_at <> date_trunc('second', created_at)
                            or updated_at <> date_trunc('second', updated_at)$q$, t) into bad;
        if bad > 0 then
            raise exception 'generated % rows that the API would not accept: %', t, bad;
        end if;
    end loop;
    select count(*) into bad from news
     where published_at <> date_trunc('second', published_at) or length(title) > 300 or length(teaser) > 2000
        or (region_state is not null and region_state !~ '^[A-Z]{2}-[A-Z0-9]{1,3}$')
        or cardinality(tags) not between 0 and 30 or (image_url is not null and image_alt is null);
    if bad > 0 then
        raise exception 'generated news items that the API would not accept: %', bad;
    end if;
    select count(*) into bad from (select news_id from news_member group by news_id having count(*) <> count(distinct member_id)) d;
    if bad > 0 then
        raise exception 'news items with a member listed twice: %', bad;
    end if;
end
$$;

select pg_temp.progress('checked', 'ok', :'step', :'t0');
select clock_timestamp() as step \gset

-- settle the tables: visibility map and statistics now, so autovacuum does not start in the middle
-- of a measured run (VACUUM ANALYZE is ANALYZE plus the vacuum pass the bulk insert would trigger)
vacuum analyze;

select pg_temp.progress('vacuum', 'analyze', :'step', :'t0');
