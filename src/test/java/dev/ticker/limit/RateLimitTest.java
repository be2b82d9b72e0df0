package dev.ticker.limit;

import static dev.ticker.Fixtures.member;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Rate limits (docs/limits.md) with small quotas: who is limited, what a refusal says, and that the quota comes back. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallQuotas.class)
class RateLimitTest {

    /** Three writes a minute, two searches in two seconds, four other requests with a token a minute. */
    public static class SmallQuotas implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticker.rate-limit.enabled", "true",
                    "ticker.rate-limit.writes.quota", "3", "ticker.rate-limit.writes.window", "60s",
                    "ticker.rate-limit.search.quota", "2", "ticker.rate-limit.search.window", "2s",
                    "ticker.rate-limit.reads.quota", "4", "ticker.rate-limit.reads.window", "60s");
        }
    }

    @Inject
    DataSource dataSource;

    @Test
    void aWriteOverTheQuotaIsRefusedWith429RetryAfterTheRateLimitFieldsAndAProblem() {
        String token = newEditorToken();
        for (int remaining = 2; remaining >= 0; remaining--) {
            // an invalid body still counts: the limit comes before the work
            as(token).contentType(ContentType.JSON).body("{}").post("/v1/members").then().statusCode(422)
                    .header("RateLimit-Policy", "\"writes\";q=3;w=60")
                    .header("RateLimit", matchesPattern("\"writes\";r=" + remaining + ";t=\\d+"));
        }
        String name = unique("Gedrosselt");
        Response refused = as(token).contentType(ContentType.JSON).body(member(name)).post("/v1/members");
        refused.then().statusCode(429).contentType("application/problem+json")
                .header("RateLimit-Policy", "\"writes\";q=3;w=60")
                .body("status", equalTo(429)).body("title", equalTo("Too Many Requests"))
                .body("type", equalTo("urn:ticker:problem:rate-limited"))
                .body("detail", containsString("at most 3 in a minute")).body("instance", equalTo("/v1/members"))
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals("\"writes\";r=0;t=" + retryAfter, refused.header("RateLimit"));
        // refused means not done
        given().queryParam("q", name).get("/v1/members").then().statusCode(200).body("page.total", equalTo(0));
    }

    @Test
    void anotherTokenHasItsOwnQuota() {
        String first = newEditorToken();
        String second = newEditorToken();
        for (int i = 0; i < 3; i++) {
            as(first).contentType(ContentType.JSON).body("{}").post("/v1/members").then().statusCode(422);
        }
        as(first).contentType(ContentType.JSON).body("{}").post("/v1/members").then().statusCode(429);
        as(second).contentType(ContentType.JSON).body(member(unique("Eigenes Kontingent"))).post("/v1/members").then()
                .statusCode(201).header("RateLimit", matchesPattern("\"writes\";r=2;t=\\d+"));
        as(first).contentType(ContentType.JSON).body("{}").post("/v1/members").then().statusCode(429);
    }

    @Test
    void callersWithoutATokenAreLimitedByTheirAddressAndATokenFromThereIsNot() {
        String token = newEditorToken();
        // without a token a write is a 401, and it counts against the address (127.0.0.1 here)
        for (int i = 0; i < 3; i++) {
            given().contentType(ContentType.JSON).body("{}").post("/v1/news").then().statusCode(401);
        }
        given().contentType(ContentType.JSON).body("{}").post("/v1/news").then().statusCode(429)
                .contentType("application/problem+json").header("Retry-After", matchesPattern("\\d+"));
        as(token).contentType(ContentType.JSON).body("{}").post("/v1/news").then().statusCode(422);
    }

    @Test
    void theQuotaComesBackAfterTheWindow() throws InterruptedException {
        String token = newEditorToken();
        // two searches in two seconds; asking until the third is refused keeps a window boundary from failing the test
        Response refused = null;
        for (int i = 0; i < 6 && refused == null; i++) {
            Response response = as(token).queryParam("q", "Kommune").get("/v1/news");
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertEquals(200, response.statusCode());
            }
        }
        assertTrue(refused != null, "no search was refused");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= 2, "Retry-After " + retryAfter);
        refused.then().header("RateLimit-Policy", "\"search\";q=2;w=2");
        Thread.sleep(retryAfter * 1000 + 100);
        as(token).queryParam("q", "Kommune").get("/v1/news").then().statusCode(200)
                .header("RateLimit", matchesPattern("\"search\";r=1;t=\\d+"));
        // /v1/search counts as a search too
        as(token).queryParam("q", "Kommune").get("/v1/search").then().statusCode(200)
                .header("RateLimit", matchesPattern("\"search\";r=0;t=\\d+"));
    }

    @Test
    void anonymousPlainReadsAreNotLimited() {
        for (int i = 0; i < 20; i++) {
            given().get("/v1/news?limit=3").then().statusCode(200).header("RateLimit", nullValue())
                    .header("RateLimit-Policy", nullValue());
            given().get("/v1/issues/20").then().statusCode(200).header("RateLimit", nullValue());
        }
        given().get("/q/health/ready").then().statusCode(200).header("RateLimit", nullValue());
    }

    @Test
    void readsWithATokenAreLimitedAndSayHowMuchIsLeft() {
        String token = newEditorToken();
        for (int remaining = 3; remaining >= 0; remaining--) {
            as(token).get("/v1/news?limit=3").then().statusCode(200)
                    .header("RateLimit-Policy", "\"reads\";q=4;w=60")
                    .header("RateLimit", matchesPattern("\"reads\";r=" + remaining + ";t=\\d+"));
        }
        as(token).get("/v1/news?limit=3").then().statusCode(429).contentType("application/problem+json")
                .body("detail", containsString("requests with a token"));
    }

    private static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token);
    }

    /**
     * An editor token written straight into the database (as TokenService stores it: the SHA-256
     * of the secret), so that setting up a test spends none of the admin's write quota.
     */
    private String newEditorToken() {
        String secret = "tk_ratelimit_" + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into access_token (id, name, role, token_hash, created_at) values (?, ?, 'editor', ?, now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, unique("Rate limit"));
            insert.setString(3, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8))));
            insert.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return secret;
    }
}
