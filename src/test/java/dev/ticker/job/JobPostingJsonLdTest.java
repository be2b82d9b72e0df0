package dev.ticker.job;

import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createJob;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.editor;
import static dev.ticker.Fixtures.job;
import static dev.ticker.Fixtures.member;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticker.BadInputChecks;
import dev.ticker.RawHttp;
import dev.ticker.event.SchemaOrgVocabulary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** {@code Accept: application/ld+json} on a job posting: a schema.org JobPosting, as Google's job search reads it. */
@QuarkusTest
class JobPostingJsonLdTest {

    private static final String LD = "application/ld+json";
    /** The values Google's job search takes for employmentType. */
    private static final Set<String> GOOGLE_EMPLOYMENT_TYPES = Set.of("FULL_TIME", "PART_TIME", "CONTRACTOR", "TEMPORARY",
            "INTERN", "VOLUNTEER", "PER_DIEM", "OTHER");

    /** The posting's JSON-LD, checked against schema.org's vocabulary. */
    private static JsonNode jsonLd(Object idOrSlug) {
        JsonNode doc = read(given().accept(LD).get("/v1/jobs/" + idOrSlug).then().statusCode(200)
                .contentType(equalTo(LD)).extract().asByteArray());
        List<String> problems = SchemaOrgVocabulary.problems(doc);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        return doc;
    }

    private static JsonNode read(byte[] body) {
        try {
            return new ObjectMapper().readTree(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void hasEveryPropertyGoogleRequiresAndTheRecommendedOnesItCanFill() {
        Map<String, Object> m = member(unique("Lecos"));
        m.put("website", "https://www.lecos.example");
        m.put("logo", Map.of("url", "https://www.lecos.example/logo.png", "alt", "Logo"));
        Map<String, Object> employer = createMember(m);
        Map<String, Object> body = job(unique("Referent:in Informationssicherheit (m/w/d)"));
        body.put("employer", Map.of("name", "Lecos GmbH", "member", Map.of("id", employer.get("id"))));
        body.put("location", Map.of("city", "Leipzig", "state", "DE-SN"));
        body.put("validThrough", "2031-01-31");
        body.put("publishedAt", "2030-12-01T08:00:00Z");
        Map<String, Object> created = createJob(body);
        JsonNode doc = jsonLd(created.get("slug"));

        assertEquals("JobPosting", doc.path("@type").asText());
        // required
        assertEquals(body.get("title"), doc.path("title").asText());
        assertEquals("<p>Wir suchen <strong>Verstärkung</strong>.</p>\n<p>Vergütung: E 11 TVöD</p>", doc.path("description").asText());
        assertEquals("2030-12-01T08:00:00Z", doc.path("datePosted").asText());
        assertEquals("Organization", doc.path("hiringOrganization").path("@type").asText());
        assertEquals("Lecos GmbH", doc.path("hiringOrganization").path("name").asText());
        JsonNode address = doc.path("jobLocation").path("address");
        assertEquals("Leipzig", address.path("addressLocality").asText());
        assertEquals("Sachsen", address.path("addressRegion").asText());
        assertEquals("DE", address.path("addressCountry").asText());
        assertEquals("2031-01-31T23:59:59+01:00", doc.path("validThrough").asText(), "the end of the last day, Berlin time");
        // recommended
        assertEquals("https://www.lecos.example", doc.path("hiringOrganization").path("sameAs").asText());
        assertEquals("https://www.lecos.example", doc.path("hiringOrganization").path("url").asText());
        assertEquals("https://www.lecos.example/logo.png", doc.path("hiringOrganization").path("logo").asText());
        assertEquals("FULL_TIME", doc.path("employmentType").asText());
        assertEquals("PropertyValue", doc.path("identifier").path("@type").asText());
        assertEquals(created.get("id"), doc.path("identifier").path("value").asText());
        assertFalse(doc.path("directApply").asBoolean(true));
        assertEquals("https://www.kdo.de/karriere", doc.path("url").asText());
        assertTrue(doc.path("baseSalary").isMissingNode(), "a pay scale names no amount: no baseSalary");
        assertTrue(doc.path("jobLocationType").isMissingNode(), "on site");
    }

    @Test
    void aFullyRemotePostingIsTelecommuteForApplicantsInGermany() {
        Map<String, Object> body = job(unique("Entwickler:in (remote)"));
        body.put("remote", "full");
        body.remove("location");
        JsonNode doc = jsonLd(createJob(body).get("id"));
        assertEquals("TELECOMMUTE", doc.path("jobLocationType").asText());
        assertEquals("Country", doc.path("applicantLocationRequirements").path("@type").asText());
        assertEquals("DE", doc.path("applicantLocationRequirements").path("name").asText());
        assertTrue(doc.path("jobLocation").isMissingNode());

        Map<String, Object> hybrid = job(unique("Administrator:in (hybrid)"));
        hybrid.put("remote", "hybrid");
        JsonNode h = jsonLd(createJob(hybrid).get("id"));
        assertTrue(h.path("jobLocationType").isMissingNode(), "TELECOMMUTE is for work done remotely all the time");
        assertEquals("Oldenburg", h.path("jobLocation").path("address").path("addressLocality").asText());
    }

    @Test
    void statedAmountsBecomeABaseSalary() {
        Map<String, Object> body = job(unique("Projektleitung"));
        body.put("salary", "52.000 – 64.000 € brutto jährlich");
        JsonNode doc = jsonLd(createJob(body).get("id"));
        JsonNode salary = doc.path("baseSalary");
        assertEquals("MonetaryAmount", salary.path("@type").asText());
        assertEquals("EUR", salary.path("currency").asText());
        assertEquals("QuantitativeValue", salary.path("value").path("@type").asText());
        assertEquals(52000, salary.path("value").path("minValue").asInt());
        assertEquals(64000, salary.path("value").path("maxValue").asInt());
        assertEquals("YEAR", salary.path("value").path("unitText").asText());
        assertEquals("<p>Wir suchen <strong>Verstärkung</strong>.</p>", doc.path("description").asText(),
                "the amount is in baseSalary, not repeated in the text");
    }

    @Test
    void salaryTextsAreReadOnlyWhenTheyStateAmountsPerPeriod() {
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("52.000 – 64.000 € jährlich", List.of("52000", "64000", "YEAR"));
        cases.put("52.000 € - 64.000 € pro Jahr", List.of("52000", "64000", "YEAR"));
        cases.put("ab 4.100 EUR brutto/Monat", List.of("4100", "", "MONTH"));
        cases.put("bis 70.000 Euro p. a.", List.of("", "70000", "YEAR"));
        cases.put("25,50 € pro Stunde", List.of("25.50", "25.50", "HOUR"));
        cases.put("E 11 TVöD", null);
        cases.put("EG 13 TV-L", null);
        cases.put("A 13 BBesO", null);
        cases.put("nach Vereinbarung", null);
        cases.put("50.000 €", null); // per what?
        cases.put("E 9b TVöD, ca. 45.000 € jährlich", null);
        cases.forEach((text, expected) -> {
            Map<String, Object> salary = JobPostingJsonLd.baseSalary(text);
            if (expected == null) {
                assertNull(salary, text);
                return;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> value = (Map<String, Object>) salary.get("value");
            List<?> e = (List<?>) expected;
            Object min = value.containsKey("value") ? value.get("value") : value.get("minValue");
            Object max = value.containsKey("value") ? value.get("value") : value.get("maxValue");
            assertEquals(e.get(0), min == null ? "" : ((BigDecimal) min).toPlainString(), text);
            assertEquals(e.get(1), max == null ? "" : ((BigDecimal) max).toPlainString(), text);
            assertEquals(e.get(2), value.get("unitText"), text);
            assertEquals("EUR", salary.get("currency"), text);
        });
    }

    @Test
    void everyEmploymentTypeIsOneOfGoogles() {
        for (EmploymentType type : EmploymentType.values()) {
            assertTrue(GOOGLE_EMPLOYMENT_TYPES.contains(JobPostingJsonLd.employmentType(type)), type.toString());
        }
        Map<String, Object> body = job(unique("Praktikum"));
        body.put("employmentType", "internship");
        assertEquals("INTERN", jsonLd(createJob(body).get("id")).path("employmentType").asText());
    }

    @Test
    void visibleAsTheJsonIsAndJsonStaysTheDefault() {
        Map<String, Object> body = job(unique("Abgelaufen"));
        body.put("validThrough", LocalDate.now(ZoneId.of("Europe/Berlin")).minusDays(1).toString());
        Map<String, Object> expired = createJob(body);
        given().accept(LD).get("/v1/jobs/" + expired.get("id")).then().statusCode(404).contentType("application/problem+json");
        editor().accept(LD).get("/v1/jobs/" + expired.get("id")).then().statusCode(200).contentType(equalTo(LD));
        Map<String, Object> draftBody = job(unique("Entwurf"));
        draftBody.remove("status");
        Object draft = createJob(draftBody).get("id");
        given().accept(LD).get("/v1/jobs/" + draft).then().statusCode(404);
        JsonNode seen = read(admin().accept(LD).get("/v1/jobs/" + draft).then().statusCode(200).extract().asByteArray());
        assertTrue(seen.path("datePosted").isMissingNode(), "not posted yet");

        Map<String, Object> created = createJob();
        String path = "/v1/jobs/" + created.get("id");
        given().get(path).then().statusCode(200).contentType(ContentType.JSON).body("id", equalTo(created.get("id")));
        given().accept("application/json, application/ld+json;q=0.9").get(path).then().contentType(equalTo("application/json"));
        Response ld = given().accept(LD).get(path);
        assertNotEquals(given().get(path).header("ETag"), ld.header("ETag"));
        given().accept(LD).header("If-None-Match", ld.header("ETag")).get(path).then().statusCode(304);
        given().accept(LD).queryParam("fields", "title").get(path).then().statusCode(400);
    }

    /**
     * Found by the fuzz test: an empty Accept made the single read a 500. It states no
     * preference, so JSON; an Accept the REST layer cannot match at all is its 406 problem.
     */
    @Test
    void anEmptyAcceptGetsJsonAndAnUnreadableOneA406() {
        String path = "/v1/jobs/" + createJob().get("id");
        RawHttp.Reply empty = send(path, "");
        assertEquals(200, empty.status(), empty.text());
        assertTrue(empty.header("Content-Type").startsWith("application/json"), empty.header("Content-Type"));
        RawHttp.Reply unreadable = send(path, ";;;");
        BadInputChecks.assertProblemDocument("Accept: ;;;", 406, unreadable.status(), unreadable.header("Content-Type"),
                unreadable.text());
    }

    private static RawHttp.Reply send(String path, String accept) {
        return RawHttp.exchange("localhost", RestAssured.port,
                ("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
    }
}
