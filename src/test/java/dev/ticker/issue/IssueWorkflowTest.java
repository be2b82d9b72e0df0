package dev.ticker.issue;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.editor;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * An issue and what it contains: preparing issue 21 shows readers nothing of it; publishing it
 * publishes its draft news items, events and job postings in the same transaction (each with its
 * revision), archived ones stay archived; what is withdrawn later disappears from the issue for
 * readers without a token, never for editors.
 */
@QuarkusTest
class IssueWorkflowTest {

    @Test
    void aDraftIssueAndItsDraftContentStayHiddenUntilTheIssueIsPublished() {
        String tag = unique("Ausgabe21").replace(" ", "-");
        String draftNews = draft("/v1/news", newsTagged(tag));
        String publishedNews = Fixtures.createNews(newsTagged(tag)).get("id").toString();
        Map<String, Object> archivedBody = newsTagged(tag);
        String archivedNews = Fixtures.createNews(archivedBody).get("id").toString();
        editor().contentType(MERGE_PATCH).body(Map.of("status", "archived")).patch("/v1/news/" + archivedNews).then().statusCode(200);
        String draftEvent = draft("/v1/events", Fixtures.event(unique("Termin")));
        String draftJob = draft("/v1/jobs", Fixtures.job(unique("Stelle")));

        int number = Fixtures.freeIssueNumber();
        Map<String, Object> issue = Fixtures.issue(number);
        issue.remove("status");
        issue.put("sections", List.of(Map.of("heading", "Aus den Mitgliedern",
                "news", List.of(Map.of("id", draftNews), Map.of("id", publishedNews), Map.of("id", archivedNews)))));
        issue.put("events", List.of(Map.of("id", draftEvent)));
        issue.put("jobs", List.of(Map.of("id", draftJob)));
        Fixtures.create("/v1/issues", issue);

        // readers see nothing of the issue, not even through the news filter
        given().get("/v1/issues/" + number).then().statusCode(404);
        given().get("/v1/news?issue=" + number).then().statusCode(200).body("page.total", equalTo(0));
        editor().get("/v1/news?issue=" + number).then().statusCode(200).body("page.total", equalTo(3));
        given().get("/v1/news/" + draftNews).then().statusCode(404);

        String name = unique("chefredaktion").replace(" ", "-");
        String secret = Fixtures.create("/v1/tokens", Map.of("name", name, "role", "editor")).get("token").toString();
        given().header("Authorization", "Bearer " + secret).contentType(MERGE_PATCH).body(Map.of("status", "published"))
                .patch("/v1/issues/" + number).then().statusCode(200).body("status", equalTo("published"));

        // published with it: the drafts; not: the archived item, which readers do not see in the issue
        given().get("/v1/news/" + draftNews).then().statusCode(200).body("status", equalTo("published"));
        given().get("/v1/events/" + draftEvent).then().statusCode(200);
        given().get("/v1/jobs/" + draftJob).then().statusCode(200);
        editor().get("/v1/news/" + archivedNews).then().body("status", equalTo("archived"));
        given().get("/v1/issues/" + number).then().statusCode(200)
                .body("sections[0].news.id", contains(draftNews, publishedNews))
                .body("events.id", contains(draftEvent)).body("jobs.id", contains(draftJob));
        editor().get("/v1/issues/" + number).then().statusCode(200)
                .body("sections[0].news.id", contains(draftNews, publishedNews, archivedNews));
        given().get("/v1/news?issue=" + number).then().body("page.total", equalTo(2));
        // each published item has a revision of its own, by the editor who published the issue
        for (String item : List.of("/v1/news/" + draftNews, "/v1/events/" + draftEvent, "/v1/jobs/" + draftJob)) {
            JsonPath revisions = editor().get(item + "/revisions").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("publish", "create"), revisions.getList("items.operation"), item);
            assertEquals(name, revisions.getString("items[0].author"), item);
        }
        assertEquals(name, editor().get("/v1/issues/" + number + "/revisions").then().extract().jsonPath().getString("items[0].author"));
        assertEquals(List.of("archive", "create"),
                editor().get("/v1/news/" + archivedNews + "/revisions").then().extract().jsonPath().getList("items.operation"));
    }

    @Test
    void aScheduledIssuePublishesItsDraftsWhenItIsDue() throws InterruptedException {
        String draftNews = draft("/v1/news", Fixtures.news(unique("Meldung")));
        int number = Fixtures.freeIssueNumber();
        Map<String, Object> issue = Fixtures.issue(number);
        issue.put("status", "scheduled");
        issue.put("publishAt", Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS).toString());
        issue.put("sections", List.of(Map.of("heading", "Meldungen", "news", List.of(Map.of("id", draftNews)))));
        Fixtures.create("/v1/issues", issue);
        given().get("/v1/issues/" + number).then().statusCode(404);

        Instant deadline = Instant.now().plusSeconds(30);
        while (given().get("/v1/issues/" + number).statusCode() != 200) {
            assertTrue(Instant.now().isBefore(deadline), "the scheduled issue was published");
            Thread.sleep(250);
        }
        given().get("/v1/issues/" + number).then().body("sections[0].news.id", contains(draftNews));
        given().get("/v1/news/" + draftNews).then().statusCode(200).body("status", equalTo("published"));
        for (String path : List.of("/v1/issues/" + number, "/v1/news/" + draftNews)) {
            JsonPath revisions = editor().get(path + "/revisions").then().statusCode(200).extract().jsonPath();
            assertEquals("publish", revisions.getString("items[0].operation"), path);
            assertEquals("scheduler", revisions.getString("items[0].author"), path);
        }
    }

    @Test
    void anItemWithdrawnFromAPublishedIssueDisappearsForReaders() {
        String first = Fixtures.createNews().get("id").toString();
        String second = Fixtures.createNews().get("id").toString();
        int number = Fixtures.freeIssueNumber();
        Map<String, Object> issue = Fixtures.issue(number);
        issue.put("sections", List.of(Map.of("heading", "Meldungen", "news", List.of(Map.of("id", first), Map.of("id", second)))));
        Fixtures.create("/v1/issues", issue);
        String before = given().get("/v1/issues/" + number).then().statusCode(200)
                .body("sections[0].news.id", contains(first, second)).extract().header("ETag");

        editor().contentType(MERGE_PATCH).body(Map.of("status", "draft")).patch("/v1/news/" + second).then().statusCode(200);

        String after = given().get("/v1/issues/" + number).then().statusCode(200)
                .body("sections[0].news.id", contains(first)).extract().header("ETag");
        assertNotEquals(before, after, "the issue's ETag changes with what it shows");
        given().header("If-None-Match", before).get("/v1/issues/" + number).then().statusCode(200);
        editor().get("/v1/issues/" + number).then().body("sections[0].news.id", contains(first, second));
    }

    private static Map<String, Object> newsTagged(String tag) {
        Map<String, Object> body = Fixtures.news(unique("Meldung"));
        body.put("tags", List.of(tag));
        return body;
    }

    /** Creates a draft from a fixture body; answers its id. */
    private static String draft(String path, Map<String, Object> fixture) {
        Map<String, Object> body = new HashMap<>(fixture);
        body.remove("status");
        Map<String, Object> created = Fixtures.create(path, body);
        assertEquals("draft", created.get("status"));
        return created.get("id").toString();
    }
}
