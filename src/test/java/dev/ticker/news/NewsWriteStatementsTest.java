package dev.ticker.news;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.Fixtures.news;
import static dev.ticker.Fixtures.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * What the ORM sends for the write mix of the bench (docs/performance.md): a PATCH of the teaser
 * loads the item with its members in one statement and writes one update; a create sends its
 * member rows in one batch. The statements outside the ORM (token, slug, revision, event) are
 * plain JDBC and not counted here.
 */
@QuarkusTest
class NewsWriteStatementsTest {

    @Inject
    SessionFactory sessionFactory;

    @Test
    void aPatchThatLeavesTheMembersAloneReadsTheItemWithThemInOneStatement() {
        List<Object> members = List.of(createMember().get("id"), createMember().get("id"));
        Map<String, Object> body = news(unique("Patch ohne Mitglieder"));
        body.put("members", members.stream().map(id -> Map.of("id", id)).toList());
        Object id = createNews(body).get("id");

        Statistics statistics = statistics();
        admin().contentType(MERGE_PATCH).body(Map.of("teaser", "Nur der Anreißer ändert sich.")).patch("/v1/news/" + id)
                .then().statusCode(200)
                .body("teaser", equalTo("Nur der Anreißer ändert sich."))
                .body("members.id", contains(members.toArray()))
                .body("version", equalTo(2));

        assertEquals(2, statistics.getPrepareStatementCount(), "the item with its members, and the update");
        assertEquals(0, statistics.getEntityStatistics(dev.ticker.member.Member.class.getName()).getFetchCount(),
                "no member is looked up again");
    }

    @Test
    void aCreateSendsItsMemberRowsInOneBatch() {
        List<Object> members = List.of(createMember().get("id"), createMember().get("id"), createMember().get("id"));
        Map<String, Object> body = news(unique("Drei Mitglieder"));
        body.put("members", members.stream().map(id -> Map.of("id", id)).toList());

        Statistics statistics = statistics();
        admin().contentType("application/json").body(body).post("/v1/news").then().statusCode(201)
                .body("members.id", contains(members.toArray()));

        assertEquals(3, statistics.getPrepareStatementCount(), "the members, the item, one batch of member rows");
    }

    private Statistics statistics() {
        Statistics statistics = sessionFactory.getStatistics();
        statistics.clear();
        return statistics;
    }
}
