package dev.ticker.cache;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.editor;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * The read cache never shows an anonymous reader a draft, and never shows anyone yesterday's
 * status: each test reads (so the answer is cached), changes the status, and reads again, the
 * way a cache bug would show, without a token and with one.
 */
@QuarkusTest
class WorkflowCacheTest {

    @Test
    void publishUnpublishArchiveAndDeleteShowAtOnceForReadersAndEditors() {
        String tag = unique("Cache").replace(" ", "-");
        Map<String, Object> body = Fixtures.news(unique("Meldung"));
        body.put("tags", List.of(tag));
        body.remove("status");
        String id = Fixtures.createNews(body).get("id").toString();
        String list = "/v1/news?tag=" + tag;
        String item = "/v1/news/" + id;

        // the editor's read is cached under the editor's roles, never served to a reader
        editor().get(list).then().statusCode(200).body("items.id", equalTo(List.of(id)))
                .header("Cache-Control", equalTo("private, no-cache"));
        editor().get(list).then().body("items.id", equalTo(List.of(id)));
        String emptyTag = read(list).then().body("items", empty()).body("page.total", equalTo(0)).extract().header("ETag");
        read(list).then().body("items", empty());
        read(item).then().statusCode(404);

        status(id, "published");
        Response published = read(list);
        published.then().body("items.id", equalTo(List.of(id))).body("page.total", equalTo(1));
        assertNotEquals(emptyTag, published.header("ETag"));
        given().header("If-None-Match", emptyTag).get(list).then().statusCode(200);
        String publishedTag = read(item).then().statusCode(200).body("status", equalTo("published")).extract().header("ETag");
        read(item).then().statusCode(200);

        status(id, "draft");
        read(list).then().body("items", empty()).body("page.total", equalTo(0));
        read(item).then().statusCode(404);
        given().header("If-None-Match", publishedTag).get(item).then().statusCode(404);
        editor().get(item).then().statusCode(200).body("status", equalTo("draft"));

        status(id, "published");
        read(item).then().statusCode(200);
        status(id, "archived");
        read(item).then().statusCode(404);
        read(list).then().body("items", empty());
        editor().get(list).then().body("items.id", equalTo(List.of(id)));

        Fixtures.admin().delete(item).then().statusCode(204);
        editor().get(list).then().body("items", empty());
        editor().get(item).then().statusCode(404);
    }

    /** The scheduler's write goes through the same notification as any other: no stale list. */
    @Test
    void aScheduledPublicationShowsInCachedListsWhenItHappens() throws InterruptedException {
        String tag = unique("Geplant").replace(" ", "-");
        Map<String, Object> body = Fixtures.news(unique("Meldung"));
        body.put("tags", List.of(tag));
        body.put("status", "scheduled");
        body.put("publishAt", Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS).toString());
        String id = Fixtures.createNews(body).get("id").toString();
        String list = "/v1/news?tag=" + tag;
        read(list).then().body("items", empty());
        read(list).then().body("items", empty());

        Instant deadline = Instant.now().plusSeconds(30);
        while (read(list).jsonPath().getList("items").isEmpty()) {
            assertTrue(Instant.now().isBefore(deadline), "the scheduled item appeared in the cached list");
            Thread.sleep(250);
        }
        assertEquals(List.of(id), read(list).jsonPath().getList("items.id"));
    }

    private static Response read(String path) {
        return given().get(path);
    }

    private static void status(String id, String status) {
        editor().contentType(MERGE_PATCH).body(Map.of("status", status)).patch("/v1/news/" + id)
                .then().statusCode(200).body("status", equalTo(status));
    }
}
