package dev.ticker.issue;

import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createEvent;
import static dev.ticker.Fixtures.createIssue;
import static dev.ticker.Fixtures.createJob;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.Fixtures.freeIssueNumber;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class IssueResourceTest {

    static Map<String, Object> issue(int number, List<Map<String, Object>> sections) {
        return Map.of("number", number, "title", "Branchenticker Nr. " + number, "issueDate", "2025-11-12",
                "place", "Berlin",
                "editorial", Map.of("salutation", "Liebe Leserinnen und Leser,", "body", "VITAKO ist **20** Jahre alt geworden.",
                        "signoff", "Auf weitere 20 Jahre\nIhr VITAKO-Team"),
                "heroImage", Map.of("alt", "Der Vorstand der VITAKO", "caption", "Gemeinsam für die digitale Verwaltung.",
                        "credit", "Foto: Sera Z. Kurc für VITAKO"),
                "sections", sections, "status", "published");
    }

    static Map<String, Object> section(String heading, Object... newsIds) {
        return Map.of("heading", heading, "news", java.util.Arrays.stream(newsIds).map(id -> Map.of("id", id)).toList());
    }

    @Test
    void createsAnIssueAndFindsItByNumberWithItsNewsInOrder() {
        int number = freeIssueNumber();
        Object a = createNews().get("id");
        Object b = createNews().get("id");
        Object c = createNews().get("id");
        admin().contentType(ContentType.JSON).body(issue(number, List.of(section("Aus dem Verband", b, a), section("Fast überlesen", c))))
                .post("/v1/issues").then().statusCode(201)
                .header("Location", containsString("/v1/issues/" + number))
                .body("number", equalTo(number));
        given().get("/v1/issues/" + number).then().statusCode(200)
                .header("ETag", notNullValue())
                .body("title", equalTo("Branchenticker Nr. " + number))
                .body("issueDate", equalTo("2025-11-12"))
                .body("editorial.bodyHtml", equalTo("<p>VITAKO ist <strong>20</strong> Jahre alt geworden.</p>"))
                .body("editorial.signoff", equalTo("Auf weitere 20 Jahre\nIhr VITAKO-Team"))
                .body("heroImage.credit", equalTo("Foto: Sera Z. Kurc für VITAKO"))
                .body("sections.heading", contains("Aus dem Verband", "Fast überlesen"))
                .body("sections[0].news.id", contains(b, a))
                .body("sections[0].news[0].teaser", notNullValue())
                .body("sections[1].news.id", contains(c));
    }

    @Test
    void returns409ForADuplicateNumber() {
        int number = freeIssueNumber();
        createIssue(issue(number, List.of()));
        admin().contentType(ContentType.JSON).body(issue(number, List.of())).post("/v1/issues")
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString(String.valueOf(number)));
    }

    @Test
    void returns422NamingAnUnknownNewsItem() {
        Object a = createNews().get("id");
        admin().contentType(ContentType.JSON)
                .body(issue(freeIssueNumber(), List.of(section("Eins", a, "00000000-0000-0000-0000-0000000000aa"))))
                .post("/v1/issues").then().statusCode(422)
                .body("errors[0].field", equalTo("sections[0].news[1].id"))
                .body("errors[0].message", containsString("00000000-0000-0000-0000-0000000000aa"));
    }

    @Test
    void returns409NamingTheIssueWhenDeletingANewsItemItContains() {
        int number = freeIssueNumber();
        Object a = createNews().get("id");
        createIssue(issue(number, List.of(section("Eins", a))));
        admin().delete("/v1/news/" + a).then().statusCode(409).body("detail", containsString("issue " + number));
        given().get("/v1/news/" + a).then().statusCode(200);
    }

    @Test
    void filtersNewsByIssueNumber() {
        int number = freeIssueNumber();
        Object a = createNews().get("id");
        Object b = createNews().get("id");
        createNews();
        createIssue(issue(number, List.of(section("Eins", a), section("Zwei", b))));
        given().queryParam("issue", number).queryParam("sort", "createdAt").get("/v1/news").then().statusCode(200)
                .body("page.total", equalTo(2)).body("items.id", org.hamcrest.Matchers.containsInAnyOrder(a, b));
        given().queryParam("issue", "zwanzig").get("/v1/news").then().statusCode(400);
    }

    @Test
    void replacesSectionsInTheirNewOrder() {
        int number = freeIssueNumber();
        Object a = createNews().get("id");
        Object b = createNews().get("id");
        createIssue(issue(number, List.of(section("Eins", a, b))));
        admin().contentType(ContentType.JSON).body(issue(number, List.of(section("Zwei", b), section("Eins", a))))
                .put("/v1/issues/" + number).then().statusCode(200)
                .body("sections.heading", contains("Zwei", "Eins"))
                .body("sections[0].news.id", contains(b))
                .body("version", equalTo(2));
        admin().contentType(Fixtures.MERGE_PATCH).body("{\"title\":\"Sonderausgabe\"}").patch("/v1/issues/" + number)
                .then().statusCode(200).body("title", equalTo("Sonderausgabe")).body("sections.heading", contains("Zwei", "Eins"));
        // the news item removed from the sections may now be deleted
        admin().contentType(ContentType.JSON).body(issue(number, List.of(section("Eins", a)))).put("/v1/issues/" + number)
                .then().statusCode(200);
        admin().delete("/v1/news/" + b).then().statusCode(204);
    }

    @Test
    void deletingAnIssueKeepsItsNews() {
        int number = freeIssueNumber();
        Object a = createNews().get("id");
        createIssue(issue(number, List.of(section("Eins", a))));
        admin().delete("/v1/issues/" + number).then().statusCode(204);
        given().get("/v1/issues/" + number).then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/news/" + a).then().statusCode(200);
    }

    @Test
    void listsHighestNumberFirstAndAnswers304() {
        int low = freeIssueNumber();
        int high = freeIssueNumber();
        createIssue(issue(low, List.of()));
        createIssue(issue(high, List.of()));
        List<Integer> numbers = given().queryParam("limit", 100).get("/v1/issues").then().statusCode(200)
                .extract().jsonPath().getList("items.number");
        org.junit.jupiter.api.Assertions.assertTrue(numbers.indexOf(high) < numbers.indexOf(low), numbers.toString());
        String etag = given().get("/v1/issues/" + high).header("ETag");
        given().header("If-None-Match", etag).get("/v1/issues/" + high).then().statusCode(304);
    }

    @Test
    void keepsTheOrderOfItsEventsAndJobsAndProtectsThem() {
        int number = freeIssueNumber();
        Map<String, Object> festival = Fixtures.event(Fixtures.unique("KGSt-Festival"));
        festival.put("endDate", "2025-12-04");
        Object later = createEvent(festival).get("id");
        Map<String, Object> thementag = Fixtures.event(Fixtures.unique("Thementag"));
        thementag.putAll(Map.of("startDate", "2025-11-25", "startTime", "14:00", "endTime", "17:00", "format", "online"));
        Object earlier = createEvent(thementag).get("id");
        Map<String, Object> posting = Fixtures.job(Fixtures.unique("Beispielstelle"));
        posting.put("employer", Map.of("name", "Lecos GmbH"));
        Object job = createJob(posting).get("id");
        Map<String, Object> body = new java.util.HashMap<>(issue(number, List.of()));
        body.put("events", List.of(Map.of("id", later), Map.of("id", earlier)));
        body.put("jobs", List.of(Map.of("id", job)));
        createIssue(body);
        given().get("/v1/issues/" + number).then().statusCode(200)
                .body("events.id", contains(later, earlier))
                .body("events[1].startTime", equalTo("14:00"))
                .body("events[0].endDate", equalTo("2025-12-04"))
                .body("jobs.id", contains(job))
                .body("jobs[0].employer", equalTo("Lecos GmbH"));
        admin().delete("/v1/events/" + earlier).then().statusCode(409).body("detail", containsString("issue " + number));
        admin().delete("/v1/jobs/" + job).then().statusCode(409).body("detail", containsString("issue " + number));
        body.put("events", List.of(Map.of("id", "00000000-0000-0000-0000-0000000000ee")));
        admin().contentType(ContentType.JSON).body(body).put("/v1/issues/" + number).then().statusCode(422)
                .body("errors[0].field", equalTo("events[0].id"));
    }

    @Test
    void returns422ForAMissingNumberOrDate() {
        admin().contentType(ContentType.JSON).body(Map.of("title", "Ohne Nummer")).post("/v1/issues")
                .then().statusCode(422).body("errors.field", contains("issueDate", "number"));
    }
}
