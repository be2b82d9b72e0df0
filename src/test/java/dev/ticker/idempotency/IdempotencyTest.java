package dev.ticker.idempotency;

import static dev.ticker.Fixtures.ADMIN_TOKEN;
import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.editor;
import static dev.ticker.Fixtures.editorToken;
import static dev.ticker.Fixtures.news;
import static dev.ticker.Fixtures.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.ticker.web.Sha256;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * POST with an Idempotency-Key (docs/idempotency.md): a retry with the same key and body gets the
 * first answer byte for byte and creates nothing; another body is a 422; keys belong to a token;
 * concurrent requests with one key make one item; a failed request keeps nothing; keys expire and
 * are pruned; answers that hold a secret are not kept.
 */
@QuarkusTest
class IdempotencyTest {

    @Inject
    AgroalDataSource dataSource;
    @Inject
    IdempotencyKeys keys;

    private static String newKey() {
        return UUID.randomUUID().toString();
    }

    private static Response postNews(RequestSpecification as, String key, Map<String, Object> body) {
        return as.header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/news");
    }

    @Test
    void aRetryGetsTheFirstAnswerByteForByteAndCreatesNothing() throws Exception {
        String key = newKey();
        Map<String, Object> body = news(unique("Wiederholt"));
        Response first = postNews(editor(), key, body);
        first.then().statusCode(201).header("Idempotency-Replayed", nullValue());
        Response retry = postNews(editor(), key, body);
        retry.then().statusCode(201).header("Idempotency-Replayed", equalTo("true"));

        assertArrayEquals(first.asByteArray(), retry.asByteArray());
        for (String header : List.of("Location", "ETag", "Content-Type", "Cache-Control")) {
            assertNotNull(first.header(header), header);
            assertEquals(first.header(header), retry.header(header), header);
        }
        assertEquals(1, count("select count(*) from news where title = ?", body.get("title")));
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndCreatesNothing() throws Exception {
        String key = newKey();
        Map<String, Object> body = news(unique("Erste Fassung"));
        postNews(editor(), key, body).then().statusCode(201);
        String otherTitle = unique("Andere Fassung");
        postNews(editor(), key, news(otherTitle)).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:ticker:problem:idempotency-key-reused"))
                .body("status", equalTo(422));
        assertEquals(0, count("select count(*) from news where title = ?", otherTitle));
        // the same body under another path is another request too
        admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(dev.ticker.Fixtures.member(otherTitle))
                .post("/v1/members").then().statusCode(201); // another token: its own key
        editor().header("Idempotency-Key", key).contentType(ContentType.JSON).body(dev.ticker.Fixtures.member(otherTitle))
                .post("/v1/members").then().statusCode(422);
    }

    @Test
    void theSameBodyWrittenDifferentlyIsTheSameRequest() throws Exception {
        String key = newKey();
        String title = unique("Gleich geschrieben");
        String compact = "{\"title\":\"" + title + "\",\"status\":\"draft\",\"tags\":[\"A\"]}";
        String spaced = "{ \"tags\": [ \"A\" ],\n  \"status\": \"draft\", \"title\": \"" + title + "\", \"bodyHtml\": \"ignored\" }";
        String first = editor().header("Idempotency-Key", key).contentType(ContentType.JSON).body(compact).post("/v1/news")
                .then().statusCode(201).extract().path("id");
        String second = editor().header("Idempotency-Key", key).contentType(ContentType.JSON).body(spaced).post("/v1/news")
                .then().statusCode(201).header("Idempotency-Replayed", equalTo("true")).extract().path("id");
        assertEquals(first, second);
    }

    @Test
    void keysBelongToTheTokenThatSentThem() throws Exception {
        String key = newKey();
        Map<String, Object> body = news(unique("Zwei Tokens"));
        String byEditor = postNews(editor(), key, body).then().statusCode(201).extract().path("id");
        String byAdmin = postNews(admin(), key, body).then().statusCode(201)
                .header("Idempotency-Replayed", nullValue()).extract().path("id");
        assertNotEquals(byEditor, byAdmin);
        assertEquals(2, count("select count(*) from news where title = ?", body.get("title")));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void concurrentRequestsWithOneKeyCreateOneItemAndAllGetItsAnswer() throws Exception {
        String key = newKey();
        Map<String, Object> body = news(unique("Gleichzeitig"));
        String token = editorToken();
        int threads = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                answers.add(pool.submit((Callable<Response>) () -> {
                    start.await();
                    return postNews(io.restassured.RestAssured.given().header("Authorization", "Bearer " + token), key, body);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get(50, TimeUnit.SECONDS));
            }
            byte[] bytes = responses.get(0).asByteArray();
            int replayed = 0;
            for (Response response : responses) {
                assertEquals(201, response.statusCode(), response.asString());
                assertArrayEquals(bytes, response.asByteArray());
                assertEquals(responses.get(0).header("ETag"), response.header("ETag"));
                replayed += "true".equals(response.header("Idempotency-Replayed")) ? 1 : 0;
            }
            assertEquals(threads - 1, replayed, "one ran, the others were replayed");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, count("select count(*) from news where title = ?", body.get("title")));
    }

    @Test
    void aKeyThatIsNotOneToTwoHundredFiftyFiveVisibleAsciiCharactersIs400() throws Exception {
        String title = unique("Schlechter Schlüssel");
        for (String bad : List.of("zwei worte", "x".repeat(256), "schlüssel")) {
            postNews(editor(), bad, news(title)).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("Idempotency-Key must be 1 to 255 visible ASCII characters (no spaces), such as a UUID."));
        }
        assertEquals(0, count("select count(*) from news where title = ?", title));
        // the quotes of the IETF draft's form are not part of the key
        String key = newKey();
        Map<String, Object> body = news(unique("In Anführungszeichen"));
        String quoted = postNews(editor(), "\"" + key + "\"", body).then().statusCode(201).extract().path("id");
        String plain = postNews(editor(), key, body).then().statusCode(201).header("Idempotency-Replayed", equalTo("true"))
                .extract().path("id");
        assertEquals(quoted, plain);
    }

    @Test
    void aFailedRequestKeepsNothingSoItsCorrectedRetryRuns() throws Exception {
        String key = newKey();
        Map<String, Object> body = news(unique("Erst ungültig"));
        body.put("title", "");
        postNews(editor(), key, body).then().statusCode(422).body("errors[0].field", equalTo("title"));
        assertEquals(0, count("select count(*) from idempotency_key where key = ?", key));
        String title = unique("Dann gültig");
        body.put("title", title);
        postNews(editor(), key, body).then().statusCode(201).header("Idempotency-Replayed", nullValue());
        postNews(editor(), key, body).then().statusCode(201).header("Idempotency-Replayed", equalTo("true"));
        assertEquals(1, count("select count(*) from news where title = ?", title));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRequestWaitsForARunningOneWithTheSameKeyAndRunsWhenThatFails() throws Exception {
        String key = newKey();
        Map<String, Object> body = news(unique("Wartet"));
        try (Connection running = dataSource.getConnection()) {
            running.setAutoCommit(false);
            claimElsewhere(running, key);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Response> waiting = pool.submit(() -> postNews(editor(), key, body));
                Thread.sleep(1500);
                assertFalse(waiting.isDone(), "waits while the other transaction holds the key");
                running.rollback(); // the running request failed: it kept nothing
                waiting.get(30, TimeUnit.SECONDS).then().statusCode(201).header("Idempotency-Replayed", nullValue());
            } finally {
                pool.shutdownNow();
            }
        }
        assertEquals(1, count("select count(*) from news where title = ?", body.get("title")));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aRequestThatWaitsLongerThanTheLockTimeoutIs409AndMakesNothing() throws Exception {
        String key = newKey();
        Map<String, Object> body = news(unique("Zu lange gewartet"));
        try (Connection running = dataSource.getConnection()) {
            running.setAutoCommit(false);
            claimElsewhere(running, key);
            long started = System.nanoTime();
            postNews(editor(), key, body).then().statusCode(409)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("Another request with this Idempotency-Key is still running; try again when it has ended."));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(waited >= 9_000, "waited ticker.idempotency.lock-timeout (10 s) first: " + waited + " ms");
            running.rollback();
        }
        assertEquals(0, count("select count(*) from news where title = ?", body.get("title")));
    }

    @Test
    void keysOlderThanTheRetentionAreNotReplayedAndArePruned() throws Exception {
        String key = newKey();
        Map<String, Object> body = news(unique("Abgelaufen"));
        String first = postNews(editor(), key, body).then().statusCode(201).extract().path("id");
        age(key, "25 hours");
        String second = postNews(editor(), key, body).then().statusCode(201).header("Idempotency-Replayed", nullValue())
                .extract().path("id");
        assertNotEquals(first, second, "an expired key runs the request again");
        assertEquals(2, count("select count(*) from news where title = ?", body.get("title")));

        age(key, "25 hours");
        String fresh = newKey();
        postNews(editor(), fresh, news(unique("Frisch"))).then().statusCode(201);
        assertTrue(keys.prune() >= 1);
        assertEquals(0, count("select count(*) from idempotency_key where key = ?", key));
        assertEquals(1, count("select count(*) from idempotency_key where key = ?", fresh), "a fresh key stays");
    }

    @Test
    void aTokensSecretIsNotKeptAndItsRetryIsA409PointingAtTheToken() throws Exception {
        String key = newKey();
        String name = unique("Token");
        Map<String, Object> body = Map.of("name", name, "role", "editor");
        Response first = admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/tokens");
        first.then().statusCode(201).body("token", notNullValue());
        String secret = first.path("token");
        admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/tokens")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .header("Idempotency-Replayed", equalTo("true"))
                .header("Location", equalTo(first.header("Location")))
                .body("type", equalTo("urn:ticker:problem:idempotency-secret-withheld"))
                .body("token", nullValue());
        assertEquals(1, count("select count(*) from access_token where name = ?", name));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select status, headers, body from idempotency_key where key = ? and scope = ?")) {
            select.setString(1, key);
            select.setString(2, Sha256.hex(ADMIN_TOKEN));
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertEquals(201, row.getInt("status"));
                assertFalse(row.getString("headers").contains(secret));
                assertNull(row.getBytes("body"), "the answer with the secret is not kept");
            }
        }
    }

    @Test
    void aWebhooksSecretIsNotKeptAndAPingIsQueuedOnce() throws Exception {
        String key = newKey();
        Map<String, Object> body = Map.of("url", "http://127.0.0.1:9/idempotency", "events", List.of("job.deleted"), "active", false);
        Response created = admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/webhooks");
        created.then().statusCode(201).body("secret", notNullValue());
        String path = "/v1/webhooks/" + created.path("id");
        try {
            admin().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/webhooks")
                    .then().statusCode(409).header("Location", equalTo(created.header("Location")));
            String rotation = newKey();
            admin().header("Idempotency-Key", rotation).post(path + "/rotate-secret").then().statusCode(200)
                    .body("secret", notNullValue());
            admin().header("Idempotency-Key", rotation).post(path + "/rotate-secret").then().statusCode(409)
                    .header("Idempotency-Replayed", equalTo("true"))
                    .body("type", equalTo("urn:ticker:problem:idempotency-secret-withheld"));
            assertEquals(2, count("select version from webhook_subscription where id = cast(? as uuid)",
                    created.path("id").toString()), "rotated once");
            // a ping to an inactive subscription is a 409 that is not kept: after switching it on, the retry runs
            String ping = newKey();
            admin().header("Idempotency-Key", ping).post(path + "/ping").then().statusCode(409)
                    .header("Idempotency-Replayed", nullValue());
            admin().contentType(ContentType.JSON).body(Map.of("active", true)).patch(path).then().statusCode(200);
            Response queued = admin().header("Idempotency-Key", ping).post(path + "/ping");
            queued.then().statusCode(202);
            Response again = admin().header("Idempotency-Key", ping).post(path + "/ping");
            again.then().statusCode(202).header("Idempotency-Replayed", equalTo("true"));
            assertArrayEquals(queued.asByteArray(), again.asByteArray());
            assertEquals(queued.header("Content-Type"), again.header("Content-Type"));
            assertEquals(1, count("select count(*) from webhook_message m join webhook_event e on e.id = m.event_id"
                    + " where e.type = 'ping' and m.subscription_id = cast(? as uuid)", created.path("id").toString()));
        } finally {
            admin().delete(path).then().statusCode(204);
        }
    }

    private void age(String key, String by) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update idempotency_key set created_at = created_at - cast(? as interval) where key = ?")) {
            update.setString(1, by);
            update.setString(2, key);
            assertEquals(1, update.executeUpdate());
        }
    }

    private long count(String sql, Object value) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, value);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    /** As a request with the editor's token still running would: the key claimed in a transaction not yet ended. */
    private static void claimElsewhere(Connection running, String key) throws Exception {
        try (PreparedStatement claim = running.prepareStatement(
                "insert into idempotency_key (scope, key, fingerprint, created_at) values (?, ?, 'other', now())")) {
            claim.setString(1, Sha256.hex(editorToken()));
            claim.setString(2, key);
            claim.executeUpdate();
        }
    }
}
