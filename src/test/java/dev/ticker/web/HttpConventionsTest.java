package dev.ticker.web;

import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.createNews;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** The conventions every resource shares: caching, preconditions, auth, errors, CORS, compression. */
@QuarkusTest
class HttpConventionsTest {

    @Test
    void sendsAStrongETagAndAnswers304ToIfNoneMatch() {
        Map<String, Object> member = createMember();
        String etag = given().get("/v1/members/" + member.get("id")).then().statusCode(200)
                .header("ETag", org.hamcrest.Matchers.matchesPattern("\"[A-Za-z0-9_-]+\"")).extract().header("ETag");
        given().header("If-None-Match", etag).get("/v1/members/" + member.get("id"))
                .then().statusCode(304).header("ETag", equalTo(etag)).body(org.hamcrest.Matchers.emptyString());
        given().header("If-None-Match", "\"something-else\"").get("/v1/members/" + member.get("id")).then().statusCode(200);
    }

    @Test
    void changesTheETagWhenTheResourceChanges() {
        Map<String, Object> member = createMember();
        String before = given().get("/v1/members/" + member.get("id")).header("ETag");
        admin().contentType(Fixtures.MERGE_PATCH).body("{\"city\":\"Hagen\"}").patch("/v1/members/" + member.get("id"))
                .then().statusCode(200);
        String after = given().get("/v1/members/" + member.get("id")).header("ETag");
        assertNotEquals(before, after);
        given().header("If-None-Match", before).get("/v1/members/" + member.get("id")).then().statusCode(200);
    }

    @Test
    void answers304ForAnUnchangedListPage() {
        createNews();
        String etag = given().queryParam("limit", 5).get("/v1/news").then().statusCode(200).extract().header("ETag");
        given().queryParam("limit", 5).header("If-None-Match", etag).get("/v1/news").then().statusCode(304);
    }

    @Test
    void theETagOfAWriteIsTheETagOfTheNextRead() {
        Map<String, Object> news = createNews();
        String written = admin().contentType(Fixtures.MERGE_PATCH).body("{\"teaser\":\"Neu\"}")
                .patch("/v1/news/" + news.get("id")).then().statusCode(200).extract().header("ETag");
        assertEquals(written, given().get("/v1/news/" + news.get("id")).header("ETag"));
    }

    @Test
    void appliesAWriteWhoseIfMatchIsCurrent() {
        Map<String, Object> member = createMember();
        String etag = given().get("/v1/members/" + member.get("id")).header("ETag");
        admin().header("If-Match", etag).contentType(Fixtures.MERGE_PATCH).body("{\"city\":\"Bielefeld\"}")
                .patch("/v1/members/" + member.get("id")).then().statusCode(200).body("city", equalTo("Bielefeld"));
    }

    @Test
    void returns412WhenIfMatchIsStale() {
        Map<String, Object> member = createMember();
        String etag = given().get("/v1/members/" + member.get("id")).header("ETag");
        admin().contentType(Fixtures.MERGE_PATCH).body("{\"city\":\"Bonn\"}").patch("/v1/members/" + member.get("id"))
                .then().statusCode(200);
        admin().header("If-Match", etag).contentType(Fixtures.MERGE_PATCH).body("{\"city\":\"Köln\"}")
                .patch("/v1/members/" + member.get("id")).then().statusCode(412).contentType("application/problem+json");
        admin().header("If-Match", etag).contentType(ContentType.JSON).body(Fixtures.member("X"))
                .put("/v1/members/" + member.get("id")).then().statusCode(412);
        admin().header("If-Match", etag).delete("/v1/members/" + member.get("id")).then().statusCode(412);
        given().get("/v1/members/" + member.get("id")).then().statusCode(200).body("city", equalTo("Bonn"));
    }

    @Test
    void anonymousReadsArePubliclyCacheable() {
        Map<String, Object> news = createNews();
        given().get("/v1/news/" + news.get("id")).then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=60"))
                .header("Vary", containsString("Authorization"));
        given().get("/v1/news").then().header("Cache-Control", equalTo("public, max-age=60"));
    }

    @Test
    void readsWithATokenArePrivate() {
        Map<String, Object> news = createNews();
        admin().get("/v1/news/" + news.get("id")).then().statusCode(200).header("Cache-Control", containsString("private"));
    }

    @Test
    void writesAreNotCached() {
        admin().contentType(ContentType.JSON).body(Fixtures.member(Fixtures.unique("Cache"))).post("/v1/members")
                .then().statusCode(201).header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void returns401WithoutATokenAndWritesNothing() {
        String name = Fixtures.unique("Ohne Token");
        given().contentType(ContentType.JSON).body(Fixtures.member(name)).post("/v1/members")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().queryParam("limit", 100).queryParam("sort", "-createdAt").get("/v1/members")
                .then().body("items.name", not(org.hamcrest.Matchers.hasItem(name)));
    }

    @Test
    void returns401ForABadToken() {
        Map<String, Object> member = createMember();
        given().header("Authorization", "Bearer wrong").delete("/v1/members/" + member.get("id"))
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"ticker\""))
                .body("detail", equalTo("The bearer token is not valid or has expired."));
        given().header("Authorization", "Basic dXNlcjpwYXNz").delete("/v1/members/" + member.get("id")).then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"ticker\""))
                .body("detail", equalTo("The Authorization header must be 'Bearer <token>'."));
        given().header("Authorization", "Bearer wrong").get("/v1/members").then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"ticker\""));
        given().get("/v1/members/" + member.get("id")).then().statusCode(200);
    }

    @Test
    void leavesTheAuthorizationHeaderOfOtherPathsToOthers() {
        // a metrics scraper or a proxy may send credentials of its own: health and metrics stay readable
        given().header("Authorization", "Basic cHJvbWV0aGV1czpzZWNyZXQ=").get("/q/health/ready").then().statusCode(200);
        given().header("Authorization", "Bearer not-ours").get("/q/metrics").then().statusCode(200);
    }

    @Test
    void anonymousReadsNeedNoToken() {
        given().get("/v1/members").then().statusCode(200).body("page.limit", equalTo(20));
        given().get("/v1/news").then().statusCode(200);
    }

    @Test
    void returns404ProblemForAnUnknownPath() {
        given().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not Found"));
    }

    @Test
    void returns405WithAllow() {
        admin().delete("/v1/news").then().statusCode(405).contentType("application/problem+json")
                .header("Allow", equalTo("GET, HEAD, OPTIONS, POST"));
        admin().post("/v1/members/some-slug").then().statusCode(405)
                .header("Allow", equalTo("DELETE, GET, HEAD, OPTIONS, PATCH, PUT"));
    }

    @Test
    void returns406ForAnUnsupportedAccept() {
        given().accept("application/xml").get("/v1/members").then().statusCode(406).contentType("application/problem+json");
    }

    @Test
    void returns414ForAnOverlongUrlAsTheContractDeclares() {
        // answered by the HTTP layer, without a body; openapi/openapi.yaml declares it for every operation
        given().queryParam("tag", "x".repeat(10_000)).get("/v1/news").then().statusCode(414);
    }

    @Test
    void returns431ForOverlongHeadersAsTheContractDeclares() throws IOException {
        // a raw request, written at once and just over the 20 KB limit: the HTTP layer answers and closes the
        // connection when the headers pass the limit, and a client still writing the rest meets a broken pipe
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = "GET /v1/news HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "x".repeat(21_000) + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
            assertEquals("HTTP/1.1 431", status == null ? null : status.substring(0, Math.min(12, status.length())));
        }
    }

    @Test
    void returns415ForAnUnsupportedContentType() {
        admin().contentType("text/plain").body("name=x").post("/v1/members").then().statusCode(415)
                .contentType("application/problem+json")
                .body("detail", containsString("send application/json"));
    }

    @Test
    void returns413ForABodyOverTheLimit() {
        String huge = "x".repeat(2 * 1024 * 1024);
        admin().contentType(ContentType.JSON).body("{\"name\":\"" + huge + "\"}").post("/v1/members")
                .then().statusCode(413).contentType("application/problem+json").body("status", equalTo(413));
    }

    @Test
    void returns400ForAnEmptyBody() {
        admin().contentType(ContentType.JSON).post("/v1/members").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void compressesResponsesForClientsThatAcceptGzip() {
        createNews();
        given().header("Accept-Encoding", "gzip").get("/v1/news").then().statusCode(200)
                .header("Content-Encoding", equalTo("gzip"));
    }

    @Test
    void doesNotCompressForClientsThatDoNotAskForIt() throws Exception {
        // java.net.http sends no Accept-Encoding of its own (REST Assured always asks for gzip)
        var client = java.net.http.HttpClient.newHttpClient();
        var response = client.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/v1/news")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        org.junit.jupiter.api.Assertions.assertFalse(response.headers().firstValue("Content-Encoding").orElse("").contains("gzip"));
        org.junit.jupiter.api.Assertions.assertTrue(response.body().startsWith("{\"items\""), response.body());
    }

    @Test
    void letsAnyOriginRead() {
        given().header("Origin", "https://frontend.example").get("/v1/news").then().statusCode(200)
                .header("Access-Control-Allow-Origin", equalTo("*"))
                .header("Access-Control-Expose-Headers", containsString("ETag"))
                .header("Access-Control-Expose-Headers", containsString("RateLimit-Policy"))
                .header("Access-Control-Expose-Headers", containsString("Retry-After"));
        given().header("Origin", "https://frontend.example").header("Access-Control-Request-Method", "GET")
                .options("/v1/news").then().statusCode(204).header("Access-Control-Allow-Origin", equalTo("*"));
    }

    @Test
    void refusesBrowserWritesFromOriginsNotConfigured() {
        given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .options("/v1/news").then().statusCode(204).header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void letsConfiguredOriginsWrite() {
        // %test.ticker.cors.write-origins in application.properties
        given().header("Origin", "https://redaktion.example").header("Access-Control-Request-Method", "PATCH")
                .options("/v1/news/x").then().statusCode(204)
                .header("Access-Control-Allow-Origin", equalTo("https://redaktion.example"))
                .header("Access-Control-Allow-Methods", containsString("PATCH"))
                .header("Access-Control-Allow-Headers", containsString("If-Match"))
                .header("Access-Control-Allow-Headers", containsString("Idempotency-Key"));
        admin().header("Origin", "https://redaktion.example").contentType(ContentType.JSON)
                .body(Fixtures.member(Fixtures.unique("CORS"))).post("/v1/members")
                .then().statusCode(201).header("Access-Control-Allow-Origin", equalTo("https://redaktion.example"));
    }

    @Test
    void errorsNeverShowInternals() {
        String body = given().get("/v1/members/" + "%27%3B%20select%201").then().statusCode(404).extract().asString();
        assertNoInternals(body);
        body = admin().contentType(ContentType.JSON).body("{\"name\": [1,2]}").post("/v1/members").then().statusCode(400)
                .extract().asString();
        assertNoInternals(body);
    }

    static void assertNoInternals(String body) {
        for (String leak : new String[] { "Exception", "java.", "org.hibernate", "SQL", "jakarta.", "com.fasterxml", "\tat " }) {
            org.junit.jupiter.api.Assertions.assertFalse(body.contains(leak), () -> "leaks '" + leak + "': " + body);
        }
    }

    @Test
    void healthAndMetricsAnswer() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Database")));
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().get("/q/swagger-ui/").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200).body(notNullValue());
    }
}
