package dev.ticker.webhook;

import static dev.ticker.Fixtures.admin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** With the default setting, subscriptions to internal addresses are refused over HTTP: a 422 that says why and how to allow them. */
@QuarkusTest
@TestProfile(PrivateTargetsTest.Default.class)
class PrivateTargetsTest {

    /** The service as it runs by default: private targets not allowed. */
    public static class Default implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ticker.webhooks.allow-private-targets", "false");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.7/", "http://192.168.178.1/", "https://[::1]/", "http://[::ffff:127.0.0.1]/" })
    void internalTargetsAreRefused(String url) {
        admin().contentType(ContentType.JSON).body(Map.of("url", url, "events", List.of("*"))).post("/v1/webhooks").then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", is("url"))
                .body("errors[0].message", containsString("TICKER_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true"));
        admin().get("/v1/webhooks").then().statusCode(200).body("items.url", not(hasItem(url)));
    }

    @Test
    void aHostThatDoesNotResolveIsAcceptedAndEachAttemptSaysWhyItFailed() throws InterruptedException {
        String id = admin().contentType(ContentType.JSON).body(Map.of("url", "https://hooks.ticker.invalid/in", "events", List.of("*")))
                .post("/v1/webhooks").then().statusCode(201).extract().jsonPath().getString("id");
        try {
            admin().post("/v1/webhooks/" + id + "/ping").then().statusCode(202);
            String error = null;
            for (int i = 0; i < 100 && error == null; i++) {
                Thread.sleep(50);
                error = admin().get("/v1/webhooks/" + id + "/deliveries").jsonPath().getString("items[0].error");
            }
            org.junit.jupiter.api.Assertions.assertEquals("not sent, the URL is refused: its host hooks.ticker.invalid cannot be resolved", error);
        } finally {
            admin().delete("/v1/webhooks/" + id).then().statusCode(204);
        }
    }
}
