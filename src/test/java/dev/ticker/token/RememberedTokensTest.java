package dev.ticker.token;

import static dev.ticker.Fixtures.admin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * {@code ticker.tokens.remember=true}: a checked token is remembered, so a cached read with a token
 * runs no SQL at all; a revocation elsewhere reaches this instance through the change feed, soon
 * rather than at once (docs/reliability-instances.md measures the window).
 */
@QuarkusTest
@TestProfile(RememberedTokensTest.Remembering.class)
class RememberedTokensTest {

    public static class Remembering implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticker.tokens.remember", "true");
        }
    }

    @Inject
    SessionFactory sessionFactory;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRememberedTokenIsForgottenWhenAnotherInstanceRevokesIt() throws Exception {
        Map<String, Object> token = admin().contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Lesezugang"), "role", "editor")).post("/v1/tokens")
                .then().statusCode(201).extract().as(Map.class);
        String member = "/v1/members/" + Fixtures.createMember().get("id");
        var statistics = sessionFactory.getStatistics();
        long deadline = System.currentTimeMillis() + 5000;
        long statements;
        do { // until the notifications of the token's and the member's creation have come and gone
            given().header("Authorization", "Bearer " + token.get("token")).get(member).then().statusCode(200);
            statistics.clear();
            given().header("Authorization", "Bearer " + token.get("token")).get(member).then().statusCode(200);
            statements = statistics.getPrepareStatementCount();
        } while (statements > 0 && System.currentTimeMillis() < deadline && sleep());
        assertEquals(0, statements, "the token and the response are answered from memory");
        // another instance revokes it: only the database's notification can tell this one
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement("delete from access_token where id = ?")) {
            delete.setObject(1, UUID.fromString((String) token.get("id")));
            assertEquals(1, delete.executeUpdate());
        }
        deadline = System.currentTimeMillis() + 5000;
        int status;
        do {
            status = given().header("Authorization", "Bearer " + token.get("token")).get(member).statusCode();
        } while (status != 401 && System.currentTimeMillis() < deadline && sleep());
        assertEquals(401, status, "the revoked token was forgotten after the notification");
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
