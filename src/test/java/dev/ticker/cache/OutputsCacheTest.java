package dev.ticker.cache;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.editor;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The outputs beyond JSON (e-mail, feeds, calendar, JSON-LD) are served from the read cache like
 * lists: a repeated read runs no SQL and keeps its content type, and a change shows at once.
 */
@QuarkusTest
class OutputsCacheTest {

    @Inject
    SessionFactory sessionFactory;

    @Test
    void aRepeatedReadOfEveryOutputRunsNoSqlAndAChangeShowsAtOnce() {
        // in the calendar's default window (a year back from today), whatever today is
        Map<String, Object> eventBody = Fixtures.event(Fixtures.unique("KGSt-Festival"));
        eventBody.put("startDate", java.time.LocalDate.now(java.time.ZoneId.of("Europe/Berlin")).plusDays(30).toString());
        Map<String, Object> event = Fixtures.createEvent(eventBody);
        String slug = event.get("slug").toString();
        List<String[]> outputs = List.of(
                new String[] { "/v1/issues/20/email.html", "*/*", "text/html" },
                new String[] { "/v1/issues/20/email.txt", "*/*", "text/plain" },
                new String[] { "/v1/news/feed.atom", "*/*", "application/atom+xml" },
                new String[] { "/v1/news/feed.json", "*/*", "application/feed+json" },
                new String[] { "/v1/events/calendar.ics", "*/*", "text/calendar" },
                new String[] { "/v1/events/" + slug, "application/ld+json", "application/ld+json" });
        for (String[] output : outputs) {
            given().accept(output[1]).get(output[0]).then().statusCode(200);
            var statistics = sessionFactory.getStatistics();
            statistics.clear();
            var again = given().accept(output[1]).get(output[0]);
            again.then().statusCode(200);
            assertTrue(again.contentType().startsWith(output[2]), output[0] + ": " + again.contentType());
            assertEquals(0, statistics.getPrepareStatementCount(), output[0] + " served from the cache");
        }

        String before = given().get("/v1/events/calendar.ics").asString();
        String ldBefore = given().accept("application/ld+json").get("/v1/events/" + slug).asString();
        editor().contentType(MERGE_PATCH).body(Map.of("title", "Umbenannt " + slug)).patch("/v1/events/" + slug)
                .then().statusCode(200);
        String after = given().get("/v1/events/calendar.ics").asString();
        assertNotEquals(before, after);
        assertTrue(after.contains("Umbenannt " + slug), "the calendar shows the new title at once");
        assertNotEquals(ldBefore, given().accept("application/ld+json").get("/v1/events/" + slug).asString());
    }
}
