package dev.ticker.web;

import static dev.ticker.Fixtures.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * X-Content-Type-Options and Referrer-Policy on every kind of answer: computed and cached reads,
 * 304s, every problem status, the outputs beyond JSON, preflights and Quarkus's own endpoints.
 * (The 429 has them too: RateLimitTest.)
 */
@QuarkusTest
class SecurityHeadersTest {

    static Stream<Arguments> answers() {
        return Stream.of(
                answer("a list, computed or cached", 200, () -> given().get("/v1/news?limit=2")),
                answer("a list again, from the read cache", 200, () -> given().get("/v1/news?limit=2")),
                answer("an item", 200, () -> given().get("/v1/issues/20")),
                answer("a read with a token", 200, () -> admin().get("/v1/news?limit=2")),
                answer("a 304", 304, () -> given().header("If-None-Match", given().get("/v1/members?limit=1").header("ETag"))
                        .get("/v1/members?limit=1")),
                answer("a search", 200, () -> given().queryParam("q", "Kommune").get("/v1/search")),
                answer("the issue as HTML e-mail", 200, () -> given().get("/v1/issues/20/email.html")),
                answer("the issue as text e-mail", 200, () -> given().get("/v1/issues/20/email.txt")),
                answer("the Atom feed", 200, () -> given().get("/v1/news/feed.atom")),
                answer("the JSON feed", 200, () -> given().get("/v1/news/feed.json")),
                answer("the calendar", 200, () -> given().get("/v1/events/calendar.ics")),
                answer("a created item", 201, () -> admin().contentType(ContentType.JSON)
                        .body(dev.ticker.Fixtures.member(dev.ticker.Fixtures.unique("Kopfzeilen"))).post("/v1/members")),
                answer("a 400", 400, () -> given().get("/v1/news?sort=nonsense")),
                answer("a 401", 401, () -> given().contentType(ContentType.JSON).body("{}").post("/v1/members")),
                answer("a 401 for a bad token", 401, () -> given().header("Authorization", "Bearer nope").get("/v1/news")),
                answer("a 403", 403, () -> given().header("Authorization", "Bearer " + dev.ticker.Fixtures.editorToken())
                        .get("/v1/tokens")),
                answer("a 404 of the API", 404, () -> given().get("/v1/news/there-is-no-such-item")),
                answer("a 404 outside the API", 404, () -> given().get("/nothing-here")),
                answer("a 405", 405, () -> admin().post("/v1/members/some-slug")),
                answer("a 406", 406, () -> given().accept("application/xml").get("/v1/members")),
                answer("a 413", 413, () -> admin().contentType(ContentType.JSON)
                        .body("{\"name\":\"" + "x".repeat(1_100_000) + "\"}").post("/v1/members")),
                answer("a 415", 415, () -> admin().contentType("text/plain").body("x").post("/v1/members")),
                answer("a 422", 422, () -> admin().contentType(ContentType.JSON).body("{}").post("/v1/members")),
                answer("a preflight", 204, () -> given().header("Origin", "https://example.org")
                        .header("Access-Control-Request-Method", "GET").options("/v1/news")),
                answer("a refused preflight", 204, () -> given().header("Origin", "https://example.org")
                        .header("Access-Control-Request-Method", "DELETE").options("/v1/news")),
                answer("OPTIONS without preflight", 200, () -> given().options("/v1/news")),
                answer("HEAD", 200, () -> given().head("/v1/members?limit=1")),
                answer("health", 200, () -> given().get("/q/health/ready")),
                answer("liveness", 200, () -> given().get("/q/health/live")),
                answer("the API description", 200, () -> given().get("/q/openapi")),
                answer("metrics", 200, () -> given().get("/q/metrics")));
    }

    private static Arguments answer(String name, int status, Supplier<Response> request) {
        return Arguments.of(name, status, request);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answers")
    void everyAnswerForbidsSniffingAndSendsNoReferrer(String name, int status, Supplier<Response> request) {
        request.get().then().statusCode(status)
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("no-referrer"));
    }

    @Test
    void theHtmlEmailMayRunNoScriptAndJsonNeedsNoPolicy() {
        given().get("/v1/issues/20/email.html").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", org.hamcrest.Matchers.not(containsString("script-src")));
        // cached the second time: the same policy
        given().get("/v1/issues/20/email.html").then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'none'"));
        given().get("/v1/issues/20").then().statusCode(200).header("Content-Security-Policy", nullValue());
    }
}
