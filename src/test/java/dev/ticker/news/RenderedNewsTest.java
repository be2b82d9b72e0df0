package dev.ticker.news;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.Fixtures.news;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * What a reader sees of news items rendered once per version (NewsJson) with totals remembered
 * (Totals): always what is committed. A write through the service shows in its writer's next
 * read; a change made elsewhere (another instance, or SQL) as soon as the change feed announces
 * it.
 */
@QuarkusTest
class RenderedNewsTest {

    private static final Duration FEED = Duration.ofSeconds(10);

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theTotalFollowsEveryWriteAtOnce() {
        String tag = unique("Summe");
        for (int i = 0; i < 3; i++) {
            createNews(tagged(tag));
        }
        assertEquals(3, total(tag));
        String id = (String) createNews(tagged(tag)).get("id");
        assertEquals(4, total(tag), "the writer's next read counts its item");
        admin().delete("/v1/news/" + id).then().statusCode(204);
        assertEquals(3, total(tag), "and no longer counts a deleted one");
        assertEquals(3, given().queryParam("tag", tag).queryParam("limit", 1).get("/v1/news").then().statusCode(200)
                .extract().<Integer>path("page.total"), "every page has the same total");
    }

    @Test
    void aChangeMadeElsewhereShowsOnceTheFeedAnnouncesIt() throws SQLException {
        String tag = unique("Anderswo");
        String id = (String) createNews(tagged(tag)).get("id");
        createNews(tagged(tag));
        assertEquals(2, total(tag));
        String title = unique("Anderswo geändert");
        sql("update news set status = 'draft', title = ?, version = version + 1 where id = ?", title, UUID.fromString(id));
        waitUntil(() -> total(tag) == 1, "the total after an item was unpublished with SQL");
        sql("update news set status = 'published', version = version + 1 where id = ?", UUID.fromString(id));
        waitUntil(() -> title.equals(given().get("/v1/news/" + id).then().extract().path("title")), "the item changed with SQL");
    }

    @Test
    void aRenamedMemberShowsInEveryItemThatNamesIt() throws SQLException {
        Map<String, Object> member = createMember();
        String memberId = (String) member.get("id");
        String tag = unique("Umbenannt");
        Map<String, Object> body = tagged(tag);
        body.put("members", List.of(Map.of("id", memberId)));
        String id = (String) createNews(body).get("id");
        assertEquals(member.get("name"), firstMemberName(tag));

        String renamed = unique("Neuer Name");
        admin().contentType(MERGE_PATCH).body(Map.of("name", renamed)).patch("/v1/members/" + memberId).then().statusCode(200);
        assertEquals(renamed, firstMemberName(tag), "a list after the rename through the service");
        given().get("/v1/news/" + id).then().statusCode(200).body("members[0].name", equalTo(renamed));

        String renamedElsewhere = unique("Anderswo benannt");
        sql("update member set name = ?, version = version + 1 where id = ?", renamedElsewhere, UUID.fromString(memberId));
        waitUntil(() -> renamedElsewhere.equals(firstMemberName(tag)), "the member renamed with SQL");
        given().queryParam("include", "members").get("/v1/news/" + id).then().statusCode(200)
                .body("members[0].name", equalTo(renamedElsewhere));
    }

    @Test
    void theEtagOfAListChangesWithAnyOfItsItemsAndMatchesOtherwise() {
        String tag = unique("Etikett");
        String id = (String) createNews(tagged(tag)).get("id");
        createNews(tagged(tag));
        Response first = given().queryParam("tag", tag).get("/v1/news");
        String etag = first.header("ETag");
        given().queryParam("tag", tag).header("If-None-Match", etag).get("/v1/news").then().statusCode(304);
        String itemEtag = given().get("/v1/news/" + id).header("ETag");
        admin().contentType(MERGE_PATCH).header("If-Match", itemEtag).body(Map.of("teaser", "Neu gefasst"))
                .patch("/v1/news/" + id).then().statusCode(200);
        Response second = given().queryParam("tag", tag).get("/v1/news");
        assertNotEquals(etag, second.header("ETag"), "a changed item changes the list's ETag");
        assertNotEquals(first.asString(), second.asString());
        given().queryParam("tag", tag).header("If-None-Match", second.header("ETag")).get("/v1/news").then().statusCode(304);
    }

    private static Map<String, Object> tagged(String tag) {
        Map<String, Object> body = news(unique("Gerendert"));
        body.put("tags", List.of(tag));
        return body;
    }

    private static int total(String tag) {
        return given().queryParam("tag", tag).get("/v1/news").then().statusCode(200).extract().path("page.total");
    }

    private static String firstMemberName(String tag) {
        return given().queryParam("tag", tag).get("/v1/news").then().statusCode(200).extract().path("items[0].members[0].name");
    }

    private void sql(String statement, Object... values) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(statement)) {
            for (int i = 0; i < values.length; i++) {
                update.setObject(i + 1, values[i]);
            }
            assertEquals(1, update.executeUpdate());
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + FEED.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not show within " + FEED.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
