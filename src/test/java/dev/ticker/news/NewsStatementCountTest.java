package dev.ticker.news;

import static dev.ticker.Fixtures.ADMIN_TOKEN;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.Fixtures.news;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import dev.ticker.changes.WrittenHere;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A page of news with its members costs the same number of SQL statements whatever its size, and
 * once its items are rendered and its total counted, one statement (docs/performance.md).
 */
@QuarkusTest
class NewsStatementCountTest {

    @Inject
    SessionFactory sessionFactory;
    @Inject
    Event<WrittenHere> written;

    @Test
    void aPageWithIncludedMembersRunsABoundedNumberOfStatements() {
        String tag = unique("Statements");
        List<Map<String, Object>> members = List.of(createMember(), createMember(), createMember());
        for (int i = 0; i < 40; i++) {
            Map<String, Object> body = news(unique("Mit Mitgliedern"));
            body.put("tags", List.of(tag));
            body.put("members", members.subList(0, i % 4).stream().map(m -> Map.of("id", m.get("id"))).toList());
            createNews(body);
        }
        long small = statementsFor(tag, 2, true);
        long large = statementsFor(tag, 40, true);
        assertEquals(small, large, "statements must not grow with the page size");
        assertTrue(large >= 2 && large <= 5,
                "the page's ids + count + the items not rendered yet + their members + the members' directory, was " + large);
        // another page size: not in the read cache, but the same total and the same items
        assertEquals(1, statementsFor(tag, 39, false), "a page whose items are rendered and whose total is counted: one statement");
    }

    @Test
    void aChangedItemIsRenderedAgainAndTheOthersAreNot() {
        String tag = unique("Neu gerendert");
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Map<String, Object> body = news(unique("Gerendert"));
            body.put("tags", List.of(tag));
            ids.add((String) createNews(body).get("id"));
        }
        statementsFor(tag, 5, true);
        given().contentType("application/merge-patch+json").header("Authorization", "Bearer " + ADMIN_TOKEN)
                .body(Map.of("teaser", "Neu gefasst")).patch("/v1/news/" + ids.get(2)).then().statusCode(200);
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().queryParam("tag", tag).queryParam("limit", 5).queryParam("include", "members").get("/v1/news")
                .then().statusCode(200).body("items.find { it.id == '" + ids.get(2) + "' }.teaser", org.hamcrest.Matchers.equalTo("Neu gefasst"));
        // the write dropped the total and the members' directory: ids, count, the changed item, its members, the directory
        assertTrue(statistics.getPrepareStatementCount() <= 5, "was " + statistics.getPrepareStatementCount());
        assertEquals(1, statistics.getEntityStatistics(NewsItem.class.getName()).getLoadCount(),
                "only the changed item is read as an entity");
    }

    @Test
    void aSingleItemRenderedBeforeIsReadByOneStatementWithoutLoadingIt() {
        Map<String, Object> body = news(unique("Einzeln gelesen"));
        body.put("members", List.of(Map.of("id", createMember().get("id"))));
        Map<String, Object> item = createNews(body);
        String path = "/v1/news/" + item.get("slug");
        String withRefs = given().get(path).then().statusCode(200).extract().asString(); // rendered now
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        // another key for the read cache (members included), the same kept rendering of this version
        given().queryParam("include", "members").get(path).then().statusCode(200)
                .body("title", org.hamcrest.Matchers.equalTo(item.get("title")))
                .body("members[0].name", org.hamcrest.Matchers.notNullValue());
        assertEquals(1, statistics.getPrepareStatementCount(), "its id, version and status");
        assertEquals(0, statistics.getEntityStatistics(NewsItem.class.getName()).getLoadCount(), "no entity loaded");
        // by id, the same bytes as by slug
        assertEquals(withRefs, given().get("/v1/news/" + item.get("id")).then().statusCode(200).extract().asString());
    }

    /** The statements of one list request; {@code cold}: after a write, which drops totals and members. */
    private long statementsFor(String tag, int limit, boolean cold) {
        if (cold) {
            written.fire(WrittenHere.INSTANCE);
        }
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().queryParam("tag", tag).queryParam("limit", limit).queryParam("include", "members").get("/v1/news")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(limit));
        return statistics.getPrepareStatementCount();
    }
}
