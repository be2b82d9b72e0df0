package dev.ticker.web;

import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Keyset cursors of events, job postings and issues are stable while items are inserted between
 * page requests (DESIGN.md): paging visits every item that existed at the start exactly once, in
 * the order of the sort, and an unchanged list page answers a matching If-None-Match with 304.
 *
 * <p>Each test restricts the lists to rows of its own: events by a unique organiser name, jobs by a
 * unique employer name, issues by a unique issue date far in the future (from = to = that day) and
 * issue numbers from a block that no other test uses.
 */
@QuarkusTest
class PaginationForEventsJobsIssuesTest {

    private static final String EVENTS = "/v1/events";
    private static final String JOBS = "/v1/jobs";
    private static final String ISSUES = "/v1/issues";

    // --- events --------------------------------------------------------------------------------

    private static Map<String, Object> event(String organizer, String startDate, String startTime) {
        Map<String, Object> event = new HashMap<>();
        event.put("title", unique("Termin"));
        event.put("startDate", startDate);
        if (startTime != null) {
            event.put("startTime", startTime);
        }
        event.put("format", "in_person");
        event.put("organizer", Map.of("name", organizer));
        return event;
    }

    private static String createEvent(String organizer, String startDate, String startTime) {
        return (String) create(EVENTS, event(organizer, startDate, startTime)).get("id");
    }

    @Test
    void visitsEveryEventExactlyOnceWhileEventsAreInserted() {
        String organizer = unique("Blätterveranstalter");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 13; i++) {
            // four days, each with an all-day event and timed ones, several at the same time: ties
            String time = i % 3 == 0 ? null : i % 2 == 0 ? "10:00" : "08:15";
            expected.add(createEvent(organizer, "2025-11-2" + (i % 4), time));
        }
        int[] inserted = { 0 };
        for (String sort : new String[] { null, "-startDate" }) {
            List<Map<String, Object>> seen = pageThrough(EVENTS, Map.of("organizer", organizer), sort, 4, () -> {
                // between page requests: sooner than everything, later than everything, and a tie
                int n = ++inserted[0];
                createEvent(organizer, "2025-01-" + String.format("%02d", 1 + n % 28), null);
                createEvent(organizer, "2026-12-" + String.format("%02d", 1 + n % 28), "23:00");
                createEvent(organizer, "2025-11-21", "08:15");
            });
            assertVisitedOnce(expected, seen, sort);
            // in the order of the sort: by the local start, all-day (00:00) first on its day
            List<String> starts = seen.stream().map(e -> e.get("startDate") + "T"
                    + (e.get("startTime") == null ? "00:00" : e.get("startTime"))).toList();
            List<String> sorted = new ArrayList<>(starts);
            sorted.sort(sort == null ? null : java.util.Comparator.reverseOrder());
            assertEquals(sorted, starts, "pages in " + (sort == null ? "the default" : sort) + " order");
        }
    }

    @Test
    void answers304ForAnUnchangedPageOfEvents() {
        String organizer = unique("Etagveranstalter");
        for (int i = 0; i < 3; i++) {
            createEvent(organizer, "2025-12-0" + (1 + i), null);
        }
        assert304ForUnchangedPages(EVENTS, Map.of("organizer", organizer),
                () -> createEvent(organizer, "2025-12-01", "09:00"));
    }

    // --- jobs ----------------------------------------------------------------------------------

    private static String createJob(String employer, String validThrough) {
        Map<String, Object> job = new HashMap<>();
        job.put("title", unique("Stelle"));
        job.put("employer", Map.of("name", employer));
        job.put("validThrough", validThrough);
        return (String) create(JOBS, job).get("id");
    }

    @Test
    void visitsEveryJobPostingExactlyOnceWhilePostingsAreInserted() {
        String employer = unique("Blätterarbeitgeber");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 11; i++) {
            // open-ended postings (null validThrough) and ties
            expected.add(createJob(employer, i % 3 == 0 ? null : "2099-0" + (1 + i % 2) + "-15"));
        }
        int[] inserted = { 0 };
        for (String sort : new String[] { null, "validThrough", "-validThrough" }) {
            List<Map<String, Object>> seen = pageThrough(JOBS, Map.of("employer", employer), sort, 3, () -> {
                int n = ++inserted[0];
                String day = String.format("%02d", 1 + n % 28);
                // between page requests, all newest by createdAt: one before everything in the validThrough
                // order, one tie, and an open-ended one (last in both directions). At most two land behind
                // the cursor while a page takes three, so paging ends.
                createJob(employer, "-validThrough".equals(sort) ? "2100-01-" + day : "2098-12-" + day);
                createJob(employer, "2099-01-15");
                createJob(employer, null);
            });
            assertVisitedOnce(expected, seen, sort);
            if (sort == null) {
                List<String> createdAt = seen.stream().map(j -> (String) j.get("createdAt")).toList();
                List<String> sorted = new ArrayList<>(createdAt);
                sorted.sort(java.util.Comparator.reverseOrder());
                assertEquals(sorted, createdAt, "newest first");
            } else {
                // open-ended postings come last in both directions
                List<Object> validThrough = seen.stream().map(j -> j.get("validThrough")).toList();
                int firstNull = validThrough.indexOf(null);
                assertTrue(firstNull > 0, validThrough.toString());
                assertTrue(validThrough.subList(firstNull, validThrough.size()).stream().allMatch(v -> v == null), validThrough.toString());
                List<String> dated = validThrough.subList(0, firstNull).stream().map(String.class::cast).toList();
                List<String> sorted = new ArrayList<>(dated);
                sorted.sort(sort.startsWith("-") ? java.util.Comparator.reverseOrder() : null);
                assertEquals(sorted, dated, sort + " order");
            }
        }
    }

    @Test
    void answers304ForAnUnchangedPageOfJobPostings() {
        String employer = unique("Etagarbeitgeber");
        for (int i = 0; i < 3; i++) {
            createJob(employer, null);
        }
        assert304ForUnchangedPages(JOBS, Map.of("employer", employer), () -> createJob(employer, "2099-06-30"));
    }

    // --- issues --------------------------------------------------------------------------------

    /** Issue numbers from a block of 1000 that this test class draws at random; taken ones are skipped. */
    private static final class Numbers {
        private final int base = 700_000 + ThreadLocalRandom.current().nextInt(290) * 1000;
        private int low = base + 1;
        private int middle = base + 500;
        private int high = base + 800;

        int low() {
            return next(() -> low++);
        }

        int middle() {
            return next(() -> middle++);
        }

        int high() {
            return next(() -> high++);
        }

        private static int next(java.util.function.IntSupplier candidates) {
            for (int attempt = 0; attempt < 100; attempt++) {
                int number = candidates.getAsInt();
                if (given().get(ISSUES + "/" + number).statusCode() == 404) {
                    return number;
                }
            }
            throw new IllegalStateException("no free issue number");
        }
    }

    /** A day far in the future that no issue has. */
    private static String freeIssueDate() {
        for (int attempt = 0; attempt < 50; attempt++) {
            String day = LocalDate.of(2999, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(36_500)).toString();
            if (given().queryParam("from", day).queryParam("to", day).get(ISSUES).then().statusCode(200)
                    .extract().<Integer>path("page.total") == 0) {
                return day;
            }
        }
        throw new IllegalStateException("no free issue date");
    }

    private static String createIssue(int number, String issueDate) {
        Map<String, Object> issue = Map.of("number", number, "title", "Blätterausgabe Nr. " + number, "issueDate", issueDate);
        return (String) create(ISSUES, issue).get("id");
    }

    @Test
    void visitsEveryIssueExactlyOnceWhileIssuesAreInserted() {
        Numbers numbers = new Numbers();
        String day = freeIssueDate();
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            expected.add(createIssue(numbers.middle(), day));
        }
        for (String sort : new String[] { null, "number", "issueDate" }) {
            List<Map<String, Object>> seen = pageThrough(ISSUES, Map.of("from", day, "to", day), sort, 5, () -> {
                // between page requests: a number above and one below everything (issueDate: all ties)
                createIssue(numbers.high(), day);
                createIssue(numbers.low(), day);
            });
            assertVisitedOnce(expected, seen, sort);
            if (sort == null || sort.equals("number")) {
                List<Integer> order = seen.stream().map(i -> (Integer) i.get("number")).toList();
                List<Integer> sorted = new ArrayList<>(order);
                sorted.sort(sort == null ? java.util.Comparator.reverseOrder() : null);
                assertEquals(sorted, order, (sort == null ? "highest number first" : "lowest number first"));
            }
        }
    }

    @Test
    void answers304ForAnUnchangedPageOfIssues() {
        Numbers numbers = new Numbers();
        String day = freeIssueDate();
        for (int i = 0; i < 3; i++) {
            createIssue(numbers.middle(), day);
        }
        assert304ForUnchangedPages(ISSUES, Map.of("from", day, "to", day), () -> createIssue(numbers.low(), day));
    }

    // --- shared ----------------------------------------------------------------------------------

    private static Map<String, Object> create(String path, Map<String, Object> body) {
        return admin().contentType(ContentType.JSON).body(body).post(path).then().statusCode(201).extract().jsonPath().getMap("$");
    }

    /**
     * Pages through a filtered list with the given sort (null: the default), running {@code between}
     * after every page, and answers the items seen in order.
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
        } while (cursor != null && pages < 40);
        assertTrue(cursor == null, "paging ends: " + path + " " + filter + " sort=" + sort);
        return seen;
    }

    private static void assertVisitedOnce(Set<String> expected, List<Map<String, Object>> seen, String sort) {
        List<String> ids = seen.stream().map(item -> (String) item.get("id")).toList();
        String label = sort == null ? "default sort" : "sort=" + sort;
        assertEquals(ids.size(), new HashSet<>(ids).size(), label + ": no item twice " + ids);
        assertTrue(ids.containsAll(expected), label + ": every item that existed at the start was visited");
    }

    /** The first page and a page behind a cursor each answer 304 until an item is added. */
    private static void assert304ForUnchangedPages(String path, Map<String, String> filter, Runnable change) {
        Function<String, RequestSpecification> page = cursor -> {
            RequestSpecification request = given().queryParams(filter).queryParam("limit", 2);
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
        change.run();
        page.apply(null).header("If-None-Match", etag).get(path).then().statusCode(200)
                .header("ETag", not(equalTo(etag))).body("page.total", equalTo(4));
    }
}
