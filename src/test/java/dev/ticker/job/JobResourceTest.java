package dev.ticker.job;

import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createJob;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.job;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class JobResourceTest {

    private static final String PROBLEM = "application/problem+json";

    @Inject
    SessionFactory sessionFactory;

    @Test
    void createsAJobPostingWithEveryField() {
        Map<String, Object> member = createMember();
        Map<String, Object> body = job(unique("Referent:in Informationssicherheit (m/w/d)"));
        body.put("employer", Map.of("name", "Lecos GmbH", "member", Map.of("id", member.get("id"), "name", "ignored on writes")));
        body.put("location", Map.of("city", "Leipzig", "state", "DE-SN"));
        body.put("employmentType", "working_student");
        body.put("remote", "hybrid");
        body.put("salary", "E 11 TVöD");
        body.put("description", "Sie verantworten die **Informationssicherheit** unserer Kunden.");
        body.put("applyUrl", "https://www.lecos-gmbh.de/karriere");
        body.put("validThrough", "2099-12-31");
        var response = admin().contentType(ContentType.JSON).body(body).post("/v1/jobs");
        response.then().statusCode(201)
                .header("ETag", notNullValue())
                .header("Cache-Control", "no-store")
                .body("title", equalTo(body.get("title")))
                .body("employer.name", equalTo("Lecos GmbH"))
                .body("employer.member.id", equalTo(member.get("id")))
                .body("employer.member.slug", equalTo(member.get("slug")))
                .body("employer.member.name", equalTo(member.get("name")))
                .body("employer.member", not(hasKey("city")))
                .body("location.city", equalTo("Leipzig"))
                .body("location.state", equalTo("DE-SN"))
                .body("employmentType", equalTo("working_student"))
                .body("remote", equalTo("hybrid"))
                .body("salary", equalTo("E 11 TVöD"))
                .body("descriptionHtml", equalTo("<p>Sie verantworten die <strong>Informationssicherheit</strong> unserer Kunden.</p>"))
                .body("applyUrl", equalTo("https://www.lecos-gmbh.de/karriere"))
                .body("validThrough", equalTo("2099-12-31"))
                .body("expired", equalTo(false))
                .body("slug", equalTo(dev.ticker.content.Slugs.of((String) body.get("title"))))
                .body("version", equalTo(1))
                .body("createdAt", notNullValue());
        String id = response.path("id");
        assertTrue(response.header("Location").endsWith("/v1/jobs/" + id), response.header("Location"));
        assertEquals(response.header("ETag"), given().get("/v1/jobs/" + id).then().statusCode(200).extract().header("ETag"),
                "the ETag of the write is the ETag of the next read");
    }

    @Test
    void findsAPostingByIdAndBySlug() {
        Map<String, Object> created = createJob();
        given().get("/v1/jobs/" + created.get("slug")).then().statusCode(200)
                .contentType(ContentType.JSON).body("id", equalTo(created.get("id")));
        given().get("/v1/jobs/" + created.get("id")).then().statusCode(200).body("slug", equalTo(created.get("slug")));
    }

    @Test
    void fillsDefaultsAndNullsForWhatIsLeftOut() {
        Map<String, Object> body = new HashMap<>();
        body.put("title", unique("Minimal"));
        body.put("employer", Map.of("name", "Stadt Hagen"));
        admin().contentType(ContentType.JSON).body(body).post("/v1/jobs").then().statusCode(201)
                .body("remote", equalTo("none"))
                .body("employmentType", nullValue())
                .body("employer.member", nullValue())
                .body("location", nullValue())
                .body("validThrough", nullValue())
                .body("descriptionHtml", nullValue())
                .body("expired", equalTo(false))
                .body("$", hasKey("salary"));
    }

    @Test
    void acceptsAMailtoApplyUrl() {
        Map<String, Object> body = job(unique("Bewerbung per Mail"));
        body.put("applyUrl", "mailto:bewerbung@kdo.de?subject=Bewerbung%20Entwickler");
        admin().contentType(ContentType.JSON).body(body).post("/v1/jobs").then().statusCode(201)
                .body("applyUrl", equalTo("mailto:bewerbung@kdo.de?subject=Bewerbung%20Entwickler"));
    }

    @Test
    void replacesAPostingWithPutAndKeepsTheSlug() {
        Map<String, Object> member = createMember();
        Map<String, Object> body = job(unique("Alt"));
        body.put("employer", Map.of("name", "KISA", "member", Map.of("id", member.get("id"))));
        Map<String, Object> created = createJob(body);
        Map<String, Object> replacement = new HashMap<>();
        replacement.put("title", "Systemadministrator:in Linux (m/w/d)");
        replacement.put("employer", Map.of("name", "KISA Zweckverband"));
        admin().contentType(ContentType.JSON).body(replacement).put("/v1/jobs/" + created.get("slug"))
                .then().statusCode(200)
                .header("ETag", notNullValue())
                .body("slug", equalTo(created.get("slug")))
                .body("title", equalTo("Systemadministrator:in Linux (m/w/d)"))
                .body("employer.name", equalTo("KISA Zweckverband"))
                .body("employer.member", nullValue())
                .body("salary", nullValue())
                .body("location", nullValue())
                .body("remote", equalTo("none"))
                .body("version", equalTo(2));
    }

    @Test
    void acceptsWhatAGetAnsweredBackOnPut() {
        Map<String, Object> member = createMember();
        Map<String, Object> body = job(unique("Rundreise"));
        body.put("employer", Map.of("name", "regio iT", "member", Map.of("id", member.get("id"))));
        Map<String, Object> created = createJob(body);
        Map<String, Object> read = given().get("/v1/jobs/" + created.get("id")).then().statusCode(200).extract().jsonPath().getMap("$");
        read.put("salary", "E 13 TVöD");
        admin().contentType(ContentType.JSON).body(read).put("/v1/jobs/" + created.get("id"))
                .then().statusCode(200)
                .body("salary", equalTo("E 13 TVöD"))
                .body("employer.member.id", equalTo(member.get("id")))
                .body("id", equalTo(created.get("id")));
    }

    @Test
    void patchesOnlyTheGivenFields() {
        Map<String, Object> member = createMember();
        Map<String, Object> body = job(unique("Teilweise"));
        body.put("employer", Map.of("name", "Dataport AöR", "member", Map.of("id", member.get("id"))));
        Map<String, Object> created = createJob(body);
        admin().contentType(Fixtures.MERGE_PATCH)
                .body("{\"description\":\"_Neu_\",\"employer\":{\"member\":null},\"location\":{\"city\":\"Kiel\"},\"remote\":\"full\"}")
                .patch("/v1/jobs/" + created.get("id"))
                .then().statusCode(200)
                .body("descriptionHtml", equalTo("<p><em>Neu</em></p>"))
                .body("employer.name", equalTo("Dataport AöR"))
                .body("employer.member", nullValue())
                .body("location.city", equalTo("Kiel"))
                .body("location.state", equalTo("DE-NW"))
                .body("remote", equalTo("full"))
                .body("title", equalTo(created.get("title")))
                .body("salary", equalTo(created.get("salary")))
                .body("version", equalTo(2));
    }

    @Test
    void deletesAPosting() {
        Map<String, Object> created = createJob();
        admin().delete("/v1/jobs/" + created.get("slug")).then().statusCode(204);
        given().get("/v1/jobs/" + created.get("id")).then().statusCode(404).contentType(PROBLEM);
        admin().get("/v1/jobs/" + created.get("id")).then().statusCode(404);
    }

    @Test
    void returns422ForABlankTitle() {
        Map<String, Object> body = job(" ");
        admin().contentType(ContentType.JSON).body(body).post("/v1/jobs")
                .then().statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("urn:ticker:problem:validation-failed"))
                .body("errors.field", contains("title"));
    }

    @Test
    void returns422ForAStateThatIsNoIsoCode() {
        Map<String, Object> body = job(unique("Land"));
        body.put("location", Map.of("city", "Düsseldorf", "state", "Nordrhein-Westfalen"));
        admin().contentType(ContentType.JSON).body(body).post("/v1/jobs")
                .then().statusCode(422).body("errors.field", contains("location.state"));
    }

    @Test
    void returns422ForAnApplyUrlThatIsNeitherHttpNorMailto() {
        for (String url : List.of("www.kdo.de/karriere", "javascript:alert(1)", "ftp://kdo.de", "mailto:niemand")) {
            Map<String, Object> body = job(unique("Bewerbung"));
            body.put("applyUrl", url);
            admin().contentType(ContentType.JSON).body(body).post("/v1/jobs")
                    .then().statusCode(422).body("errors.field", contains("applyUrl"));
        }
    }

    @Test
    void returns422NamingAnUnknownEmployerMember() {
        Map<String, Object> body = job(unique("Unbekannt"));
        body.put("employer", Map.of("name", "Niemand", "member", Map.of("id", "00000000-0000-0000-0000-00000000abcd")));
        admin().contentType(ContentType.JSON).body(body).post("/v1/jobs")
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("employer.member.id"))
                .body("errors[0].message", containsString("00000000-0000-0000-0000-00000000abcd"));
        given().queryParam("employer", "Niemand").get("/v1/jobs").then().body("page.total", equalTo(0));
    }

    @Test
    void returns422WithoutAnEmployerName() {
        Map<String, Object> body = job(unique("Ohne Arbeitgeber"));
        body.remove("employer");
        admin().contentType(ContentType.JSON).body(body).post("/v1/jobs").then().statusCode(422)
                .body("errors.field", contains("employer"));
        body.put("employer", Map.of("name", ""));
        admin().contentType(ContentType.JSON).body(body).post("/v1/jobs").then().statusCode(422)
                .body("errors.field", contains("employer.name"));
    }

    @Test
    void returns400ListingTheValuesForAnUnknownEmploymentType() {
        Map<String, Object> body = job(unique("Vertragsart"));
        body.put("employmentType", "FULL_TIME");
        admin().contentType(ContentType.JSON).body(body).post("/v1/jobs")
                .then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'employmentType'"))
                .body("detail", containsString("full_time, part_time, contract, temporary, internship, apprenticeship, working_student"));
        body.put("employmentType", 0);
        admin().contentType(ContentType.JSON).body(body).post("/v1/jobs").then().statusCode(400);
        body.put("employmentType", "full_time");
        body.put("remote", "teilweise");
        admin().contentType(ContentType.JSON).body(body).post("/v1/jobs").then().statusCode(400)
                .body("detail", containsString("none, hybrid, full"));
        Map<String, Object> created = createJob();
        admin().contentType(Fixtures.MERGE_PATCH).body("{\"remote\":\"sometimes\"}").patch("/v1/jobs/" + created.get("id"))
                .then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void returns400ForAValidThroughThatIsNoDate() {
        for (Object value : List.of("2025-11-31", "2025-12-31T23:59:59Z", "31.12.2025", "+10000-01-01", 20251231, List.of(2025, 12, 31))) {
            Map<String, Object> body = job(unique("Datum"));
            body.put("validThrough", value);
            admin().contentType(ContentType.JSON).body(body).post("/v1/jobs")
                    .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("'validThrough'"));
        }
        Map<String, Object> created = createJob();
        admin().contentType(Fixtures.MERGE_PATCH).body("{\"validThrough\":\"2025-02-30\"}").patch("/v1/jobs/" + created.get("id"))
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("'validThrough'"));
    }

    @Test
    void returns400ForAnUnknownProperty() {
        Map<String, Object> body = job(unique("Tippfehler"));
        body.put("salery", "E 9");
        admin().contentType(ContentType.JSON).body(body).post("/v1/jobs")
                .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("salery"));
    }

    @Test
    void returns409WhenAChosenSlugIsTaken() {
        Map<String, Object> first = createJob();
        Map<String, Object> body = job(unique("Andere Stelle"));
        body.put("slug", first.get("slug"));
        admin().contentType(ContentType.JSON).body(body).post("/v1/jobs")
                .then().statusCode(409).contentType(PROBLEM).body("detail", containsString((String) first.get("slug")));
    }

    @Test
    void givesATakenGeneratedSlugANumericSuffix() {
        String title = unique("Entwickler:in Java");
        Map<String, Object> first = createJob(job(title));
        Map<String, Object> second = createJob(job(title));
        assertEquals(first.get("slug") + "-2", second.get("slug"));
    }

    @Test
    void returns404ForAnUnknownPosting() {
        given().get("/v1/jobs/keine-solche-stelle-irgendwo").then().statusCode(404).contentType(PROBLEM)
                .body("instance", equalTo("/v1/jobs/keine-solche-stelle-irgendwo"));
        admin().delete("/v1/jobs/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void returns412WhenIfMatchIsStale() {
        Map<String, Object> created = createJob();
        String url = "/v1/jobs/" + created.get("id");
        String etag = given().get(url).header("ETag");
        admin().header("If-Match", etag).contentType(Fixtures.MERGE_PATCH).body("{\"salary\":\"E 10 TVöD\"}").patch(url)
                .then().statusCode(200);
        admin().header("If-Match", etag).contentType(Fixtures.MERGE_PATCH).body("{\"salary\":\"E 12 TVöD\"}").patch(url)
                .then().statusCode(412).contentType(PROBLEM);
        admin().header("If-Match", etag).contentType(ContentType.JSON).body(job("Ersatz")).put(url).then().statusCode(412);
        admin().header("If-Match", etag).delete(url).then().statusCode(412);
        given().get(url).then().statusCode(200).body("salary", equalTo("E 10 TVöD")).body("version", equalTo(2));
    }

    @Test
    void answers304ToACurrentIfNoneMatch() {
        Map<String, Object> created = createJob();
        String etag = given().get("/v1/jobs/" + created.get("id")).then().statusCode(200)
                .header("Cache-Control", "public, max-age=60").extract().header("ETag");
        given().header("If-None-Match", etag).get("/v1/jobs/" + created.get("id")).then().statusCode(304)
                .header("ETag", equalTo(etag));
        String employer = (String) ((Map<?, ?>) created.get("employer")).get("name");
        String listEtag = given().queryParam("employer", employer).get("/v1/jobs").then().statusCode(200).extract().header("ETag");
        given().queryParam("employer", employer).header("If-None-Match", listEtag).get("/v1/jobs").then().statusCode(304);
    }

    @Test
    void hidesExpiredPostingsFromAnonymousReaders() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        String employer = unique("Ablauf GmbH");
        Map<String, Object> expired = job(unique("Abgelaufen"));
        expired.put("employer", Map.of("name", employer));
        expired.put("validThrough", today.minusDays(1).toString());
        Map<String, Object> lastDay = job(unique("Letzter Tag"));
        lastDay.put("employer", Map.of("name", employer));
        lastDay.put("validThrough", today.toString());
        Map<String, Object> open = job(unique("Unbefristet ausgeschrieben"));
        open.put("employer", Map.of("name", employer));
        String expiredId = (String) createJob(expired).get("id");
        String lastDayId = (String) createJob(lastDay).get("id");
        String openId = (String) createJob(open).get("id");

        given().queryParam("employer", employer).get("/v1/jobs").then().statusCode(200)
                .body("items.id", containsInAnyOrder(lastDayId, openId))
                .body("items.expired", contains(false, false))
                .body("page.total", equalTo(2));
        given().get("/v1/jobs/" + expiredId).then().statusCode(404).contentType(PROBLEM);
        given().get("/v1/jobs/" + lastDayId).then().statusCode(200).body("expired", equalTo(false));

        admin().get("/v1/jobs/" + expiredId).then().statusCode(200)
                .header("Cache-Control", "private, no-cache")
                .body("expired", equalTo(true));
        admin().queryParam("employer", employer).get("/v1/jobs").then().statusCode(200)
                .body("page.total", equalTo(2));
        admin().queryParam("employer", employer).queryParam("includeExpired", "true").get("/v1/jobs").then().statusCode(200)
                .header("Cache-Control", "private, no-cache")
                .body("items.id", containsInAnyOrder(expiredId, lastDayId, openId))
                .body("page.total", equalTo(3));
        given().queryParam("employer", employer).queryParam("includeExpired", "false").get("/v1/jobs").then().statusCode(200)
                .body("page.total", equalTo(2));
    }

    @Test
    void editorsCanChangeAndReviveAnExpiredPosting() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Berlin"));
        Map<String, Object> body = job(unique("Verlängert"));
        body.put("validThrough", today.minusDays(3).toString());
        Map<String, Object> created = createJob(body);
        assertEquals(true, created.get("expired"));
        admin().contentType(Fixtures.MERGE_PATCH).body(Map.of("validThrough", today.plusDays(14).toString()))
                .patch("/v1/jobs/" + created.get("id")).then().statusCode(200).body("expired", equalTo(false));
        given().get("/v1/jobs/" + created.get("id")).then().statusCode(200);
    }

    @Test
    void returns401ForIncludeExpiredWithoutAToken() {
        given().queryParam("includeExpired", "true").get("/v1/jobs").then().statusCode(401).contentType(PROBLEM)
                .body("detail", containsString("includeExpired"))
                .body("instance", equalTo("/v1/jobs"));
    }

    @Test
    void returns400ForAnIncludeExpiredThatIsNotABoolean() {
        admin().queryParam("includeExpired", "yes").get("/v1/jobs").then().statusCode(400).contentType(PROBLEM);
        given().queryParam("includeExpired", "").get("/v1/jobs").then().statusCode(400);
    }

    @Test
    void filtersByEmployerMemberSlugIdOrName() {
        Map<String, Object> member = createMember();
        String name = unique("Kommunales Rechenzentrum");
        Map<String, Object> linked = job(unique("Mit Mitglied"));
        linked.put("employer", Map.of("name", name, "member", Map.of("id", member.get("id"))));
        Map<String, Object> unlinked = job(unique("Nur Name"));
        unlinked.put("employer", Map.of("name", name));
        Map<String, Object> other = job(unique("Anderer Arbeitgeber"));
        other.put("employer", Map.of("name", name + " Süd"));
        String linkedId = (String) createJob(linked).get("id");
        String unlinkedId = (String) createJob(unlinked).get("id");
        createJob(other);

        given().queryParam("employer", member.get("slug")).get("/v1/jobs").then().statusCode(200)
                .body("items.id", contains(linkedId)).body("page.total", equalTo(1));
        given().queryParam("employer", member.get("id")).get("/v1/jobs").then().statusCode(200)
                .body("items.id", contains(linkedId));
        given().queryParam("employer", name).get("/v1/jobs").then().statusCode(200)
                .body("items.id", containsInAnyOrder(unlinkedId, linkedId)).body("page.total", equalTo(2));
        // the name matches ignoring case, but whole: "… Süd" is another employer
        given().queryParam("employer", name.toLowerCase(java.util.Locale.GERMAN)).get("/v1/jobs").then().statusCode(200)
                .body("items.id", containsInAnyOrder(unlinkedId, linkedId)).body("page.total", equalTo(2));
        given().queryParam("employer", "00000000-0000-0000-0000-00000000beef").get("/v1/jobs").then().statusCode(200)
                .body("items", empty());
    }

    @Test
    void filtersByStateAndCombinesFiltersWithAnd() {
        String employer = unique("Länderübergreifend");
        Map<String, Object> bayern = job(unique("München"));
        bayern.put("employer", Map.of("name", employer));
        bayern.put("location", Map.of("city", "München", "state", "DE-BY"));
        Map<String, Object> sachsen = job(unique("Dresden"));
        sachsen.put("employer", Map.of("name", employer));
        sachsen.put("location", Map.of("city", "Dresden", "state", "DE-SN"));
        String bayernId = (String) createJob(bayern).get("id");
        createJob(sachsen);
        given().queryParam("employer", employer).queryParam("state", "DE-BY").get("/v1/jobs").then().statusCode(200)
                .body("items.id", contains(bayernId)).body("page.total", equalTo(1));
        given().queryParam("state", "DE-BY").queryParam("limit", 100).get("/v1/jobs").then().statusCode(200)
                .body("items.location.state", org.hamcrest.Matchers.everyItem(equalTo("DE-BY")))
                .body("items.id", hasItem(bayernId));
    }

    @Test
    void listsNewestFirstAndSortsByValidThroughWithOpenEndedPostingsLast() {
        String employer = unique("Sortierung");
        List<String> ids = new ArrayList<>();
        for (String validThrough : new String[] { "2099-03-01", null, "2099-01-01" }) {
            Map<String, Object> body = job(unique("Stelle"));
            body.put("employer", Map.of("name", employer));
            body.put("validThrough", validThrough);
            ids.add((String) createJob(body).get("id"));
        }
        List<String> newestFirst = given().queryParam("employer", employer).get("/v1/jobs").then().statusCode(200)
                .extract().jsonPath().getList("items.id");
        List<String> createdAts = given().queryParam("employer", employer).get("/v1/jobs").jsonPath().getList("items.createdAt");
        assertEquals(3, newestFirst.size());
        assertTrue(createdAts.get(0).compareTo(createdAts.get(1)) >= 0 && createdAts.get(1).compareTo(createdAts.get(2)) >= 0,
                createdAts.toString());
        given().queryParam("employer", employer).queryParam("sort", "validThrough").get("/v1/jobs").then().statusCode(200)
                .body("items.validThrough", contains("2099-01-01", "2099-03-01", null));
        given().queryParam("employer", employer).queryParam("sort", "-validThrough").get("/v1/jobs").then().statusCode(200)
                .body("items.validThrough", contains("2099-03-01", "2099-01-01", null));
        given().queryParam("sort", "salary").get("/v1/jobs").then().statusCode(400).body("detail", containsString("validThrough"));
    }

    @Test
    void pagesThroughEveryPostingExactlyOnce() {
        String employer = unique("Blätterei");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            Map<String, Object> body = job(unique("Seite"));
            body.put("employer", Map.of("name", employer));
            body.put("validThrough", i % 3 == 0 ? null : "2099-0" + (1 + i % 2) + "-01"); // ties and nulls
            expected.add((String) createJob(body).get("id"));
        }
        for (String sort : List.of("-createdAt", "validThrough", "-validThrough", "title,-validThrough", "updatedAt")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var request = given().queryParam("employer", employer).queryParam("sort", sort).queryParam("limit", 2);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                Response page = request.get("/v1/jobs");
                page.then().statusCode(200).body("page.total", equalTo(9 + pages));
                seen.addAll(page.jsonPath().getList("items.id"));
                cursor = page.jsonPath().getString("page.next");
                if (cursor != null) {
                    page.then().header("Link", endsWith(">; rel=\"next\""));
                }
                pages++;
                // inserted between pages: keyset cursors never shift a page
                Map<String, Object> inserted = job(unique("Zwischendurch"));
                inserted.put("employer", Map.of("name", employer));
                createJob(inserted);
            } while (cursor != null && pages < 20);
            assertEquals(seen.size(), new HashSet<>(seen).size(), sort + ": no posting twice " + seen);
            assertTrue(seen.containsAll(expected), sort + ": every posting that existed at the start was visited");
            employer = renameEmployer(employer, expected);
        }
    }

    @Test
    void returns400ForAMalformedCursor() {
        given().queryParam("cursor", "bm9wZQ").get("/v1/jobs").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void returns409WhenDeletingAMemberThatIsAnEmployer() {
        Map<String, Object> member = createMember();
        Map<String, Object> body = job(unique("Arbeitgeber bleibt"));
        body.put("employer", Map.of("name", member.get("name"), "member", Map.of("id", member.get("id"))));
        Map<String, Object> created = createJob(body);
        String memberEtag = given().get("/v1/members/" + member.get("id")).header("ETag");
        String jobEtag = given().get("/v1/jobs/" + created.get("id")).header("ETag");

        admin().delete("/v1/members/" + member.get("id")).then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:ticker:problem:conflict"));

        given().get("/v1/members/" + member.get("id")).then().statusCode(200).header("ETag", memberEtag);
        given().get("/v1/jobs/" + created.get("id")).then().statusCode(200).header("ETag", jobEtag)
                .body("employer.member.id", equalTo(member.get("id")));
        // once the posting no longer refers to it, the member can go
        admin().contentType(Fixtures.MERGE_PATCH).body("{\"employer\":{\"member\":null}}").patch("/v1/jobs/" + created.get("id"))
                .then().statusCode(200);
        admin().delete("/v1/members/" + member.get("id")).then().statusCode(204);
    }

    @Test
    void returns400ForUnknownParameters() {
        given().queryParam("location", "Berlin").get("/v1/jobs").then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'location'"));
        given().queryParam("include", "members").get("/v1/jobs").then().statusCode(400);
        Map<String, Object> created = createJob();
        given().queryParam("includeExpired", "true").get("/v1/jobs/" + created.get("id")).then().statusCode(400);
        given().queryParam("employer", "a").queryParam("employer", "b").get("/v1/jobs").then().statusCode(400);
    }

    @Test
    void returnsOnlyTheRequestedFields() {
        Map<String, Object> created = createJob();
        given().queryParam("fields", "title,expired").get("/v1/jobs/" + created.get("id")).then().statusCode(200)
                .body("id", equalTo(created.get("id")))
                .body("title", equalTo(created.get("title")))
                .body("expired", equalTo(false))
                .body("$", not(hasKey("employer")));
        given().queryParam("fields", "password").get("/v1/jobs").then().statusCode(400);
    }

    @Test
    void writesNeedAToken() {
        given().contentType(ContentType.JSON).body(job(unique("Anonym"))).post("/v1/jobs").then().statusCode(401);
        Map<String, Object> created = createJob();
        given().delete("/v1/jobs/" + created.get("id")).then().statusCode(401);
        given().get("/v1/jobs/" + created.get("id")).then().statusCode(200);
    }

    @Test
    void roundTripsGermanTextByteExact() {
        String salary = "E 13 TVöD, Vollzeit, Bürger:innen";
        String title = unique("Sachbearbeiter:in Bürgerservice – „Straße“ Größe ß ẞ Ä Ö Ü");
        Map<String, Object> body = job(title);
        body.put("salary", salary);
        body.put("employer", Map.of("name", "Stadt Görlitz – Bürgerbüro"));
        body.put("location", Map.of("city", "Görlitz", "state", "DE-SN"));
        Map<String, Object> created = createJob(body);
        byte[] raw = given().get("/v1/jobs/" + created.get("id")).then().statusCode(200)
                .contentType(ContentType.JSON).extract().asByteArray();
        String json = new String(raw, StandardCharsets.UTF_8);
        assertTrue(json.contains("\"salary\":\"" + salary + "\""), json);
        assertTrue(json.contains(title), json);
        assertTrue(json.contains("\"city\":\"Görlitz\""), json);
        given().queryParam("employer", "Stadt Görlitz – Bürgerbüro").queryParam("limit", 100).get("/v1/jobs").then()
                .body("items.title", hasItem(title));
    }

    @Test
    void aPageWithEmployerMembersRunsABoundedNumberOfStatements() {
        String employer = unique("Statements");
        // more members than Hibernate's default batch size (16), so only loading them at once passes
        for (int i = 0; i < 20; i++) {
            Map<String, Object> member = createMember();
            Map<String, Object> body = job(unique("Mit Mitglied"));
            body.put("employer", Map.of("name", employer, "member", Map.of("id", member.get("id"))));
            createJob(body);
        }
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().queryParam("employer", employer).queryParam("limit", 20).get("/v1/jobs").then().statusCode(200)
                .body("items.size()", equalTo(20)).body("items.employer.member.name", not(hasItem(nullValue())));
        long statements = statistics.getPrepareStatementCount();
        assertTrue(statements <= 3, "list + count + one statement for the members, was " + statements);
    }

    /** Moves the postings of one employer to a fresh name, so the next sort starts from the same set. */
    private static String renameEmployer(String employer, Set<String> ids) {
        String renamed = unique("Blätterei");
        for (String id : ids) {
            admin().contentType(Fixtures.MERGE_PATCH).body(Map.of("employer", Map.of("name", renamed))).patch("/v1/jobs/" + id)
                    .then().statusCode(200);
        }
        return renamed;
    }
}
