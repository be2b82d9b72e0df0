package dev.ticker.web;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.Fixtures.freeIssueNumber;
import static dev.ticker.Fixtures.news;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/**
 * Each limit on what a request may hold gives its own 4xx (docs/limits.md), and the real content
 * (the newsletter Nr. 20) still fits.
 */
@QuarkusTest
class RequestLimitsTest {

    private static final String OVER_LIMIT = "urn:ticker:problem:body-over-limit";

    private static String newsId() {
        return createNews().get("id").toString();
    }

    @Test
    void jsonNestedDeeperThan32LevelsIsA400() {
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        admin().contentType(MERGE_PATCH).body("{\"title\":" + deep + "}").patch("/v1/news/" + newsId()).then()
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo(OVER_LIMIT))
                .body("detail", equalTo("The body exceeds a limit of the JSON it may hold: "
                        + "Document nesting depth (33) exceeds the maximum allowed (32)."));
    }

    @Test
    void moreThan300000JsonTokensAreA400() {
        String zeros = String.join(",", Collections.nCopies(300_000, "0"));
        admin().contentType(MERGE_PATCH).body("{\"tags\":[" + zeros + "]}").patch("/v1/news/" + newsId()).then()
                .statusCode(400).body("type", equalTo(OVER_LIMIT)).body("detail", containsString("Token count"));
    }

    @Test
    void aPropertyNameLongerThan1000CharactersIsA400() {
        admin().contentType(MERGE_PATCH).body("{\"" + "n".repeat(1_001) + "\":1}").patch("/v1/news/" + newsId()).then()
                .statusCode(400).body("type", equalTo(OVER_LIMIT)).body("detail", containsString("Name length"));
    }

    @Test
    void textLongerThanItsFieldTakesIsA422NamingTheField() {
        Map<String, Object> item = news(unique("Zu lang"));
        item.put("body", "x".repeat(100_001));
        admin().contentType(ContentType.JSON).body(item).post("/v1/news").then().statusCode(422)
                .body("errors.field", hasItem("body"));
    }

    @Test
    void moreItemsThanAListTakesIsA422NamingTheList() {
        Map<String, Object> item = news(unique("Zu viele Schlagworte"));
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            tags.add("Tag " + i);
        }
        item.put("tags", tags);
        admin().contentType(ContentType.JSON).body(item).post("/v1/news").then().statusCode(422)
                .body("errors.field", hasItem("tags"));
    }

    @Test
    void theWholeNewsletterFitsInOneNewsBody() {
        // the newsletter Nr. 20 as its plain-text e-mail: every item's text in one
        String seed = given().get("/v1/issues/20/email.txt").then().statusCode(200).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(seed.length() > 10_000, seed.length() + " characters");
        Map<String, Object> item = news(unique("Der ganze Branchenticker"));
        item.put("body", seed);
        admin().contentType(ContentType.JSON).body(item).post("/v1/news").then().statusCode(201)
                .body("body", equalTo(seed));
    }

    @Test
    void issue20AsItIsServedCanBeSentBackAsANewIssue() {
        @SuppressWarnings("unchecked")
        Map<String, Object> issue = admin().get("/v1/issues/20").then().statusCode(200).extract().as(Map.class);
        issue.remove("id");
        issue.remove("slug");
        issue.put("number", freeIssueNumber());
        issue.put("status", "draft");
        issue.remove("publishedAt");
        admin().contentType(ContentType.JSON).body(issue).post("/v1/issues").then().statusCode(201)
                .body("sections.size()", equalTo(((List<?>) issue.get("sections")).size()));
    }

    @Test
    void manyQueryParametersWithinTheRequestLineAreA400NamingAnUnknownOne() {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            query.append(i == 0 ? "?" : "&").append("p").append(i).append("=1");
        }
        given().urlEncodingEnabled(false).get("/v1/news" + query).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("Unknown query parameter 'p"));
    }

    @Test
    void aRequestLineOver4096BytesIsA414WithoutABody() throws IOException {
        String status = raw("GET /v1/news?tag=" + "x".repeat(5_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        // Vert.x answers before it knows the version: an HTTP/1.0 status line, no body, the connection closed
        assertEquals("HTTP/1.0 414 Request-URI Too Long", status);
    }

    @Test
    void headersOver20KilobytesAreA431WithoutABody() throws IOException {
        String status = raw("GET /v1/news HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "x".repeat(21_000) + "\r\n\r\n");
        assertEquals("HTTP/1.1 431 Request Header Fields Too Large", status);
    }

    /** The status line the service answers a raw request with. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
