package dev.ticker.token;

import static dev.ticker.Fixtures.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class TokenResourceTest {

    private static Map<String, Object> createToken(String role) {
        Map<String, Object> created = Fixtures.createToken(role);
        org.hamcrest.MatcherAssert.assertThat((String) created.get("token"), startsWith("tk_"));
        assertEquals(role, created.get("role"));
        return created;
    }

    @Test
    void anEditorTokenWritesContent() {
        String secret = (String) createToken("editor").get("token");
        given().header("Authorization", "Bearer " + secret).contentType(ContentType.JSON)
                .body(Fixtures.member(Fixtures.unique("Von der Redaktion"))).post("/v1/members").then().statusCode(201);
    }

    @Test
    void returns403WhenAnEditorManagesTokens() {
        String secret = (String) createToken("editor").get("token");
        given().header("Authorization", "Bearer " + secret).contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("Eskalation"), "role", "admin")).post("/v1/tokens")
                .then().statusCode(403).contentType("application/problem+json");
        given().header("Authorization", "Bearer " + secret).get("/v1/tokens").then().statusCode(403);
    }

    @Test
    void returns401ForTokenManagementWithoutAToken() {
        given().get("/v1/tokens").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void listsTokensWithoutSecretsAndStoresOnlyHashes() {
        Map<String, Object> created = createToken("editor");
        admin().get("/v1/tokens").then().statusCode(200)
                .header("Cache-Control", startsWith("private"))
                .body("items.name", hasItem(created.get("name")))
                .body("items.token", everyItem(nullValue()));
    }

    @Test
    void aRevokedTokenStopsWorking() {
        Map<String, Object> created = createToken("editor");
        // used before: this instance remembers it, and has its reads cached
        String member = "/v1/members/" + given().header("Authorization", "Bearer " + created.get("token"))
                .contentType(ContentType.JSON).body(Fixtures.member(Fixtures.unique("Rechtzeitig"))).post("/v1/members")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", "Bearer " + created.get("token")).get(member).then().statusCode(200);
        given().header("Authorization", "Bearer " + created.get("token")).get(member).then().statusCode(200);
        admin().delete("/v1/tokens/" + created.get("id")).then().statusCode(204);
        given().header("Authorization", "Bearer " + created.get("token")).get(member).then().statusCode(401);
        given().header("Authorization", "Bearer " + created.get("token")).contentType(ContentType.JSON)
                .body(Fixtures.member(Fixtures.unique("Zu spät"))).post("/v1/members").then().statusCode(401);
        admin().delete("/v1/tokens/" + created.get("id")).then().statusCode(404);
    }

    @Test
    void returns409ForATakenNameAnd422ForBadInput() {
        Map<String, Object> created = createToken("admin");
        admin().contentType(ContentType.JSON).body(Map.of("name", created.get("name"), "role", "editor")).post("/v1/tokens")
                .then().statusCode(409);
        admin().contentType(ContentType.JSON).body(Map.of("name", Fixtures.unique("T"), "role", "owner")).post("/v1/tokens")
                .then().statusCode(422).body("errors[0].field", equalTo("role"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("name", Fixtures.unique("T"), "role", "editor", "expiresAt", "2020-01-01T00:00:00Z"))
                .post("/v1/tokens").then().statusCode(422).body("errors[0].field", equalTo("expiresAt"));
        admin().get("/v1/tokens").then().body("items.name", not(hasItem("owner")));
    }
}
