package dev.ticker.list;

import static dev.ticker.Fixtures.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Names and titles sort as a German reader expects, not in byte order. */
@QuarkusTest
class GermanSortTest {

    @Test
    void sortsMemberNamesIgnoringCaseAndWithUmlautsAmongTheirLetters() {
        // a state code of its own, so that only these members are listed
        String state = "ZZ-" + UUID.randomUUID().toString().replaceAll("[^0-9a-f]", "").substring(0, 3).toUpperCase();
        for (String name : List.of("Zweckverband Kommunale Datenverarbeitung", "regio iT", "Übach-Palenberg IT",
                "Lecos GmbH", "Ärztekammer IT", "Arbeitsgemeinschaft Nord", "ekom21")) {
            admin().contentType(ContentType.JSON).body(Map.of("name", name + " " + state, "state", state))
                    .post("/v1/members").then().statusCode(201);
        }
        List<String> expected = List.of("Arbeitsgemeinschaft Nord", "Ärztekammer IT", "ekom21", "Lecos GmbH", "regio iT",
                "Übach-Palenberg IT", "Zweckverband Kommunale Datenverarbeitung").stream().map(n -> n + " " + state).toList();
        given().queryParam("state", state).queryParam("sort", "name").get("/v1/members").then().statusCode(200)
                .body("items.name", contains(expected.toArray()));
        // the keyset cursor follows the same order, page by page
        String next = given().queryParam("state", state).queryParam("limit", 3).get("/v1/members").then()
                .body("items.name", contains(expected.subList(0, 3).toArray())).extract().path("page.next");
        given().queryParam("state", state).queryParam("limit", 3).queryParam("cursor", next).get("/v1/members").then()
                .body("items.name", contains(expected.subList(3, 6).toArray()));
        given().queryParam("state", state).queryParam("sort", "-name").queryParam("limit", 2).get("/v1/members").then()
                .body("items.name", contains(expected.get(6), expected.get(5)));
    }

    @Test
    void sortsNewsTitlesAsGermanReadersExpect() {
        String tag = "Sortierung " + UUID.randomUUID();
        for (String title : List.of("Zukunft der Verwaltung", "digitale Souveränität", "Öffentliche IT", "Ordnung im Netz")) {
            admin().contentType(ContentType.JSON).body(Map.of("title", title, "tags", List.of(tag), "status", "published"))
                    .post("/v1/news").then().statusCode(201);
        }
        given().queryParam("tag", tag).queryParam("sort", "title").get("/v1/news").then().statusCode(200)
                .body("items.title", contains("digitale Souveränität", "Öffentliche IT", "Ordnung im Netz", "Zukunft der Verwaltung"));
    }
}
