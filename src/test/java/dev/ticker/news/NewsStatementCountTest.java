package dev.ticker.news;

import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.Fixtures.news;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A page of news with its members costs the same number of SQL statements whatever its size. */
@QuarkusTest
class NewsStatementCountTest {

    @Inject
    SessionFactory sessionFactory;

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
        long small = statementsFor(tag, 2);
        long large = statementsFor(tag, 40);
        assertEquals(small, large, "statements must not grow with the page size");
        assertTrue(large >= 2 && large <= 3, "list + count + one batch of members, was " + large);
    }

    private long statementsFor(String tag, int limit) {
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().queryParam("tag", tag).queryParam("limit", limit).queryParam("include", "members").get("/v1/news")
                .then().statusCode(200).body("items.size()", org.hamcrest.Matchers.equalTo(limit));
        return statistics.getPrepareStatementCount();
    }
}
