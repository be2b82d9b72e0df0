package dev.ticker.list;

import static dev.ticker.Fixtures.createEvent;
import static dev.ticker.Fixtures.createJob;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.event;
import static dev.ticker.Fixtures.job;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import dev.ticker.changes.WrittenHere;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The members that events organise and job postings offer load for a whole page in one statement
 * (Hibernate's batch fetch, the one idiom for related members), whatever the page's size.
 */
@QuarkusTest
class RelatedMembersStatementCountTest {

    private static final int ITEMS = 30;

    @Inject
    SessionFactory sessionFactory;
    @Inject
    Event<WrittenHere> written;

    @Test
    void aPageOfEventsLoadsItsOrganisingMembersInOneStatement() {
        String organizer = unique("Veranstalter");
        for (int i = 0; i < ITEMS; i++) {
            Map<String, Object> body = event(unique("Termin"));
            body.put("organizer", Map.of("name", organizer, "member", Map.of("id", createMember().get("id"))));
            createEvent(body);
        }
        assertBounded("/v1/events", "organizer", organizer);
    }

    @Test
    void aPageOfJobPostingsLoadsItsEmployerMembersInOneStatement() {
        String employer = unique("Arbeitgeber");
        for (int i = 0; i < ITEMS; i++) {
            Map<String, Object> body = job(unique("Stelle"));
            body.put("employer", Map.of("name", employer, "member", Map.of("id", createMember().get("id"))));
            createJob(body);
        }
        assertBounded("/v1/jobs", "employer", employer);
    }

    private void assertBounded(String path, String filter, String value) {
        long small = statementsFor(path, filter, value, 2);
        long large = statementsFor(path, filter, value, ITEMS);
        assertEquals(small, large, "statements must not grow with the page size");
        assertTrue(large <= 3, "page + count + one batch of members, was " + large);
    }

    private long statementsFor(String path, String filter, String value, int limit) {
        written.fire(WrittenHere.INSTANCE); // as after a write: the total is counted again
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().queryParam(filter, value).queryParam("limit", limit).get(path).then().statusCode(200)
                .body("items.size()", equalTo(limit));
        return statistics.getPrepareStatementCount();
    }
}
