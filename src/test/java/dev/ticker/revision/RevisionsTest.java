package dev.ticker.revision;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Every create, change, status change and deletion leaves a revision: who (the token's name),
 * when, what, and the whole document; editors read them newest first, page by page, and restore
 * one with a PUT of its document. Revisions of a deleted resource stay readable for admins.
 */
@QuarkusTest
class RevisionsTest {

    /** An editor token of its own, so that revisions name it; answers its secret. */
    private static String editorToken(String name) {
        return Fixtures.create("/v1/tokens", Map.of("name", name, "role", "editor")).get("token").toString();
    }

    private static RequestSpecification as(String secret) {
        return given().header("Authorization", "Bearer " + secret);
    }

    @Test
    void everyChangeIsRecordedNewestFirstWithItsAuthorAndDocument() {
        String name = unique("redaktion").replace(" ", "-");
        String anna = editorToken(name);
        Map<String, Object> body = Fixtures.news(unique("Meldung"));
        body.remove("status");
        String id = as(anna).contentType(ContentType.JSON).body(body).post("/v1/news").then().statusCode(201).extract().path("id");
        String path = "/v1/news/" + id;
        as(anna).contentType(MERGE_PATCH).body(Map.of("teaser", "Zweiter Stand")).patch(path).then().statusCode(200);
        as(anna).contentType(MERGE_PATCH).body(Map.of("status", "published")).patch(path).then().statusCode(200);
        as(anna).contentType(MERGE_PATCH).body(Map.of("status", "archived")).patch(path).then().statusCode(200);

        Instant before = Instant.now().minusSeconds(120);
        JsonPath list = as(anna).get(path + "/revisions").then().statusCode(200)
                .header("Cache-Control", containsString("private")).extract().jsonPath();
        assertEquals(List.of("archive", "publish", "update", "create"), list.getList("items.operation"));
        assertEquals(List.of(4, 3, 2, 1), list.getList("items.number"));
        assertEquals(List.of(4, 3, 2, 1), list.getList("items.version"));
        assertEquals(List.of("archived", "published", "draft", "draft"), list.getList("items.status"));
        assertEquals(List.of(name, name, name, name), list.getList("items.author"));
        assertEquals(4, list.getInt("page.total"));
        assertTrue(Instant.parse(list.getString("items[0].recordedAt")).isAfter(before));
        assertEquals("Zweiter Stand", list.getString("items[1].document.teaser"));
        assertEquals(id, list.getString("items[3].document.id"));

        Fixtures.editor().get(path + "/revisions/1").then().statusCode(200).body("number", equalTo(1))
                .body("operation", equalTo("create")).body("document.teaser", equalTo(body.get("teaser")))
                .body("document.publishedAt", nullValue());
    }

    @Test
    void restoringIsAPutOfARevisionsDocument() {
        Map<String, Object> created = Fixtures.createNews();
        String path = "/v1/news/" + created.get("id");
        String title = created.get("title").toString();
        admin().contentType(MERGE_PATCH).body(Map.of("title", "Versehentlich überschrieben")).patch(path).then().statusCode(200);

        Map<String, Object> document = Fixtures.editor().get(path + "/revisions/1").then().statusCode(200)
                .extract().jsonPath().getMap("document");
        Fixtures.editor().contentType(ContentType.JSON).body(document).put(path).then().statusCode(200)
                .body("title", equalTo(title)).body("version", equalTo(3));
        assertEquals(List.of("update", "update", "create"),
                Fixtures.editor().get(path + "/revisions").then().extract().jsonPath().getList("items.operation"));
    }

    @Test
    void aWriteThatChangesNothingIsNoRevision() {
        Map<String, Object> created = Fixtures.createNews();
        String path = "/v1/news/" + created.get("id");
        Map<String, Object> document = Fixtures.editor().get(path).then().extract().jsonPath().getMap("$");
        Fixtures.editor().contentType(ContentType.JSON).body(document).put(path).then().statusCode(200).body("version", equalTo(1));
        Fixtures.editor().get(path + "/revisions").then().statusCode(200).body("page.total", equalTo(1));
    }

    @Test
    void pagesFollowTheCursorAndTheLinkHeader() {
        Map<String, Object> member = Fixtures.createMember();
        String path = "/v1/members/" + member.get("slug");
        for (int i = 0; i < 4; i++) {
            admin().contentType(MERGE_PATCH).body(Map.of("city", "Stadt " + i)).patch(path).then().statusCode(200);
        }
        Response first = Fixtures.editor().get(path + "/revisions?limit=2");
        first.then().statusCode(200).body("page.total", equalTo(5)).body("page.limit", equalTo(2))
                .body("items.number", equalTo(List.of(5, 4))).body("items[0].status", nullValue());
        String next = first.jsonPath().getString("page.next");
        assertNotNull(first.header("Link"));
        assertTrue(first.header("Link").contains("cursor=" + next), first.header("Link"));
        String nextNext = Fixtures.editor().get(path + "/revisions?limit=2&cursor=" + next).then().statusCode(200)
                .body("items.number", equalTo(List.of(3, 2))).extract().path("page.next");
        Response last = Fixtures.editor().get(path + "/revisions?limit=2&cursor=" + nextNext);
        last.then().statusCode(200).body("items.number", equalTo(List.of(1))).body("page.next", nullValue())
                .body("items[0].document.city", equalTo("Aachen"));
        assertNull(last.header("Link"));
    }

    @Test
    void badParametersAndUnknownRevisionsAreProblems() {
        String path = "/v1/news/" + Fixtures.createNews().get("id") + "/revisions";
        Fixtures.editor().get(path + "?cursor=nonsense").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("cursor"));
        Fixtures.editor().get(path + "?limit=0").then().statusCode(400).body("detail", containsString("limit"));
        Fixtures.editor().get(path + "?sort=number").then().statusCode(400).body("detail", containsString("Allowed: cursor, limit"));
        Fixtures.editor().get(path + "/2").then().statusCode(404).contentType("application/problem+json");
        Fixtures.editor().get(path + "/zwei").then().statusCode(404);
        Fixtures.editor().get("/v1/news/gibt-es-nicht/revisions").then().statusCode(404);
        given().get(path).then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        given().get(path + "/1").then().statusCode(401);
    }

    @Test
    void revisionsOfADeletedResourceStayReadableForAdminsById() {
        Map<String, Object> created = Fixtures.createEvent();
        String id = created.get("id").toString();
        admin().delete("/v1/events/" + id).then().statusCode(204);

        admin().get("/v1/events/" + id + "/revisions").then().statusCode(200)
                .body("items.operation", equalTo(List.of("delete", "create")))
                .body("items[0].author", startsWith("admin"))
                .body("items[0].document.title", equalTo(created.get("title")));
        admin().get("/v1/events/" + id + "/revisions/2").then().statusCode(200).body("operation", equalTo("delete"));
        // editors, and lookups by slug, no longer find it
        Fixtures.editor().get("/v1/events/" + id + "/revisions").then().statusCode(404);
        admin().get("/v1/events/" + created.get("slug") + "/revisions").then().statusCode(404);
        // an id that never existed has no revisions either
        admin().get("/v1/events/00000000-0000-0000-0000-00000000beef/revisions").then().statusCode(404);
    }
}
