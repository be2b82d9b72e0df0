package dev.ticker.content;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.editor;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Scheduled content is published by the service itself when due, exactly once, with a revision
 * by the scheduler; a schedule withdrawn before it is due publishes nothing. The test profile
 * runs the scheduler every second (ticker.workflow.interval). Several processes racing for the
 * same items: ScheduledPublishingIT.
 */
@QuarkusTest
class ScheduledPublishingTest {

    @Inject
    ScheduledPublishing scheduler;

    @Test
    void aDueItemIsPublishedByTheServiceWithARevisionByTheScheduler() throws InterruptedException {
        String publishAt = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS).toString();
        String id = scheduled(publishAt);
        given().get("/v1/news/" + id).then().statusCode(404);

        awaitPublic("/v1/news/" + id, Duration.ofSeconds(20));
        given().get("/v1/news/" + id).then().statusCode(200).body("status", equalTo("published"))
                .body("publishedAt", equalTo(publishAt)).body("publishAt", equalTo(null));
        JsonPath revisions = editor().get("/v1/news/" + id + "/revisions").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("publish", "create"), revisions.getList("items.operation"));
        assertEquals("scheduler", revisions.getString("items[0].author"));
        assertEquals("published", revisions.getString("items[0].document.status"));
    }

    @Test
    void aScheduleWithdrawnBeforeItIsDueIsNotPublished() throws InterruptedException {
        Instant due = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        String id = scheduled(due.toString());
        editor().contentType(MERGE_PATCH).body(Map.of("status", "draft")).patch("/v1/news/" + id)
                .then().statusCode(200).body("status", equalTo("draft"));

        // past its former time, several runs of the scheduler later
        while (Instant.now().isBefore(due.plusSeconds(3))) {
            Thread.sleep(200);
        }
        scheduler.publishDue(null);
        editor().get("/v1/news/" + id).then().statusCode(200).body("status", equalTo("draft")).body("version", equalTo(2));
        given().get("/v1/news/" + id).then().statusCode(404);
        assertEquals(List.of("unschedule", "create"),
                editor().get("/v1/news/" + id + "/revisions").then().extract().jsonPath().getList("items.operation"));
    }

    /**
     * Eight callers at once, as if eight instances ran their scheduler at the same moment: each
     * item is published once, by one of them. The items are due a day ahead, where the background
     * scheduler of this instance does not reach.
     */
    @Test
    void concurrentRunsPublishEachItemExactlyOnce() throws Exception {
        Instant due = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(scheduled(due.toString()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ScheduledPublishing.Run>> runs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return scheduler.publishDue(due);
            }));
        }
        start.countDown();
        int published = 0;
        for (Future<ScheduledPublishing.Run> run : runs) {
            published += run.get().published();
            // a run that lost a race for an item would have failed to publish it: the row locks let none race
            assertEquals(0, run.get().failed(), "no run failed");
        }
        pool.shutdown();

        assertTrue(published >= ids.size(), "all 40 were published (and whatever else was due): " + published);
        for (String id : ids) {
            JsonPath revisions = editor().get("/v1/news/" + id + "/revisions").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("publish", "create"), revisions.getList("items.operation"), id);
            given().get("/v1/news/" + id).then().statusCode(200).body("version", equalTo(2))
                    .body("publishedAt", equalTo(due.toString()));
        }
        assertEquals(new ScheduledPublishing.Run(0, 0), scheduler.publishDue(due), "nothing is left to publish");
    }

    /** A news item scheduled for the given time; answers its id. */
    private static String scheduled(String publishAt) {
        Map<String, Object> body = Fixtures.news(unique("Geplant"));
        body.put("status", "scheduled");
        body.put("publishAt", publishAt);
        Map<String, Object> item = Fixtures.createNews(body);
        assertEquals("scheduled", item.get("status"));
        return item.get("id").toString();
    }

    private static void awaitPublic(String path, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (given().get(path).statusCode() != 200) {
            assertTrue(Instant.now().isBefore(deadline), path + " was not published within " + timeout);
            Thread.sleep(250);
        }
    }
}
