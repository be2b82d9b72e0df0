package dev.ticker.event;

import static dev.ticker.Fixtures.createEvent;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.editor;
import static dev.ticker.Fixtures.event;
import static dev.ticker.Fixtures.member;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticker.BadInputChecks;
import dev.ticker.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;

/** {@code Accept: application/ld+json} on an event: a schema.org Event, as Google's event search reads it. */
@QuarkusTest
class EventJsonLdTest {

    private static final String LD = "application/ld+json";

    /** The event's JSON-LD, checked against schema.org's vocabulary. */
    private static JsonNode jsonLd(Object idOrSlug) {
        JsonNode doc = read(given().accept(LD).get("/v1/events/" + idOrSlug).then().statusCode(200)
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

    private static Map<String, Object> timed(String title, String start, String end, String from, String to) {
        Map<String, Object> body = event(title);
        body.put("startDate", start);
        if (end != null) {
            body.put("endDate", end);
        }
        body.put("startTime", from);
        body.put("endTime", to);
        return body;
    }

    @Test
    void jsonStaysTheDefaultAndJsonLdComesWhenPreferred() {
        Map<String, Object> created = createEvent();
        String path = "/v1/events/" + created.get("id");
        given().get(path).then().statusCode(200).contentType(equalTo("application/json")).body("id", equalTo(created.get("id")));
        given().accept("*/*").get(path).then().statusCode(200).contentType(equalTo("application/json"));
        given().accept("application/ld+json;q=0.5, application/json").get(path).then().contentType(equalTo("application/json"));
        given().accept("application/json;q=0.5, application/ld+json").get(path).then().contentType(equalTo(LD));
        given().accept("text/html").get(path).then().statusCode(406);

        Response ld = given().accept(LD).get(path);
        Response json = given().get(path);
        assertNotEquals(json.header("ETag"), ld.header("ETag"), "two representations, two validators");
        given().accept(LD).header("If-None-Match", ld.header("ETag")).get(path).then().statusCode(304);
        ld.then().header("Vary", equalTo("Accept, Accept-Encoding, Authorization")).header("Cache-Control", "public, max-age=60");
        given().accept(LD).queryParam("fields", "title").get(path).then().statusCode(400);
    }

    @Test
    void timedEventsCarryTheOffsetOfTheirZoneOnEachDayAcrossTheDaylightSavingChange() {
        Map<String, Object> created = createEvent(timed(unique("Herbsttagung"), "2026-10-24", "2026-10-26", "10:00", "16:00"));
        JsonNode doc = jsonLd(created.get("slug"));
        assertEquals("2026-10-24T10:00:00+02:00", doc.path("startDate").asText());
        assertEquals("2026-10-26T16:00:00+01:00", doc.path("endDate").asText());
        Map<String, Object> spring = createEvent(timed(unique("Frühjahrstagung"), "2027-03-27", "2027-03-29", "09:30", "12:00"));
        JsonNode springDoc = jsonLd(spring.get("id"));
        assertEquals("2027-03-27T09:30:00+01:00", springDoc.path("startDate").asText());
        assertEquals("2027-03-29T12:00:00+02:00", springDoc.path("endDate").asText());
        Map<String, Object> newYork = timed(unique("Konferenz in New York"), "2027-03-13", "2027-03-15", "18:00", "12:00");
        newYork.put("timeZone", "America/New_York");
        JsonNode newYorkDoc = jsonLd(createEvent(newYork).get("id"));
        assertEquals("2027-03-13T18:00:00-05:00", newYorkDoc.path("startDate").asText());
        assertEquals("2027-03-15T12:00:00-04:00", newYorkDoc.path("endDate").asText());
    }

    @Test
    void allDayEventsAreDatesWithTheLastDayAsEnd() {
        JsonNode doc = jsonLd("kgst-festival");
        assertEquals("KGSt-Festival", doc.path("name").asText());
        assertEquals("2025-12-02", doc.path("startDate").asText());
        assertEquals("2025-12-04", doc.path("endDate").asText());
        assertEquals("https://schema.org/OfflineEventAttendanceMode", doc.path("eventAttendanceMode").asText());
        assertEquals("https://schema.org/EventScheduled", doc.path("eventStatus").asText());
        assertEquals("Karlsruhe", doc.path("location").path("address").path("addressLocality").asText());
        assertEquals("KGSt", doc.path("organizer").path("name").asText());
    }

    @Test
    void attendanceModeAndLocationFollowTheFormat() {
        Map<String, Object> website = member(unique("Dataport"));
        website.put("website", "https://www.dataport.example");
        Map<String, Object> organiser = createMember(website);
        Map<String, Object> hybrid = event(unique("Hybrides Forum"));
        hybrid.put("format", "hybrid");
        hybrid.put("location", Map.of("city", "Hamburg", "venue", "Elbphilharmonie"));
        hybrid.put("url", "https://www.example.org/forum");
        hybrid.put("organizer", Map.of("name", "Dataport", "member", Map.of("slug", organiser.get("slug"))));
        hybrid.put("description", "Das **Forum** für alle.");
        JsonNode h = jsonLd(createEvent(hybrid).get("id"));
        assertEquals("https://schema.org/MixedEventAttendanceMode", h.path("eventAttendanceMode").asText());
        assertEquals("Place", h.path("location").path(0).path("@type").asText());
        assertEquals("Elbphilharmonie", h.path("location").path(0).path("name").asText());
        assertEquals("Hamburg", h.path("location").path(0).path("address").path("addressLocality").asText());
        assertEquals("VirtualLocation", h.path("location").path(1).path("@type").asText());
        assertEquals("https://www.example.org/forum", h.path("location").path(1).path("url").asText());
        assertEquals("https://www.dataport.example", h.path("organizer").path("url").asText());
        assertEquals("Das Forum für alle.", h.path("description").asText(), "plain text");
        assertEquals("https://www.example.org/forum", h.path("url").asText());

        Map<String, Object> online = event(unique("Webinar"));
        online.put("format", "online");
        online.put("url", "https://www.example.org/webinar");
        JsonNode o = jsonLd(createEvent(online).get("id"));
        assertEquals("https://schema.org/OnlineEventAttendanceMode", o.path("eventAttendanceMode").asText());
        assertEquals("VirtualLocation", o.path("location").path("@type").asText());
        assertEquals("https://www.example.org/webinar", o.path("location").path("url").asText());
    }

    @Test
    void visibleAsTheJsonIs() {
        Map<String, Object> body = event(unique("Entwurf"));
        body.remove("status");
        Map<String, Object> draft = createEvent(body);
        given().accept(LD).get("/v1/events/" + draft.get("id")).then().statusCode(404).contentType("application/problem+json");
        byte[] seen = editor().accept(LD).get("/v1/events/" + draft.get("id")).then().statusCode(200).contentType(equalTo(LD))
                .header("Cache-Control", "private, no-cache").extract().asByteArray();
        assertEquals(body.get("title"), read(seen).path("name").asText());
    }

    @Test
    void markupInATitleIsTextAndCannotEndAScriptElement() {
        String title = unique("</script><script>alert(1)</script> & Co");
        Map<String, Object> created = createEvent(event(title));
        byte[] raw = given().accept(LD).get("/v1/events/" + created.get("id")).then().statusCode(200).extract().asByteArray();
        String text = new String(raw, StandardCharsets.UTF_8);
        assertFalse(text.contains("<") || text.contains(">") || text.contains("&"), "escaped for embedding in HTML: " + text);
        assertEquals(title, jsonLd(created.get("id")).path("name").asText());
    }

    /**
     * Found by the fuzz test: an empty Accept made the single read a 500. It states no
     * preference, so JSON; an Accept the REST layer cannot match at all is its 406 problem.
     */
    @Test
    void anEmptyAcceptGetsJsonAndAnUnreadableOneA406() {
        String path = "/v1/events/" + createEvent().get("id");
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
