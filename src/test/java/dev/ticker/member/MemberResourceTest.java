package dev.ticker.member;

import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.member;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class MemberResourceTest {

    @Test
    void createsAMemberWithLocationETagAndGeneratedSlug() {
        String name = unique("Kommunale Datenverarbeitung Oldenburg");
        Map<String, Object> body = member(name);
        body.put("shortName", null);
        String id = admin().contentType(ContentType.JSON).body(body)
                .when().post("/v1/members")
                .then().statusCode(201)
                .header("ETag", notNullValue())
                .body("name", equalTo(name))
                .body("slug", equalTo(dev.ticker.content.Slugs.of(name)))
                .body("active", equalTo(true))
                .body("version", equalTo(1))
                .body("createdAt", notNullValue())
                .extract().path("id");
        given().get("/v1/members/" + id).then().statusCode(200).body("name", equalTo(name));
    }

    @Test
    void locationPointsAtTheNewMember() {
        var response = admin().contentType(ContentType.JSON).body(member(unique("KDO"))).post("/v1/members");
        String location = response.header("Location");
        String id = response.path("id");
        org.junit.jupiter.api.Assertions.assertTrue(location.endsWith("/v1/members/" + id), location);
        given().get(location).then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void findsAMemberBySlugAndById() {
        Map<String, Object> created = createMember();
        given().get("/v1/members/" + created.get("slug")).then().statusCode(200).body("id", equalTo(created.get("id")));
        given().get("/v1/members/" + created.get("id")).then().statusCode(200).body("slug", equalTo(created.get("slug")));
    }

    @Test
    void transliteratesGermanInGeneratedSlugs() {
        String suffix = unique("x").substring(2);
        Map<String, Object> created = createMember(member("Kommunale Dienste Süd-Württemberg Größe " + suffix));
        org.junit.jupiter.api.Assertions.assertTrue(
                created.get("slug").toString().startsWith("kommunale-dienste-sued-wuerttemberg-groesse-"), created.get("slug").toString());
    }

    @Test
    void givesATakenGeneratedSlugANumericSuffix() {
        String name = unique("Dataport");
        Map<String, Object> first = createMember(member(name));
        Map<String, Object> second = createMember(member(name));
        Map<String, Object> third = createMember(member(name));
        org.junit.jupiter.api.Assertions.assertEquals(first.get("slug") + "-2", second.get("slug"));
        org.junit.jupiter.api.Assertions.assertEquals(first.get("slug") + "-3", third.get("slug"));
    }

    @Test
    void keepsASuffixedSlugWithinEightyCharactersSoItCanBeWrittenBack() {
        String name = unique("Zweckverband") + " " + "Kommunale Datenverarbeitung ".repeat(4);
        Map<String, Object> body = member(name);
        body.put("shortName", null); // the slug comes from the long name
        Map<String, Object> first = createMember(body);
        Map<String, Object> second = createMember(body);
        String slug = (String) second.get("slug");
        org.junit.jupiter.api.Assertions.assertTrue(slug.length() <= 80 && slug.endsWith("-2"), slug);
        org.junit.jupiter.api.Assertions.assertNotEquals(first.get("slug"), slug);
        admin().contentType(dev.ticker.Fixtures.MERGE_PATCH).body("{\"city\":\"Oldenburg\"}")
                .patch("/v1/members/" + second.get("id")).then().statusCode(200);
    }

    @Test
    void returns409WhenAChosenSlugIsTaken() {
        Map<String, Object> first = createMember();
        Map<String, Object> body = member(unique("Andere"));
        body.put("slug", first.get("slug"));
        admin().contentType(ContentType.JSON).body(body).post("/v1/members")
                .then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409)).body("detail", containsString((String) first.get("slug")));
    }

    @Test
    void replacesAMemberWithPut() {
        Map<String, Object> created = createMember();
        Map<String, Object> body = member("Neuer Name");
        body.put("city", null);
        admin().contentType(ContentType.JSON).body(body).put("/v1/members/" + created.get("id"))
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("name", equalTo("Neuer Name"))
                .body("city", nullValue())
                .body("slug", equalTo(created.get("slug")))
                .body("version", equalTo(2));
    }

    @Test
    void acceptsReadOnlyPropertiesSentBackOnPut() {
        Map<String, Object> created = createMember();
        Map<String, Object> body = given().get("/v1/members/" + created.get("id")).then().extract().jsonPath().getMap("$");
        body.put("city", "Köln");
        admin().contentType(ContentType.JSON).body(body).put("/v1/members/" + created.get("id"))
                .then().statusCode(200).body("city", equalTo("Köln")).body("id", equalTo(created.get("id")));
    }

    @Test
    void patchesOnlyTheGivenFieldsAndClearsNulls() {
        Map<String, Object> created = createMember();
        admin().contentType(dev.ticker.Fixtures.MERGE_PATCH).body("{\"city\":\"Münster\",\"memberSince\":null}")
                .patch("/v1/members/" + created.get("slug"))
                .then().statusCode(200)
                .body("city", equalTo("Münster"))
                .body("memberSince", nullValue())
                .body("name", equalTo(created.get("name")))
                .body("version", equalTo(2));
    }

    @Test
    void acceptsAMergePatchSentAsPlainJson() {
        Map<String, Object> created = createMember();
        admin().contentType(ContentType.JSON).body("{\"city\":\"Bonn\"}").patch("/v1/members/" + created.get("id"))
                .then().statusCode(200).body("city", equalTo("Bonn")).body("name", equalTo(created.get("name")))
                .body("version", equalTo(2));
    }

    @Test
    void returns415NamingTheAcceptedTypesForAPatchOfAnotherType() {
        Map<String, Object> created = createMember();
        admin().contentType("text/plain").body("city=Bonn").patch("/v1/members/" + created.get("id"))
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", equalTo("The media type 'text/plain; charset=ISO-8859-1' is not accepted here; "
                        + "send application/merge-patch+json or application/json."));
        admin().get("/v1/members/" + created.get("id")).then().body("version", equalTo(1));
    }

    @Test
    void returns422NamingEveryInvalidField() {
        admin().contentType(ContentType.JSON)
                .body(Map.of("name", " ", "state", "Nordrhein-Westfalen", "website", "regioit.de", "memberSince", 1800))
                .post("/v1/members")
                .then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:ticker:problem:validation-failed"))
                .body("errors.field", contains("memberSince", "name", "state", "website"));
    }

    @Test
    void returns422ForAnInvalidLogoAndNamesTheNestedField() {
        Map<String, Object> body = member(unique("Logo"));
        body.put("logo", Map.of("url", "https://example.org/logo.png"));
        admin().contentType(ContentType.JSON).body(body).post("/v1/members")
                .then().statusCode(422).body("errors.field", contains("logo.alt"));
    }

    @Test
    void deletesAMember() {
        Map<String, Object> created = createMember();
        admin().delete("/v1/members/" + created.get("id")).then().statusCode(204);
        given().get("/v1/members/" + created.get("id")).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void returns404ForAnUnknownMember() {
        given().get("/v1/members/no-such-member-anywhere").then().statusCode(404)
                .contentType("application/problem+json").body("status", equalTo(404))
                .body("instance", equalTo("/v1/members/no-such-member-anywhere"));
        admin().delete("/v1/members/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void filtersByStateAndActive() {
        Map<String, Object> bayern = member(unique("AKDB"));
        bayern.put("state", "DE-BY");
        createMember(bayern);
        Map<String, Object> former = member(unique("Ehemalig"));
        former.put("state", "DE-BY");
        former.put("active", false);
        createMember(former);
        given().queryParam("state", "DE-BY").queryParam("active", "false").queryParam("limit", 100).get("/v1/members")
                .then().statusCode(200)
                .body("items.state", everyItem(equalTo("DE-BY")))
                .body("items.active", everyItem(equalTo(false)))
                .body("items.name", org.hamcrest.Matchers.hasItem(former.get("name")))
                .body("items.name", not(org.hamcrest.Matchers.hasItem(bayern.get("name"))));
    }

    @Test
    void returns400ForAnActiveFilterThatIsNotABoolean() {
        given().queryParam("active", "yes").get("/v1/members").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void returnsOnlyTheRequestedFieldsAndAlwaysTheId() {
        Map<String, Object> created = createMember();
        given().queryParam("fields", "name,city").get("/v1/members/" + created.get("id"))
                .then().statusCode(200)
                .body("id", equalTo(created.get("id")))
                .body("name", equalTo(created.get("name")))
                .body("$", not(hasKey("state")))
                .body("$", not(hasKey("slug")));
        given().queryParam("fields", "name").queryParam("limit", 1).get("/v1/members")
                .then().statusCode(200).body("items[0].id", notNullValue()).body("items[0]", not(hasKey("city")));
    }

    @Test
    void returns409WhenDeletingAMemberThatNewsRefersTo() {
        Map<String, Object> created = createMember();
        Map<String, Object> news = dev.ticker.Fixtures.news(unique("Meldung"));
        news.put("members", java.util.List.of(Map.of("id", created.get("id"))));
        dev.ticker.Fixtures.createNews(news);
        admin().delete("/v1/members/" + created.get("id")).then().statusCode(409)
                .body("detail", containsString("1 news item"));
        given().get("/v1/members/" + created.get("id")).then().statusCode(200);
    }
}
