package dev.ticker.token;

import static dev.ticker.Fixtures.admin;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * Secrets (API tokens, webhook signing secrets) appear in exactly one answer each, the one that
 * creates them, and nowhere else: not in error bodies or headers, and not in the log, with Ticker's
 * and Quarkus Security's loggers turned up to DEBUG while the test runs (docs/security.md).
 */
@QuarkusTest
class SecretsTest {

    /** Loggers turned up to DEBUG for the test: Ticker's own and those of the authentication path. */
    private static final List<String> LOUD = List.of("dev.ticker", "io.quarkus.security", "io.quarkus.vertx.http.runtime.security");

    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringBuilder line = new StringBuilder(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            if (record.getParameters() != null) {
                for (Object parameter : record.getParameters()) {
                    line.append(' ').append(parameter);
                }
            }
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append('\n').append(trace);
            }
            logged.add(line.toString());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureTheLog() {
        capture.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(capture);
        for (String name : LOUD) {
            levels.add(Logger.getLogger(name).getLevel());
            Logger.getLogger(name).setLevel(Level.FINE);
        }
    }

    @AfterEach
    void restoreTheLog() {
        Logger.getLogger("").removeHandler(capture);
        for (int i = 0; i < LOUD.size(); i++) {
            Logger.getLogger(LOUD.get(i)).setLevel(levels.get(i));
        }
    }

    @Test
    void aTokenIsShownOnceAndNeverAgain() {
        Map<String, Object> created = Fixtures.createToken("editor");
        String secret = (String) created.get("token");
        String mistyped = secret.substring(0, secret.length() - 1) + (secret.endsWith("A") ? "B" : "A");
        List<Response> answers = new ArrayList<>();

        answers.add(bearer(secret).get("/v1/news?status=draft"));
        answers.add(bearer(mistyped).get("/v1/news"));
        answers.add(bearer(mistyped).contentType(ContentType.JSON).body(Fixtures.news(Fixtures.unique("Abgewiesen"))).post("/v1/news"));
        answers.add(given().header("Authorization", "Token " + secret).get("/v1/news"));
        answers.add(given().header("Authorization", "Bearer " + secret).header("Authorization", "Bearer " + mistyped).get("/v1/news"));
        answers.add(bearer(secret).contentType(ContentType.JSON).body("{\"title\": ").post("/v1/news"));
        answers.add(bearer(secret).contentType(ContentType.JSON).body(Map.of("name", "x", "role", "admin")).post("/v1/tokens"));
        answers.add(admin().get("/v1/tokens"));
        answers.add(admin().delete("/v1/tokens/" + created.get("id")));
        answers.add(bearer(secret).get("/v1/news"));

        assertEquals(List.of(200, 401, 401, 401, 401, 400, 403, 200, 204, 401), answers.stream().map(Response::statusCode).toList());
        for (Response answer : answers) {
            assertFalse(shown(answer, secret) || shown(answer, mistyped), () -> "the secret is in: " + answer.asString());
        }
        assertNotLogged(secret, mistyped, Fixtures.ADMIN_TOKEN);
    }

    @Test
    void theCaptureSeesDebugLinesOfTheService() {
        // what the other tests' silence is worth: a DEBUG line of a Ticker logger reaches the capture
        Logger.getLogger("dev.ticker.token.TokenIdentityProvider").fine("probe of SecretsTest");
        assertTrue(logged.contains("probe of SecretsTest"), () -> "captured: " + logged);
    }

    @Test
    void aWebhookSecretIsShownOnCreationAndRotationOnly() {
        Map<String, Object> webhook = admin().contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/ticker", "events", List.of("*")))
                .post("/v1/webhooks").then().statusCode(201).extract().jsonPath().getMap("");
        String secret = (String) webhook.get("secret");
        assertTrue(secret.startsWith("whsec_"), secret);
        String id = (String) webhook.get("id");
        String rotated = admin().post("/v1/webhooks/" + id + "/rotate-secret").then().statusCode(200)
                .extract().jsonPath().getString("secret");

        // the receiver refuses the connection: attempts fail, are recorded and logged as they are
        admin().post("/v1/webhooks/" + id + "/ping").then().statusCode(202);
        List<Response> answers = List.of(admin().get("/v1/webhooks/" + id), admin().get("/v1/webhooks"),
                admin().get("/v1/webhooks/" + id + "/deliveries"),
                admin().contentType("application/merge-patch+json").body("{\"secret\": \"" + secret + "\"}").patch("/v1/webhooks/" + id));
        assertEquals(List.of(200, 200, 200, 400), answers.stream().map(Response::statusCode).toList());
        for (Response answer : answers) {
            assertFalse(shown(answer, secret) || shown(answer, rotated), () -> "a webhook secret is in: " + answer.asString());
        }
        admin().delete("/v1/webhooks/" + id).then().statusCode(204);
        assertNotLogged(secret, rotated);
    }

    private void assertNotLogged(String... secrets) {
        for (String line : logged) {
            for (String secret : secrets) {
                assertFalse(line.contains(secret), () -> "a secret was logged: " + line);
            }
        }
    }

    private static boolean shown(Response answer, String secret) {
        return answer.asString().contains(secret) || answer.headers().asList().stream().anyMatch(h -> h.getValue().contains(secret));
    }

    private static io.restassured.specification.RequestSpecification bearer(String secret) {
        return given().header("Authorization", "Bearer " + secret);
    }
}
