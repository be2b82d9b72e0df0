package dev.ticker.web;

import static dev.ticker.Fixtures.ADMIN_TOKEN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ticker.BadInputChecks;
import dev.ticker.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Requests the router refuses before any route runs (found by the fuzz test, docs/reliability-fuzz.md)
 * answer a 400 problem document like every other bad request, not Quarkus's last-resort JSON that
 * named io.vertx.core.VertxException (with its stack outside production) or an empty 404.
 */
@QuarkusTest
class MalformedRequestsTest {

    static Stream<String> requestsWithoutAUsableHostOrPath() {
        return Stream.of(
                "GET /v1/news HTTP/1.1\r\nHost: a b\r\n",
                "GET /v1/news HTTP/1.1\r\nHost: localhost@evil.example\r\n",
                "GET /v1/members?limit=1 HTTP/1.1\r\nHost: localhost@evil.example\r\nAuthorization: Bearer " + ADMIN_TOKEN + "\r\n",
                "DELETE /v1/tokens/00000000-0000-0000-0000-000000000000 HTTP/1.1\r\nHost: a b\r\nAuthorization: Bearer " + ADMIN_TOKEN + "\r\n",
                "GET /v1/news HTTP/1.1\r\n",
                "GET v1/news HTTP/1.1\r\nHost: localhost\r\n",
                "POST v1/members HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 2\r\n");
    }

    @ParameterizedTest
    @MethodSource("requestsWithoutAUsableHostOrPath")
    void answersARequestWithoutAUsableHostOrPathWithA400Problem(String head) {
        boolean body = head.contains("Content-Length: 2");
        RawHttp.Reply reply = RawHttp.exchange("localhost", RestAssured.port,
                (head + "Connection: close\r\n\r\n" + (body ? "{}" : "")).getBytes(StandardCharsets.UTF_8));
        JsonNode problem = BadInputChecks.assertProblemDocument(head, 400, reply.status(), reply.header("Content-Type"), reply.text());
        assertEquals("urn:ticker:problem:malformed-request", problem.get("type").asText());
        assertFalse(reply.text().contains("Vertx"), reply.text());
    }

    @Test
    void stillAnswersAWellFormedRequestAndABadTokenAsBefore() {
        RawHttp.Reply ok = RawHttp.exchange("localhost", RestAssured.port,
                "GET /v1/members?limit=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, ok.status(), ok.text());
        assertTrue(ok.text().startsWith("{\"items\""), ok.text());
        RawHttp.Reply unauthorized = RawHttp.exchange("localhost", RestAssured.port,
                "GET /v1/members HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer wrong\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.UTF_8));
        BadInputChecks.assertProblemDocument("bad token", 401, unauthorized.status(), unauthorized.header("Content-Type"),
                unauthorized.text());
        assertEquals("Bearer realm=\"ticker\"", unauthorized.header("WWW-Authenticate"));
    }
}
