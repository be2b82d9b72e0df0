package dev.ticker.cache;

import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createMember;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Cached reads are fast and never outlive a change, whoever makes it. */
@QuarkusTest
class ReadCacheTest {

    @Inject
    SessionFactory sessionFactory;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ReadCache cache;

    @Test
    void aRepeatedReadRunsNoSql() {
        Map<String, Object> member = settled(Fixtures::createMember);
        String etag = given().get("/v1/members/" + member.get("id")).then().statusCode(200).extract().header("ETag");
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().get("/v1/members/" + member.get("id")).then().statusCode(200).header("ETag", equalTo(etag))
                .header("Cache-Control", equalTo("public, max-age=60")).body("name", equalTo(member.get("name")));
        given().header("If-None-Match", etag).get("/v1/members/" + member.get("id")).then().statusCode(304);
        assertEquals(0, statistics.getPrepareStatementCount(), "served from the cache");
    }

    @Test
    void aWriteThroughTheApiShowsAtOnce() {
        Map<String, Object> member = createMember();
        given().get("/v1/members/" + member.get("id")).then().body("city", equalTo("Aachen"));
        admin().contentType(Fixtures.MERGE_PATCH).body("{\"city\":\"Detmold\"}").patch("/v1/members/" + member.get("id"))
                .then().statusCode(200);
        given().get("/v1/members/" + member.get("id")).then().body("city", equalTo("Detmold"));
    }

    @Test
    void aChangeCommittedByAnotherInstanceShowsSoon() throws Exception {
        Map<String, Object> member = createMember();
        given().get("/v1/members/" + member.get("id")).then().body("city", equalTo("Aachen"));
        // another instance writes: only the database's notification can tell this one
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update member set city = 'Paderborn', version = version + 1 where id = ?")) {
            update.setObject(1, UUID.fromString((String) member.get("id")));
            assertEquals(1, update.executeUpdate());
        }
        long deadline = System.currentTimeMillis() + 5000;
        String city;
        do {
            city = given().get("/v1/members/" + member.get("id")).then().extract().path("city");
        } while (!"Paderborn".equals(city) && System.currentTimeMillis() < deadline && sleep());
        assertEquals("Paderborn", city, "the cached response was dropped after the notification");
    }

    @Test
    void aBurstOfReadsOfOneMissingResponseComputesItOnce() throws Exception {
        String path = "/v1/members/" + settled(Fixtures::createMember).get("id");
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        String expected = given().get(path).then().statusCode(200).extract().asString();
        long once = statistics.getPrepareStatementCount();
        settled(Fixtures::createMember); // a write: the response is no longer cached
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try (Connection holder = dataSource.getConnection(); Connection observer = dataSource.getConnection()) {
            // the table held, the first read cannot finish before the others have arrived
            holder.setAutoCommit(false);
            holder.createStatement().execute("lock table member in access exclusive mode");
            statistics.clear();
            List<Future<Response>> burst = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                burst.add(clients.submit(() -> given().get(path)));
            }
            long deadline = System.currentTimeMillis() + 5000;
            while (waitingForTheLock(observer) == 0 && System.currentTimeMillis() < deadline) {
                sleep();
            }
            Thread.sleep(500); // the others arrive meanwhile
            assertEquals(1, waitingForTheLock(observer), "one request computes, the others wait for it outside the database");
            holder.rollback();
            for (Future<Response> response : burst) {
                Response answered = response.get(10, TimeUnit.SECONDS);
                assertEquals(200, answered.statusCode());
                assertEquals(expected, answered.asString());
            }
            assertEquals(once, statistics.getPrepareStatementCount(), "the statements of one computation");
        } finally {
            clients.shutdownNow();
        }
    }

    private static int waitingForTheLock(Connection observer) throws java.sql.SQLException {
        try (var result = observer.createStatement().executeQuery(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")) {
            result.next();
            return result.getInt(1);
        }
    }

    @Test
    void aBadTokenIsRefusedEvenWhereTheAnonymousReadIsCached() {
        String member = "/v1/members/" + settled(Fixtures::createMember).get("id");
        given().get(member).then().statusCode(200);
        given().get(member).then().statusCode(200); // now answered from the cache
        given().header("Authorization", "Bearer not-a-token").get(member).then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").get(member).then().statusCode(401);
    }

    @Test
    void readsWithATokenAreCachedApartFromAnonymousOnes() {
        Map<String, Object> member = createMember();
        given().get("/v1/members/" + member.get("id")).then().header("Cache-Control", equalTo("public, max-age=60"));
        admin().get("/v1/members/" + member.get("id")).then().header("Cache-Control", equalTo("private, no-cache"));
        given().get("/v1/members/" + member.get("id")).then().header("Cache-Control", equalTo("public, max-age=60"));
    }

    @Test
    void aCachedReadHasTheBytesAndHeadersOfAComputedOne() {
        String member = "/v1/members/" + settled(Fixtures::createMember).get("id");
        String etag = given().get(member).then().extract().header("ETag");
        Map<String, Supplier<RequestSpecification>> callers = Map.of(
                "anonymous", () -> given(),
                "with a token", Fixtures::admin,
                "from a browser", () -> given().header("Origin", "https://www.example.org"),
                "with Accept", () -> given().accept(ContentType.JSON),
                "revalidating", () -> given().header("If-None-Match", etag),
                "revalidating with a token", () -> admin().header("If-None-Match", "\"other\", " + etag));
        for (var caller : callers.entrySet()) {
            for (String path : List.of(member, "/v1/members?limit=2&sort=name", "/v1/news?limit=1&include=members")) {
                settled(Fixtures::createMember); // a write: nothing is cached now
                var statistics = sessionFactory.getStatistics();
                statistics.clear();
                Response computed = caller.getValue().get().get(path);
                String what = caller.getKey() + " GET " + path;
                assertTrue(statistics.getPrepareStatementCount() > 0, what + ": computed");
                statistics.clear();
                Response cached = caller.getValue().get().get(path);
                // nothing through the ORM (a request with a token still has its token checked, with plain
                // JDBC in TokenIdentityProvider: ticker.tokens.remember=false; aTokenRevokedByAnotherInstance… shows it)
                assertEquals(0, statistics.getPrepareStatementCount(), what + ": served from the cache");
                assertEquals(computed.statusCode(), cached.statusCode(), what);
                assertEquals(headers(computed), headers(cached), what);
                assertArrayEquals(computed.asByteArray(), cached.asByteArray(), what);
            }
        }
    }

    @Test
    void aTokenRevokedByAnotherInstanceIsRefusedAtOnce() throws Exception {
        Map<String, Object> token = admin().contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Lesezugang"), "role", "editor")).post("/v1/tokens")
                .then().statusCode(201).extract().as(Map.class);
        String member = "/v1/members/" + settled(Fixtures::createMember).get("id");
        given().header("Authorization", "Bearer " + token.get("token")).get(member).then().statusCode(200);
        given().header("Authorization", "Bearer " + token.get("token")).get(member).then().statusCode(200); // the read is cached
        // another instance revokes it: by default, every request with a token asks the database
        // (ticker.tokens.remember=false; the other mode in RememberedTokensTest)
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("delete from access_token where id = ?")) {
            delete.setObject(1, UUID.fromString((String) token.get("id")));
            assertEquals(1, delete.executeUpdate());
        }
        given().header("Authorization", "Bearer " + token.get("token")).get(member).then().statusCode(401);
    }

    @Test
    void preflightsAndOptionsDoNotEmptyTheCache() {
        String member = "/v1/members/" + settled(Fixtures::createMember).get("id");
        given().get(member).then().statusCode(200);
        given().header("Origin", "https://www.example.org").header("Access-Control-Request-Method", "GET")
                .options(member).then().statusCode(204);
        given().options(member).then().statusCode(lessThan(300));
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().get(member).then().statusCode(200);
        assertEquals(0, statistics.getPrepareStatementCount(), "still served from the cache");
    }

    @Test
    void aLinkHeaderNamesTheHostItWasAskedFor() {
        settled(Fixtures::createMember);
        given().header("Host", "elsewhere.example").get("/v1/members?limit=1").then().statusCode(200)
                .header("Link", startsWith("<http://elsewhere.example/v1/members?"));
        given().get("/v1/members?limit=1").then().statusCode(200).header("Link", not(containsString("elsewhere")));
    }

    @Test
    void cachedReadsAreCountedUnderTheirPathTemplate() {
        String member = "/v1/members/" + settled(Fixtures::createMember).get("id");
        for (int i = 0; i < 3; i++) {
            given().get(member).then().statusCode(200);
        }
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("uri=\"/v1/members/{idOrSlug}\""), "requests are counted per template");
        assertFalse(metrics.contains(member), "no time series per member: " + member);
    }

    /**
     * Runs a write and waits until its change notification has come back from the database: it
     * empties this instance's cache once more, and a response cached before it arrives would be
     * dropped under the test's feet.
     */
    private <T> T settled(java.util.function.Supplier<T> write) {
        long before = cache.generation();
        T result = write.get();
        // one step when the write's response leaves this instance, one when its notification arrives
        long deadline = System.currentTimeMillis() + 5000;
        while (cache.generation() < before + 2 && System.currentTimeMillis() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
        assertTrue(cache.generation() >= before + 2, "the change notification arrived");
        return result;
    }

    /** The response headers as a client sees them, in a comparable form. */
    private static List<String> headers(Response response) {
        return response.headers().asList().stream().map(h -> h.getName().toLowerCase() + ": " + h.getValue()).sorted().toList();
    }

    private static boolean sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
