package dev.ticker.list;

import static dev.ticker.Fixtures.createEvent;
import static dev.ticker.Fixtures.createIssue;
import static dev.ticker.Fixtures.createJob;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.ticker.Fixtures;
import dev.ticker.ResourceType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Lists page with keyset cursors that are stable while items are inserted between page requests
 * (DESIGN.md): paging visits every item that existed at the start exactly once, in the order of
 * the sort; a next page is announced in {@code page.next} and a {@code Link: <...>; rel="next"}
 * header, the last page has neither; an unchanged page answers a matching If-None-Match with
 * 304; a cursor only works with the sort it was made for; {@code limit} is 1-100 and sort fields
 * are whitelisted. Every check runs on every type.
 *
 * <p>Each test restricts a list to rows of its own (a {@link Scope}): news by a unique tag,
 * events by a unique organiser name, postings by a unique employer name, issues by a unique
 * issue date far in the future (from = to = that day) with numbers from a block no other test
 * uses, and members, which have no filter of unique values, as inactive members of a state that
 * no other test gives its members, one state per test.
 */
@QuarkusTest
class PaginationTest {

    /** States no other test gives its members; each member scope takes the next one. */
    private static final List<String> MEMBER_STATES = List.of("DE-SL", "DE-HB", "DE-SH", "DE-MV", "DE-ST", "DE-TH", "DE-BB");
    private static final AtomicInteger NEXT_MEMBER_STATE = new AtomicInteger();

    // --- every type ------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResourceType.class)
    void visitsEveryItemExactlyOnceWhileItemsAreInserted(ResourceType type) {
        Scope scope = Scope.of(type);
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < scope.initial(); i++) {
            expected.add(scope.create(i));
        }
        for (String sort : scope.sorts()) {
            int[] pages = { 0 };
            List<Map<String, Object>> seen = pageThrough(type.path(), scope.filter(), sort, scope.limit(),
                    () -> scope.insertBetweenPages(sort, ++pages[0]));
            assertVisitedOnce(expected, seen, sort);
            scope.assertOrder(sort, seen);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResourceType.class)
    void sendsALinkToTheNextPageAndNoneOnTheLast(ResourceType type) {
        Scope scope = Scope.of(type);
        for (int i = 0; i < 3; i++) {
            scope.create(i);
        }
        Response first = given().queryParams(scope.filter()).queryParam("limit", 2).get(type.path());
        first.then().statusCode(200).body("page.limit", equalTo(2)).body("page.total", equalTo(3)).body("items.size()", equalTo(2));
        String link = first.header("Link");
        String next = first.jsonPath().getString("page.next");
        assertNotNull(link, "a next page has a Link");
        assertTrue(link.startsWith("<http") && link.endsWith(">; rel=\"next\""), link);
        assertTrue(link.contains("cursor=" + next) && link.contains("limit=2"), link);
        for (String filter : scope.filter().keySet()) {
            assertTrue(link.contains(filter + "="), "the next page keeps the filter " + filter + ": " + link);
        }
        String url = link.substring(1, link.indexOf('>'));
        Response second = given().urlEncodingEnabled(false).get(url);
        second.then().statusCode(200).body("items.size()", equalTo(1)).body("page.next", nullValue());
        assertNull(second.header("Link"), "no Link on the last page");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResourceType.class)
    void answers304ForAnUnchangedPage(ResourceType type) {
        Scope scope = Scope.of(type);
        for (int i = 0; i < 3; i++) {
            scope.create(i);
        }
        String path = type.path();
        Function<String, RequestSpecification> page = cursor -> {
            RequestSpecification request = given().queryParams(scope.filter()).queryParam("limit", 2);
            return cursor == null ? request : request.queryParam("cursor", cursor);
        };
        Response first = page.apply(null).get(path);
        first.then().statusCode(200).body("items.size()", equalTo(2)).body("page.total", equalTo(3));
        String etag = first.header("ETag");
        assertNotNull(etag, "a list page has an ETag");
        String cursor = first.jsonPath().getString("page.next");
        assertNotNull(cursor);
        page.apply(null).header("If-None-Match", etag).get(path).then().statusCode(304).header("ETag", equalTo(etag));

        Response second = page.apply(cursor).get(path);
        second.then().statusCode(200).body("items.size()", equalTo(1));
        String secondEtag = second.header("ETag");
        assertNotNull(secondEtag);
        page.apply(cursor).header("If-None-Match", secondEtag).get(path).then().statusCode(304)
                .header("ETag", equalTo(secondEtag));

        // a new item changes the page (total 4): the old ETag no longer matches
        scope.create(3);
        page.apply(null).header("If-None-Match", etag).get(path).then().statusCode(200)
                .header("ETag", not(equalTo(etag))).body("page.total", equalTo(4));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResourceType.class)
    void rejectsACursorOfAnotherSort(ResourceType type) {
        Scope scope = Scope.of(type);
        scope.create(0);
        scope.create(1);
        String next = given().queryParams(scope.filter()).queryParam("limit", 1).get(type.path())
                .then().statusCode(200).extract().jsonPath().getString("page.next");
        assertNotNull(next);
        given().queryParams(scope.filter()).queryParam("limit", 1).queryParam("sort", scope.otherSort()).queryParam("cursor", next)
                .get(type.path()).then().statusCode(400).contentType("application/problem+json");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResourceType.class)
    void boundsTheLimit(ResourceType type) {
        given().queryParam("limit", 0).get(type.path()).then().statusCode(400);
        given().queryParam("limit", 101).get(type.path()).then().statusCode(400);
        given().queryParam("limit", 100).get(type.path()).then().statusCode(200).body("page.limit", equalTo(100));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResourceType.class)
    void rejectsUnknownAndRepeatedSortFields(ResourceType type) {
        String field = Scope.sortField(type);
        // the answer lists the fields that may be used
        given().queryParam("sort", "password").get(type.path()).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(field));
        given().queryParam("sort", "-" + field + ",-" + field).get(type.path()).then().statusCode(400)
                .contentType("application/problem+json");
    }

    // --- members: nulls and ties -------------------------------------------------------------------

    @Test
    void pagesThroughASortOfMembersWithNullsAndTies() {
        Scope scope = Scope.of(ResourceType.MEMBERS);
        String city = unique("Stadt");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Map<String, Object> member = Fixtures.member(unique("Sortiert"));
            member.put("state", scope.filter().get("state"));
            member.put("active", false);
            member.put("city", city);
            member.put("memberSince", i % 3 == 0 ? null : 2000 + i % 2); // ties and nulls
            ids.add((String) createMember(member).get("id"));
        }
        for (String sort : List.of("memberSince", "-memberSince", "city,-memberSince", "-createdAt")) {
            List<Map<String, Object>> seen = pageThrough(ResourceType.MEMBERS.path(), scope.filter(), sort, 2, () -> {
            });
            assertVisitedOnce(Set.copyOf(ids), seen, sort);
        }
    }

    // --- news: items without a publication date (drafts) ------------------------------------------

    @Test
    void pagesThroughNewsWithAndWithoutAPublicationDate() {
        String tag = unique("Ohne Datum");
        Set<String> all = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            Map<String, Object> body = Fixtures.news(unique("Datiert"));
            body.put("tags", List.of(tag));
            body.put("publishedAt", "2025-10-0" + (1 + i % 3) + "T08:00:00Z"); // ties
            all.add((String) createNews(body).get("id"));
        }
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = Fixtures.news(unique("Entwurf"));
            body.put("tags", List.of(tag));
            body.put("status", "draft"); // no publishedAt: last in both directions
            all.add((String) createNews(body).get("id"));
        }
        for (String sort : List.of("-publishedAt", "publishedAt")) {
            List<String> ids = new ArrayList<>();
            List<String> dates = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                RequestSpecification request = Fixtures.admin().queryParam("tag", tag).queryParam("status", "draft,published")
                        .queryParam("sort", sort).queryParam("limit", 2);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                Response page = request.get("/v1/news");
                page.then().statusCode(200);
                for (Map<String, Object> item : page.jsonPath().<Map<String, Object>>getList("items")) {
                    ids.add((String) item.get("id"));
                    dates.add((String) item.get("publishedAt"));
                }
                cursor = page.jsonPath().getString("page.next");
            } while (cursor != null && ++pages < 20);
            assertEquals(all.size(), ids.size(), sort + ": every item once " + ids);
            assertEquals(all, Set.copyOf(ids), sort);
            List<String> dated = dates.subList(0, 7);
            List<String> sorted = new ArrayList<>(dated);
            sorted.sort(sort.startsWith("-") ? Comparator.reverseOrder() : Comparator.naturalOrder());
            assertEquals(sorted, dated, sort + ": the dated items first, in order");
            assertTrue(dates.subList(7, dates.size()).stream().allMatch(java.util.Objects::isNull), sort + ": then the drafts " + dates);
        }
    }

    // --- paging ----------------------------------------------------------------------------------

    /**
     * Pages through a filtered list with the given sort (null: the default), running
     * {@code between} after every page, and answers the items seen in order.
     */
    private static List<Map<String, Object>> pageThrough(String path, Map<String, String> filter, String sort, int limit,
            Runnable between) {
        List<Map<String, Object>> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = given().queryParams(filter).queryParam("limit", limit);
            if (sort != null) {
                request.queryParam("sort", sort);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get(path);
            page.then().statusCode(200).body("page.limit", equalTo(limit));
            List<Map<String, Object>> items = page.jsonPath().getList("items");
            assertTrue(items.size() <= limit, "at most limit items: " + items.size());
            seen.addAll(items);
            cursor = page.jsonPath().getString("page.next");
            if (cursor != null) {
                String link = page.header("Link");
                assertNotNull(link, "a next page has a Link");
                assertTrue(link.endsWith(">; rel=\"next\""), link);
            }
            pages++;
            between.run();
        } while (cursor != null && pages < 50);
        assertTrue(cursor == null, "paging ends: " + path + " " + filter + " sort=" + sort);
        return seen;
    }

    private static void assertVisitedOnce(Set<String> expected, List<Map<String, Object>> seen, String sort) {
        List<String> ids = seen.stream().map(item -> (String) item.get("id")).toList();
        String label = sort == null ? "default sort" : "sort=" + sort;
        assertEquals(ids.size(), new HashSet<>(ids).size(), label + ": no item twice " + ids);
        assertTrue(ids.containsAll(expected), label + ": every item that existed at the start was visited");
    }

    // --- the rows of one test, per type --------------------------------------------------------------

    /**
     * The rows of one test: a filter that finds exactly them, the rows to page through (with the
     * ties and nulls of the type's sorts), the sorts to page with, what is inserted between two
     * pages, and the order each sort must produce.
     */
    private abstract static class Scope {

        static Scope of(ResourceType type) {
            return switch (type) {
                case MEMBERS -> new Members();
                case NEWS -> new News();
                case EVENTS -> new Events();
                case JOBS -> new Jobs();
                case ISSUES -> new Issues();
            };
        }

        /** A sort field whose name an answer to an unknown sort field lists. */
        static String sortField(ResourceType type) {
            return switch (type) {
                case MEMBERS -> "name";
                case NEWS -> "publishedAt";
                case EVENTS -> "startDate";
                case JOBS -> "validThrough";
                case ISSUES -> "number";
            };
        }

        abstract Map<String, String> filter();

        /** Makes the i-th row of the scope and answers its id. */
        abstract String create(int i);

        int initial() {
            return 12;
        }

        int limit() {
            return 4;
        }

        /** The sorts to page with; null is the default. */
        List<String> sorts() {
            List<String> sorts = new ArrayList<>();
            sorts.add(null);
            return sorts;
        }

        /** Runs after each page of a sort: rows sorting before, after and level with what is paged. */
        abstract void insertBetweenPages(String sort, int page);

        /** A sort other than the default. */
        abstract String otherSort();

        void assertOrder(String sort, List<Map<String, Object>> items) {
        }
    }

    /** Inactive members of a state that no other test uses. */
    private static final class Members extends Scope {
        private final String state = MEMBER_STATES.get(NEXT_MEMBER_STATE.getAndIncrement() % MEMBER_STATES.size());

        @Override
        Map<String, String> filter() {
            Map<String, String> filter = new LinkedHashMap<>();
            filter.put("state", state);
            filter.put("active", "false");
            return filter;
        }

        private String create(String name) {
            Map<String, Object> member = Fixtures.member(name);
            member.put("state", state);
            member.put("active", false);
            return (String) createMember(member).get("id");
        }

        @Override
        String create(int i) {
            return create(unique("Mitglied " + (char) ('C' + i % 3)));
        }

        @Override
        List<String> sorts() {
            List<String> sorts = super.sorts();
            sorts.add("-createdAt");
            return sorts;
        }

        @Override
        void insertBetweenPages(String sort, int page) {
            // by name: one before everything and one after everything
            create(unique("A Mitglied"));
            create(unique("Z Mitglied"));
        }

        @Override
        String otherSort() {
            return "city";
        }
    }

    /** News items of a unique tag. */
    private static final class News extends Scope {
        private final String tag = unique("Blättern");

        @Override
        Map<String, String> filter() {
            return Map.of("tag", tag);
        }

        private String create(String publishedAt) {
            Map<String, Object> body = Fixtures.news(unique("Seite"));
            body.put("tags", List.of(tag));
            body.put("publishedAt", publishedAt);
            return (String) createNews(body).get("id");
        }

        @Override
        String create(int i) {
            return create("2025-11-" + String.format("%02d", 1 + i % 28) + "T08:00:00Z");
        }

        @Override
        int initial() {
            return 23;
        }

        @Override
        int limit() {
            return 5;
        }

        @Override
        void insertBetweenPages(String sort, int page) {
            // one newer than everything, one older than everything
            create("2026-01-0" + Math.min(page, 9) + "T08:00:00Z");
            create("2024-01-0" + Math.min(page, 9) + "T08:00:00Z");
        }

        @Override
        String otherSort() {
            return "title";
        }
    }

    /** Events of a unique organiser name. */
    private static final class Events extends Scope {
        private final String organizer = unique("Blätterveranstalter");
        private int inserted;

        @Override
        Map<String, String> filter() {
            return Map.of("organizer", organizer);
        }

        private String create(String startDate, String startTime) {
            Map<String, Object> event = Fixtures.event(unique("Termin"));
            event.put("startDate", startDate);
            if (startTime != null) {
                event.put("startTime", startTime);
            }
            event.put("organizer", Map.of("name", organizer));
            return (String) createEvent(event).get("id");
        }

        @Override
        String create(int i) {
            // four days, each with an all-day event and timed ones, several at the same time: ties
            String time = i % 3 == 0 ? null : i % 2 == 0 ? "10:00" : "08:15";
            return create("2025-11-2" + (i % 4), time);
        }

        @Override
        int initial() {
            return 13;
        }

        @Override
        List<String> sorts() {
            List<String> sorts = super.sorts();
            sorts.add("-startDate");
            return sorts;
        }

        @Override
        void insertBetweenPages(String sort, int page) {
            // sooner than everything, later than everything, and a tie
            int n = ++inserted;
            create("2025-01-" + String.format("%02d", 1 + n % 28), null);
            create("2026-12-" + String.format("%02d", 1 + n % 28), "23:00");
            create("2025-11-21", "08:15");
        }

        @Override
        void assertOrder(String sort, List<Map<String, Object>> items) {
            // by the local start, all-day (00:00) first on its day
            List<String> starts = items.stream().map(e -> e.get("startDate") + "T"
                    + (e.get("startTime") == null ? "00:00" : e.get("startTime"))).toList();
            List<String> sorted = new ArrayList<>(starts);
            sorted.sort(sort == null ? null : Comparator.reverseOrder());
            assertEquals(sorted, starts, "pages in " + (sort == null ? "the default" : sort) + " order");
        }

        @Override
        String otherSort() {
            return "title";
        }
    }

    /** Job postings of a unique employer name. */
    private static final class Jobs extends Scope {
        private final String employer = unique("Blätterarbeitgeber");
        private int inserted;

        @Override
        Map<String, String> filter() {
            return Map.of("employer", employer);
        }

        private String create(String validThrough) {
            Map<String, Object> job = Fixtures.job(unique("Stelle"));
            job.put("employer", Map.of("name", employer));
            job.put("validThrough", validThrough);
            return (String) createJob(job).get("id");
        }

        @Override
        String create(int i) {
            // open-ended postings (null validThrough) and ties
            return create(i % 3 == 0 ? null : "2099-0" + (1 + i % 2) + "-15");
        }

        @Override
        int initial() {
            return 11;
        }

        @Override
        int limit() {
            return 3;
        }

        @Override
        List<String> sorts() {
            List<String> sorts = super.sorts();
            sorts.add("validThrough");
            sorts.add("-validThrough");
            return sorts;
        }

        @Override
        void insertBetweenPages(String sort, int page) {
            int n = ++inserted;
            String day = String.format("%02d", 1 + n % 28);
            // all newest by createdAt: one before everything in the validThrough order, one tie, and an
            // open-ended one (last in both directions). At most two land behind the cursor while a page
            // takes three, so paging ends.
            create("-validThrough".equals(sort) ? "2100-01-" + day : "2098-12-" + day);
            create("2099-01-15");
            create(null);
        }

        @Override
        void assertOrder(String sort, List<Map<String, Object>> items) {
            if (sort == null) {
                List<String> createdAt = items.stream().map(j -> (String) j.get("createdAt")).toList();
                List<String> sorted = new ArrayList<>(createdAt);
                sorted.sort(Comparator.reverseOrder());
                assertEquals(sorted, createdAt, "newest first");
            } else {
                // open-ended postings come last in both directions
                List<Object> validThrough = items.stream().map(j -> j.get("validThrough")).toList();
                int firstNull = validThrough.indexOf(null);
                assertTrue(firstNull > 0, validThrough.toString());
                assertTrue(validThrough.subList(firstNull, validThrough.size()).stream().allMatch(v -> v == null), validThrough.toString());
                List<String> dated = validThrough.subList(0, firstNull).stream().map(String.class::cast).toList();
                List<String> sorted = new ArrayList<>(dated);
                sorted.sort(sort.startsWith("-") ? Comparator.reverseOrder() : null);
                assertEquals(sorted, dated, sort + " order");
            }
        }

        @Override
        String otherSort() {
            return "title";
        }
    }

    /** Issues of a unique day far in the future, numbered from a block of their own. */
    private static final class Issues extends Scope {
        private final int base = 700_000 + ThreadLocalRandom.current().nextInt(290) * 1000;
        private int low = base + 1;
        private int middle = base + 500;
        private int high = base + 800;
        private final String day = freeIssueDate();

        /** A day far in the future that no issue has. */
        private static String freeIssueDate() {
            for (int attempt = 0; attempt < 50; attempt++) {
                String day = LocalDate.of(2999, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(36_500)).toString();
                if (given().queryParam("from", day).queryParam("to", day).get("/v1/issues").then().statusCode(200)
                        .extract().<Integer>path("page.total") == 0) {
                    return day;
                }
            }
            throw new IllegalStateException("no free issue date");
        }

        /** The next free number of a part of the block: low (1-499), middle (500-799) or high (800-999). */
        private static int next(IntSupplier candidates) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int number = candidates.getAsInt();
                if (given().get("/v1/issues/" + number).statusCode() == 404) {
                    return number;
                }
            }
            throw new IllegalStateException("no free issue number");
        }

        @Override
        Map<String, String> filter() {
            return Map.of("from", day, "to", day);
        }

        private String createNumbered(int number) {
            Map<String, Object> issue = Fixtures.issue(number);
            issue.put("issueDate", day);
            return (String) createIssue(issue).get("id");
        }

        @Override
        String create(int i) {
            return createNumbered(next(() -> middle++));
        }

        @Override
        int limit() {
            return 5;
        }

        @Override
        List<String> sorts() {
            List<String> sorts = super.sorts();
            sorts.add("number");
            sorts.add("issueDate");
            return sorts;
        }

        @Override
        void insertBetweenPages(String sort, int page) {
            // a number above and one below everything (issueDate: all ties)
            createNumbered(next(() -> high++));
            createNumbered(next(() -> low++));
        }

        @Override
        void assertOrder(String sort, List<Map<String, Object>> items) {
            if (sort == null || sort.equals("number")) {
                List<Integer> order = items.stream().map(i -> (Integer) i.get("number")).toList();
                List<Integer> sorted = new ArrayList<>(order);
                sorted.sort(sort == null ? Comparator.reverseOrder() : null);
                assertEquals(sorted, order, sort == null ? "highest number first" : "lowest number first");
            }
        }

        @Override
        String otherSort() {
            return "issueDate";
        }
    }
}
