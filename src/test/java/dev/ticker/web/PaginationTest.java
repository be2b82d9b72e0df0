package dev.ticker.web;

import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.Fixtures.news;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class PaginationTest {

    @Test
    void visitsEveryItemExactlyOnceWhileItemsAreInserted() {
        String tag = unique("Blättern");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 23; i++) {
            expected.add(createTagged(tag, "2025-11-" + String.format("%02d", 1 + i % 28) + "T08:00:00Z"));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("tag", tag).queryParam("limit", 5);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response page = request.get("/v1/news");
            page.then().statusCode(200);
            seen.addAll(page.jsonPath().getList("items.id"));
            cursor = page.jsonPath().getString("page.next");
            pages++;
            // inserted between page requests: one newer than everything, one older than everything
            createTagged(tag, "2026-01-0" + Math.min(pages, 9) + "T08:00:00Z");
            createTagged(tag, "2024-01-0" + Math.min(pages, 9) + "T08:00:00Z");
        } while (cursor != null && pages < 50);
        assertEquals(seen.size(), new HashSet<>(seen).size(), "no item twice: " + seen);
        assertTrue(seen.containsAll(expected), "every item that existed at the start was visited");
    }

    @Test
    void sendsALinkToTheNextPageAndNoneOnTheLast() {
        String tag = unique("Link");
        for (int i = 0; i < 3; i++) {
            createTagged(tag, "2025-11-1" + i + "T08:00:00Z");
        }
        Response first = given().queryParam("tag", tag).queryParam("limit", 2).get("/v1/news");
        first.then().statusCode(200).body("page.limit", equalTo(2)).body("page.total", equalTo(3));
        String link = first.header("Link");
        String next = first.jsonPath().getString("page.next");
        assertTrue(link.startsWith("<http") && link.endsWith(">; rel=\"next\""), link);
        assertTrue(link.contains("cursor=" + next) && link.contains("tag=") && link.contains("limit=2"), link);
        String url = link.substring(1, link.indexOf('>'));
        Response second = given().urlEncodingEnabled(false).get(url);
        second.then().statusCode(200).body("items.size()", equalTo(1)).body("page.next", nullValue());
        assertEquals(null, second.header("Link"));
    }

    @Test
    void pagesThroughASortWithNullsAndTies() {
        String city = unique("Stadt");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            Map<String, Object> member = dev.ticker.Fixtures.member(unique("Sortiert"));
            member.put("city", city);
            member.put("memberSince", i % 3 == 0 ? null : 2000 + i % 2); // ties and nulls
            ids.add((String) createMember(member).get("id"));
        }
        for (String sort : List.of("memberSince", "-memberSince", "city,-memberSince", "-createdAt")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            do {
                var request = given().queryParam("sort", sort).queryParam("limit", 2).queryParam("state", "DE-NW");
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                Response page = request.get("/v1/members");
                page.then().statusCode(200);
                seen.addAll(page.jsonPath().getList("items.id"));
                cursor = page.jsonPath().getString("page.next");
            } while (cursor != null);
            assertEquals(seen.size(), new HashSet<>(seen).size(), sort + ": no item twice");
            assertTrue(seen.containsAll(ids), sort + ": every item visited");
        }
    }

    @Test
    void rejectsACursorOfAnotherSort() {
        String tag = unique("Sortwechsel");
        createTagged(tag, "2025-11-01T08:00:00Z");
        createTagged(tag, "2025-11-02T08:00:00Z");
        String next = given().queryParam("tag", tag).queryParam("limit", 1).get("/v1/news").jsonPath().getString("page.next");
        given().queryParam("tag", tag).queryParam("limit", 1).queryParam("sort", "title").queryParam("cursor", next)
                .get("/v1/news").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void boundsTheLimit() {
        given().queryParam("limit", 0).get("/v1/news").then().statusCode(400);
        given().queryParam("limit", 101).get("/v1/news").then().statusCode(400);
        given().queryParam("limit", 100).get("/v1/news").then().statusCode(200).body("page.limit", equalTo(100));
    }

    @Test
    void rejectsUnknownSortFields() {
        given().queryParam("sort", "password").get("/v1/members").then().statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("name"));
        given().queryParam("sort", "-publishedAt,-publishedAt").get("/v1/news").then().statusCode(400);
    }

    private static String createTagged(String tag, String publishedAt) {
        Map<String, Object> body = news(unique("Seite"));
        body.put("tags", List.of(tag));
        body.put("publishedAt", publishedAt);
        return (String) createNews(body).get("id");
    }
}
