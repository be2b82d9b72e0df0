package dev.ticker.content;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.editor;
import static dev.ticker.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The editorial workflow's transitions, as an editor meets them through PATCH: the ones a
 * newsroom makes are allowed, the others are a 422 that names both statuses and changes nothing;
 * a schedule needs a future {@code publishAt}; publishing dates the item unless it has a date.
 * The table is shared by the four types (ContentService), so news items stand for all of them.
 */
@QuarkusTest
class WorkflowTransitionsTest {

    /** What docs/workflow.md promises: from → the statuses it may become. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "draft", Set.of("draft", "scheduled", "published"),
            "scheduled", Set.of("draft", "scheduled", "published"),
            "published", Set.of("draft", "published", "archived"),
            "archived", Set.of("draft", "published", "archived"));

    static Stream<Arguments> everyPair() {
        return ALLOWED.keySet().stream().flatMap(from -> ALLOWED.keySet().stream().map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("everyPair")
    void theTransitionTableHolds(String from, String to) {
        Map<String, Object> item = inStatus(from);
        String path = "/v1/news/" + item.get("id");
        Map<String, Object> patch = new HashMap<>(Map.of("status", to));
        if (to.equals("scheduled")) {
            patch.put("publishAt", inFuture(3600 + (from.equals("scheduled") ? 60 : 0)));
        }
        Response answer = editor().contentType(MERGE_PATCH).body(patch).patch(path);
        if (ALLOWED.get(from).contains(to)) {
            answer.then().statusCode(200).body("status", equalTo(to));
        } else {
            answer.then().statusCode(422).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("status"))
                    .body("errors[0].message", containsString("from " + from + " to " + to));
            // nothing changed
            editor().get(path).then().statusCode(200).body("status", equalTo(from)).body("version", equalTo(item.get("version")));
        }
    }

    @Test
    void aNewItemWithoutStatusIsADraftWithoutPublicationDate() {
        Map<String, Object> created = Fixtures.createNews(withoutStatus(Fixtures.news(unique("Entwurf"))));
        assertEquals("draft", created.get("status"));
        assertNull(created.get("publishedAt"));
        assertNull(created.get("publishAt"));
    }

    @Test
    void schedulingNeedsAPublishAtInTheFuture() {
        Map<String, Object> item = inStatus("draft");
        String path = "/v1/news/" + item.get("id");
        editor().contentType(MERGE_PATCH).body(Map.of("status", "scheduled")).patch(path)
                .then().statusCode(422).body("errors[0].field", equalTo("publishAt"))
                .body("errors[0].message", containsString("required"));
        editor().contentType(MERGE_PATCH).body(Map.of("status", "scheduled", "publishAt", Instant.now().minusSeconds(5).toString()))
                .patch(path).then().statusCode(422).body("errors[0].field", equalTo("publishAt"))
                .body("errors[0].message", containsString("future"));
        editor().get(path).then().body("status", equalTo("draft")).body("version", equalTo(item.get("version")));

        String at = inFuture(7200);
        editor().contentType(MERGE_PATCH).body(Map.of("status", "scheduled", "publishAt", at)).patch(path)
                .then().statusCode(200).body("status", equalTo("scheduled")).body("publishAt", equalTo(at))
                .body("publishedAt", nullValue());
        // back to draft: the time is dropped with the schedule
        editor().contentType(MERGE_PATCH).body(Map.of("status", "draft")).patch(path)
                .then().statusCode(200).body("status", equalTo("draft")).body("publishAt", nullValue());
    }

    @Test
    void publishingDatesTheItemOnceAndUnpublishingKeepsTheDate() {
        Map<String, Object> item = inStatus("draft");
        String path = "/v1/news/" + item.get("id");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String publishedAt = editor().contentType(MERGE_PATCH).body(Map.of("status", "published")).patch(path)
                .then().statusCode(200).extract().path("publishedAt");
        Instant dated = Instant.parse(publishedAt);
        assertEquals(true, !dated.isBefore(before) && !dated.isAfter(Instant.now()), "dated at publishing: " + dated);

        editor().contentType(MERGE_PATCH).body(Map.of("status", "draft")).patch(path)
                .then().statusCode(200).body("status", equalTo("draft")).body("publishedAt", equalTo(publishedAt));
        editor().contentType(MERGE_PATCH).body(Map.of("status", "published")).patch(path)
                .then().statusCode(200).body("publishedAt", equalTo(publishedAt));
    }

    @Test
    void anEditorMayBackDateAnImport() {
        Map<String, Object> body = Fixtures.news(unique("Import"));
        body.put("publishedAt", "2019-05-06T07:08:09Z");
        Map<String, Object> created = Fixtures.createNews(body);
        assertEquals("published", created.get("status"));
        assertEquals("2019-05-06T07:08:09Z", created.get("publishedAt"));
        Map<String, Object> draft = withoutStatus(Fixtures.news(unique("Import")));
        draft.put("publishedAt", "2018-01-02T03:04:05Z");
        String path = "/v1/news/" + Fixtures.createNews(draft).get("id");
        editor().contentType(MERGE_PATCH).body(Map.of("status", "published")).patch(path)
                .then().statusCode(200).body("publishedAt", equalTo("2018-01-02T03:04:05Z"));
    }

    @Test
    void aPutWithoutStatusKeepsTheStatus() {
        Map<String, Object> item = inStatus("published");
        String path = "/v1/news/" + item.get("id");
        Map<String, Object> document = editor().get(path).then().statusCode(200).extract().jsonPath().getMap("$");
        document.remove("status");
        document.put("teaser", "Neu");
        editor().contentType(ContentType.JSON).body(document).put(path)
                .then().statusCode(200).body("status", equalTo("published")).body("teaser", equalTo("Neu"));
    }

    @Test
    void anUnknownStatusIsA400NamingTheValues() {
        Map<String, Object> body = Fixtures.news(unique("Meldung"));
        body.put("status", "live");
        admin().contentType(ContentType.JSON).body(body).post("/v1/news")
                .then().statusCode(400).body("detail", containsString("draft, scheduled, published, archived"));
    }

    /** A news item created in the given status (an archived one is published, then archived). */
    static Map<String, Object> inStatus(String status) {
        Map<String, Object> body = Fixtures.news(unique("Workflow"));
        body.put("status", status.equals("archived") ? "published" : status);
        if (status.equals("scheduled")) {
            body.put("publishAt", inFuture(3600));
        }
        Map<String, Object> item = Fixtures.createNews(body);
        if (status.equals("archived")) {
            item = editor().contentType(MERGE_PATCH).body(Map.of("status", "archived")).patch("/v1/news/" + item.get("id"))
                    .then().statusCode(200).extract().jsonPath().getMap("$");
        }
        assertNotNull(item.get("id"));
        return item;
    }

    static Map<String, Object> withoutStatus(Map<String, Object> body) {
        body.remove("status");
        return body;
    }

    /** An instant this many seconds from now, to the second, as the API writes it. */
    static String inFuture(long seconds) {
        return Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
