package dev.ticker.search;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import dev.ticker.TickerConfig;
import dev.ticker.content.Caller;
import dev.ticker.list.Cursor;
import dev.ticker.list.Filter;
import dev.ticker.list.ListSpec;
import dev.ticker.list.Page;
import dev.ticker.list.Ranked;
import dev.ticker.list.TextQuery;
import dev.ticker.problem.ProblemException;

/**
 * {@code GET /v1/search}: one ranked list of news items, issues, events, job postings and members
 * (docs/search.md). Like a list with {@code q}: the newest {@link TextQuery#WINDOW} matches the
 * caller may see are ranked; a page of them gets its snippets.
 */
@ApplicationScoped
public class SearchService {

    static final Filter<Set<SearchType>> TYPES = Filter.anyOf("types", SearchType.class,
            "Only these types, comma-separated; all when absent.", "news,events");
    static final Set<String> PARAMETERS = Set.of("q", "types", "limit", "cursor");

    /** Marks around the matched words in ts_headline's output: control characters, which no stored text holds. */
    private static final char MARK_START = '\u0001';
    private static final char MARK_END = '\u0002';
    private static final String HEADLINE = "StartSel=\u0001, StopSel=\u0002, MaxWords=24, MinWords=10, MaxFragments=2, "
            + "FragmentDelimiter=\" … \"";

    /** Snippets: the characters of a document's text looked at first, and where the rest starts (an overlap of 100). */
    private static final int HEAD = 600;
    private static final int REST = 500;

    private final EntityManager em;
    private final Caller caller;
    private final TickerConfig config;

    SearchService(EntityManager em, Caller caller, TickerConfig config) {
        this.em = em;
        this.caller = caller;
        this.config = config;
    }

    /** A search, its parameters checked: {@code q} (required), {@code types}, {@code limit}, {@code cursor}. */
    public record Request(TextQuery text, Set<SearchType> types, int limit, Cursor cursor) {

        public static Request parse(Map<String, List<String>> query) {
            Map<String, String> given = ListSpec.only(query, PARAMETERS);
            String q = given.get("q");
            if (q == null) {
                throw ProblemException.badRequest("'q' is required: the words to search for.");
            }
            TextQuery text = TextQuery.parse(q);
            Set<SearchType> types = given.get("types") == null ? Set.of(SearchType.values()) : TYPES.parse(given.get("types"));
            int limit = ListSpec.parseLimit(given.get("limit"));
            Cursor cursor = given.get("cursor") == null ? null : Cursor.decodeRanked(given.get("cursor"));
            return new Request(text, types, limit, cursor);
        }
    }

    @Transactional
    public Page<SearchHit> search(Request request) {
        TextQuery text = request.text();
        TextQuery.planForEachQuery(em);
        List<String> types = request.types().stream().map(SearchType::table).sorted().toList();
        List<Object[]> rows = window(request, types);
        boolean capped = rows.size() > TextQuery.WINDOW;
        List<Ranked> matches = Ranked.of(rows.subList(0, Math.min(rows.size(), TextQuery.WINDOW)));
        Ranked.RankedPage page = Ranked.page(matches, request.cursor(), request.limit());
        return new Page<>(hits(page, text), request.limit(), matches.size(), page.next(), capped);
    }

    /**
     * The newest {@link TextQuery#WINDOW} + 1 matches the caller may see, with their ranks (PostgreSQL
     * chooses the way, as for lists with {@code q}).
     */
    private List<Object[]> window(Request request, List<String> types) {
        TextQuery text = request.text();
        String visible = caller.seesUnpublished() ? "" : " and status = 'published'";
        Query window = em.createNativeQuery("with w as materialized (select id from search_document"
                + " where type in (:types) and (ticker_match(vector, :query)"
                + (text.infix() == null ? "" : " or lower(title) like :infix") + ")" + visible
                // job postings after their last day are not found, as the jobs list does not show them
                + " and (type <> 'job' or valid_through is null or valid_through >= :today)"
                + " order by recency desc, id desc"
                + " limit :window)"
                + " select cast(d.id as text), ticker_rank(d.vector, :query) from w join search_document d on d.id = w.id")
                .setParameter("types", types)
                .setParameter("query", text.tsquery())
                .setParameter("today", LocalDate.now(config.timeZone()))
                .setParameter("window", TextQuery.WINDOW + 1);
        if (text.infix() != null) {
            window.setParameter("infix", "%" + text.infix() + "%");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = window.getResultList();
        return rows;
    }

    /** The page's hits, with their snippets. */
    private List<SearchHit> hits(Ranked.RankedPage page, TextQuery text) {
        if (page.items().isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        // ts_headline parses all the text it is given: first the beginning (the teaser and the first paragraph, where
        // most matches are), only without a match there the rest, from the next word on (docs/search.md)
        List<Object[]> rows = em.createNativeQuery("select cast(d.id as text), d.type, d.slug, d.title,"
                + " case when strpos(h.head, chr(1)) > 0 or length(d.body) <= " + HEAD + " then h.head"
                + " else ts_headline('ticker', substr(d.body, " + REST + " + strpos(substr(d.body, " + REST + "), ' ')), q, :options) end"
                + " from search_document d cross join to_tsquery('ticker', :query) q"
                + " cross join lateral (select ts_headline('ticker', left(d.body, " + HEAD + "), q, :options) as head) h"
                + " where d.id in (:ids)")
                .setParameter("query", text.tsquery()).setParameter("options", HEADLINE).setParameter("ids", page.ids())
                .getResultList();
        Map<UUID, Object[]> byId = new HashMap<>();
        for (Object[] row : rows) {
            byId.put(UUID.fromString((String) row[0]), row);
        }
        List<SearchHit> hits = new ArrayList<>();
        for (Ranked match : page.items()) {
            Object[] row = byId.get(match.id());
            if (row != null) { // deleted since the window was read: left out
                hits.add(new SearchHit(SearchType.ofTable((String) row[1]), match.id(), (String) row[2],
                        (String) row[3], match.rank(), snippet((String) row[4])));
            }
        }
        return hits;
    }

    /** ts_headline's passage as HTML: everything escaped, the marks of the matches as {@code <mark>}. */
    static String snippet(String headline) {
        if (headline == null) {
            return "";
        }
        StringBuilder html = new StringBuilder(headline.length() + 32);
        for (int i = 0; i < headline.length(); i++) {
            char c = headline.charAt(i);
            switch (c) {
                case MARK_START -> html.append("<mark>");
                case MARK_END -> html.append("</mark>");
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                default -> html.append(c);
            }
        }
        return html.toString();
    }
}
