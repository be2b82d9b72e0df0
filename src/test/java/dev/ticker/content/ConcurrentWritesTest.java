package dev.ticker.content;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createEvent;
import static dev.ticker.Fixtures.createJob;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.WriteRace.assertStatusesAllowed;
import static dev.ticker.WriteRace.race;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.ticker.Fixtures;
import dev.ticker.ResourceType;
import dev.ticker.WriteRace.Outcome;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Concurrent writers of one resource never silently overwrite each other (DESIGN.md: optimistic
 * locking on version, 412 for a stale If-Match): every write that is acknowledged with 200 is a
 * version of its own, and the last of them is what a reader sees; of writers that all send the
 * ETag they read, exactly one wins. Each type is raced on a text property of its own.
 *
 * <p>An issue is the hard case: every write replaces its sections (rows of their own) and its
 * calendar and job market (join rows), so a race must neither lose nor duplicate any of them.
 */
@QuarkusTest
class ConcurrentWritesTest {

    @Inject
    AgroalDataSource dataSource;

    // --- every type ----------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResourceType.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentMergePatchesAllCountAndTheLastOneWins(ResourceType type) throws Exception {
        String path = type.pathOf(type.create());
        String field = type.textProperty();
        List<Outcome> outcomes = race(i -> "Wettlauf " + i, (i, value) -> patch(path, field, value, null));
        assertEveryAcknowledgedWriteCounts(path, field, outcomes);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResourceType.class)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ofConcurrentPatchesWithTheSameIfMatchOnlyOneSucceeds(ResourceType type) throws Exception {
        assertOnlyOneIfMatchWriterWins(type.pathOf(type.create()), type.textProperty());
    }

    // --- issues: sections, events and jobs ---------------------------------------------------------

    /** An issue with two sections of news, two events and a job posting. */
    private static Map<String, Object> createIssueWithContents() {
        String a = (String) createNews().get("id");
        String b = (String) createNews().get("id");
        String c = (String) createNews().get("id");
        String event1 = (String) createEvent().get("id");
        String event2 = (String) createEvent().get("id");
        String job = (String) createJob().get("id");
        Map<String, Object> body = Fixtures.issue(Fixtures.freeIssueNumber());
        body.put("sections", List.of(
                Map.of("heading", "Aus dem Verband", "news", List.of(Map.of("id", b), Map.of("id", a))),
                Map.of("heading", "Fast überlesen", "news", List.of(Map.of("id", c)))));
        body.put("events", List.of(Map.of("id", event2), Map.of("id", event1)));
        body.put("jobs", List.of(Map.of("id", job)));
        return Fixtures.createIssue(body);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentMergePatchesOfAnIssueKeepItsSectionsEventsAndJobs() throws Exception {
        Map<String, Object> issue = createIssueWithContents();
        String path = "/v1/issues/" + issue.get("number");
        JsonPath before = given().get(path).then().statusCode(200).extract().jsonPath();
        List<Outcome> outcomes = race(i -> "Ausgabe " + i, (i, value) -> patch(path, "title", value, null));
        assertEveryAcknowledgedWriteCounts(path, "title", outcomes);
        assertIssueContentsKept(path, (String) issue.get("id"), before);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ofConcurrentPatchesOfAnIssueWithTheSameIfMatchOnlyOneSucceedsAndItKeepsItsContents() throws Exception {
        Map<String, Object> issue = createIssueWithContents();
        String path = "/v1/issues/" + issue.get("number");
        JsonPath before = given().get(path).then().statusCode(200).extract().jsonPath();
        assertOnlyOneIfMatchWriterWins(path, "title");
        assertIssueContentsKept(path, (String) issue.get("id"), before);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentReplacementsOfAnIssueLeaveExactlyTheLastWritersSectionsEventsAndJobs() throws Exception {
        Map<String, Object> issue = createIssueWithContents();
        String path = "/v1/issues/" + issue.get("number");
        JsonPath before = given().get(path).then().statusCode(200).extract().jsonPath();
        List<String> news = before.getList("sections.news.id.flatten()");
        List<String> events = before.getList("events.id");
        List<String> eventsReversed = new ArrayList<>(events);
        Collections.reverse(eventsReversed);
        List<String> jobs = before.getList("jobs.id");
        // every writer replaces the issue with a layout of its own: 1 to 3 sections, events in either order, with or without the job
        Map<String, Map<String, Object>> bodies = new ConcurrentHashMap<>();
        List<Outcome> outcomes = race(i -> "Neu geordnet " + i, (i, value) -> {
            Map<String, Object> body = new HashMap<>();
            body.put("number", issue.get("number"));
            body.put("title", value);
            body.put("issueDate", "2025-11-12");
            List<Map<String, Object>> sections = new ArrayList<>();
            for (int s = 0; s <= i % 3; s++) {
                sections.add(Map.of("heading", "Teil " + s + " von " + value,
                        "news", List.of(Map.of("id", news.get((i + s) % news.size())))));
            }
            body.put("sections", sections);
            body.put("events", (i % 2 == 0 ? events : eventsReversed).stream().map(id -> Map.of("id", id)).toList());
            body.put("jobs", i % 2 == 0 ? List.of(Map.of("id", jobs.get(0))) : List.of());
            bodies.put(value, body);
            return admin().contentType(ContentType.JSON).body(body).put(path);
        });
        assertEveryAcknowledgedWriteCounts(path, "title", outcomes);

        JsonPath now = given().get(path).then().statusCode(200).extract().jsonPath();
        Map<String, Object> last = bodies.get(now.getString("title"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sections = (List<Map<String, Object>>) last.get("sections");
        assertEquals(sections.stream().map(s -> s.get("heading")).toList(), now.getList("sections.heading"),
                "the sections of the writer whose title is stored: " + outcomes);
        assertEquals(ids(last.get("events")), now.getList("events.id"), "that writer's events");
        assertEquals(ids(last.get("jobs")), now.getList("jobs.id"), "that writer's jobs");
        UUID id = UUID.fromString((String) issue.get("id"));
        assertEquals((long) sections.size(), count("select count(*) from issue_section where issue_id = ?", id),
                "no section rows of other writers left behind");
        assertEquals((long) sections.size(), count("select count(*) from issue_section_news n join issue_section s"
                + " on s.id = n.section_id where s.issue_id = ?", id), "news rows");
        assertEquals(2L, count("select count(*) from issue_event where issue_id = ?", id), "event rows");
        assertEquals((long) ids(last.get("jobs")).size(), count("select count(*) from issue_job where issue_id = ?", id), "job rows");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> ids(Object refs) {
        return ((List<Map<String, Object>>) refs).stream().map(r -> r.get("id")).toList();
    }

    // --- checks ----------------------------------------------------------------------------------

    private static Response patch(String path, String field, String value, String ifMatch) {
        var request = admin().contentType(MERGE_PATCH);
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return request.body("{\"" + field + "\":\"" + value + "\"}").patch(path);
    }

    private static void assertOnlyOneIfMatchWriterWins(String path, String field) throws Exception {
        Response read = given().get(path);
        assertEquals(200, read.statusCode());
        String etag = read.header("ETag");
        assertNotNull(etag, "GET sends an ETag");
        int version = read.path("version");

        List<Outcome> outcomes = race(i -> "Gleichzeitig " + i, (i, value) -> patch(path, field, value, etag));

        assertStatusesAllowed(outcomes);
        List<Outcome> won = outcomes.stream().filter(o -> o.status() == 200).toList();
        assertEquals(1, won.size(), "exactly one writer with the read ETag succeeds: " + outcomes);
        for (Outcome o : outcomes) {
            if (o.status() != 200) {
                assertTrue(o.status() == 412 || o.status() == 409, "a losing writer gets 412 (or 409): " + o);
            }
        }
        JsonPath now = given().get(path).then().statusCode(200).extract().jsonPath();
        assertEquals(version + 1, now.getInt("version"), "one change, one new version: " + outcomes);
        assertEquals(won.get(0).value(), now.getString(field), "the winner's value is stored");
        assertEquals(version + 1, won.get(0).json().getInt("version"));
    }

    private static void assertEveryAcknowledgedWriteCounts(String path, String field, List<Outcome> outcomes) {
        assertStatusesAllowed(outcomes);
        List<Outcome> acknowledged = outcomes.stream().filter(o -> o.status() == 200).toList();
        assertFalse(acknowledged.isEmpty(), "of concurrent writers, at least the first to commit succeeds: " + outcomes);

        JsonPath now = given().get(path).then().statusCode(200).extract().jsonPath();
        assertEquals(1 + acknowledged.size(), now.getInt("version"),
                "version = 1 + number of acknowledged writes, so none was lost: " + outcomes);
        Set<String> written = new TreeSet<>(acknowledged.stream().map(Outcome::value).toList());
        assertTrue(written.contains(now.getString(field)), "the stored " + field + " '" + now.getString(field)
                + "' is one that a 200 acknowledged: " + written);

        // each acknowledged write answered with a version of its own: 2, 3, ... 1 + n
        List<Integer> versions = acknowledged.stream().map(o -> o.json().getInt("version")).sorted().toList();
        assertEquals(IntStream.rangeClosed(2, 1 + acknowledged.size()).boxed().toList(), versions, outcomes.toString());
        // and the write with the highest version is the one a reader sees
        Outcome last = acknowledged.stream().max(Comparator.comparingInt(o -> o.json().getInt("version"))).orElseThrow();
        assertEquals(last.value(), now.getString(field), "the last acknowledged write is what is stored");
        for (Outcome o : acknowledged) {
            assertEquals(o.value(), o.json().getString(field), "a 200 shows the writer's own value: " + o);
        }
    }

    /** Sections, their news, the events and the jobs are exactly as before: in the API and in the tables. */
    private void assertIssueContentsKept(String path, String id, JsonPath before) throws SQLException {
        JsonPath now = given().get(path).then().statusCode(200).extract().jsonPath();
        assertEquals(before.getList("sections.heading"), now.getList("sections.heading"), "section headings");
        assertEquals(before.getList("sections.news.id"), now.getList("sections.news.id"), "news of each section, in order");
        assertEquals(before.getList("events.id"), now.getList("events.id"), "events, in order");
        assertEquals(before.getList("jobs.id"), now.getList("jobs.id"), "jobs, in order");
        // no orphaned or doubled rows behind the representation
        UUID issue = UUID.fromString(id);
        assertEquals(2L, count("select count(*) from issue_section where issue_id = ?", issue), "section rows");
        assertEquals(List.of(0L, 1L), values("select position from issue_section where issue_id = ? order by position", issue));
        assertEquals(3L, count("select count(*) from issue_section_news n join issue_section s on s.id = n.section_id"
                + " where s.issue_id = ?", issue), "news rows of the sections");
        assertEquals(2L, count("select count(*) from issue_event where issue_id = ?", issue), "event rows");
        assertEquals(1L, count("select count(*) from issue_job where issue_id = ?", issue), "job rows");
    }

    private long count(String sql, UUID issue) throws SQLException {
        return values(sql, issue).get(0);
    }

    private List<Long> values(String sql, UUID issue) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, issue);
            List<Long> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getLong(1));
                }
            }
            return values;
        }
    }
}
