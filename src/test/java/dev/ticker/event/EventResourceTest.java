package dev.ticker.event;

import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createEvent;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.event;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import dev.ticker.changes.WrittenHere;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class EventResourceTest {

    private static final String EVENTS = "/v1/events";

    @Inject
    SessionFactory sessionFactory;
    @Inject
    Event<WrittenHere> written;

    // --- fixtures: exactly the rows a test needs, with unique values ----------------------------

    /** An event of the given organiser name, from start to end (inclusive; null: one day). */
    static Map<String, Object> eventBy(String organizer, String startDate, String endDate) {
        Map<String, Object> event = event(unique("Termin"));
        event.put("organizer", Map.of("name", organizer));
        event.put("startDate", startDate);
        if (endDate != null) {
            event.put("endDate", endDate);
        }
        return event;
    }

    private static Response post(Map<String, Object> event) {
        return admin().contentType(ContentType.JSON).body(event).post(EVENTS);
    }

    private static List<String> titles(Map<String, Object> query) {
        return given().queryParams(query).get(EVENTS).then().statusCode(200).extract().jsonPath().getList("items.title");
    }

    // --- create and read ------------------------------------------------------------------------

    @Test
    void createsATimedOneDayEventWithEveryField() {
        Map<String, Object> member = createMember();
        String title = unique("Thementag Registermodernisierung – Follow Up");
        Map<String, Object> body = event(title);
        body.put("description", "Ein **Follow Up** zum Thementag.");
        body.put("startDate", "2025-11-25");
        body.put("startTime", "14:00");
        body.put("endTime", "17:00");
        body.put("location", Map.of("city", "Oldenburg", "venue", "KDO, Raum 1"));
        body.put("format", "hybrid");
        body.put("organizer", Map.of("name", "KDO", "member", Map.of("id", member.get("id"), "name", "ignored on writes")));
        body.put("url", "https://www.kdo.de/thementag");
        var response = post(body);
        response.then().statusCode(201)
                .contentType(ContentType.JSON)
                .header("ETag", notNullValue())
                .header("Location", endsWith(EVENTS + "/" + response.path("id")))
                .body("title", equalTo(title))
                .body("slug", equalTo(dev.ticker.content.Slugs.of(title)))
                .body("description", equalTo("Ein **Follow Up** zum Thementag."))
                .body("descriptionHtml", equalTo("<p>Ein <strong>Follow Up</strong> zum Thementag.</p>"))
                .body("startDate", equalTo("2025-11-25"))
                .body("endDate", nullValue())
                .body("startTime", equalTo("14:00"))
                .body("endTime", equalTo("17:00"))
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("allDay", equalTo(false))
                .body("location.city", equalTo("Oldenburg"))
                .body("location.venue", equalTo("KDO, Raum 1"))
                .body("format", equalTo("hybrid"))
                .body("organizer.name", equalTo("KDO"))
                .body("organizer.member.id", equalTo(member.get("id")))
                .body("organizer.member.slug", equalTo(member.get("slug")))
                .body("organizer.member.name", equalTo(member.get("name")))
                .body("organizer.member", not(hasKey("city")))
                .body("url", equalTo("https://www.kdo.de/thementag"))
                .body("createdAt", notNullValue())
                .body("version", equalTo(1));
        String location = response.header("Location");
        given().get(location).then().statusCode(200).body("id", equalTo(response.path("id")))
                .header("ETag", equalTo(response.header("ETag")));
    }

    @Test
    void createsAnAllDayMultiDayEvent() {
        Map<String, Object> body = event(unique("KGSt-Festival"));
        body.put("endDate", "2025-12-04");
        createEvent(body);
        given().get(EVENTS + "/" + dev.ticker.content.Slugs.of((String) body.get("title"))).then().statusCode(200)
                .body("startDate", equalTo("2025-12-02"))
                .body("endDate", equalTo("2025-12-04"))
                .body("startTime", nullValue())
                .body("endTime", nullValue())
                .body("allDay", equalTo(true))
                .body("organizer.member", nullValue())
                .body("description", nullValue())
                .body("descriptionHtml", nullValue())
                .body("url", nullValue());
    }

    @Test
    void acceptsAMultiDayEventThatEndsEarlierInTheDayThanItStarted() {
        Map<String, Object> body = event(unique("KRITIS-Konferenz protekt"));
        body.put("startDate", "2025-11-25");
        body.put("endDate", "2025-11-26");
        body.put("startTime", "18:00");
        body.put("endTime", "12:30");
        post(body).then().statusCode(201).body("allDay", equalTo(false)).body("endTime", equalTo("12:30"));
    }

    @Test
    void acceptsAnEndDateEqualToTheStartDateAndATimedEventWithoutEnd() {
        Map<String, Object> body = event(unique("Info-Webinar"));
        body.put("endDate", "2025-12-02");
        body.put("startTime", "10:00");
        body.put("format", "online");
        body.put("location", null);
        post(body).then().statusCode(201).body("endDate", equalTo("2025-12-02")).body("endTime", nullValue())
                .body("location", nullValue()).body("format", equalTo("online"));
    }

    @Test
    void findsAnEventBySlugAndById() {
        Map<String, Object> created = createEvent();
        given().get(EVENTS + "/" + created.get("slug")).then().statusCode(200).body("id", equalTo(created.get("id")));
        given().get(EVENTS + "/" + created.get("id")).then().statusCode(200).body("slug", equalTo(created.get("slug")));
    }

    @Test
    void returns404ForAnUnknownEvent() {
        given().get(EVENTS + "/kein-solcher-termin").then().statusCode(404).contentType("application/problem+json");
        given().get(EVENTS + "/00000000-0000-0000-0000-000000000000").then().statusCode(404);
        admin().delete(EVENTS + "/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    @Test
    void returnsOnlyTheRequestedFields() {
        Map<String, Object> created = createEvent();
        given().queryParam("fields", "title,startDate,allDay").get(EVENTS + "/" + created.get("id")).then().statusCode(200)
                .body("id", equalTo(created.get("id"))).body("allDay", equalTo(true)).body("$", not(hasKey("location")));
        given().queryParam("fields", "secret").get(EVENTS + "/" + created.get("id")).then().statusCode(400);
    }

    @Test
    void writesNeedAToken() {
        given().contentType(ContentType.JSON).body(event(unique("Ohne Token"))).post(EVENTS).then().statusCode(401);
    }

    // --- replace, patch, delete ------------------------------------------------------------------

    @Test
    void putTakesBackWhatGetGaveAndReplacesTheRest() {
        Map<String, Object> member = createMember();
        Map<String, Object> body = event(unique("CyberSicherheitsForum 2025"));
        body.put("startTime", "09:00");
        body.put("endTime", "16:00");
        body.put("description", "Alt");
        body.put("organizer", Map.of("name", "CSBW", "member", Map.of("id", member.get("id"))));
        Map<String, Object> created = createEvent(body);

        // GET → edit → PUT, with every read-only property sent back
        Map<String, Object> read = given().get(EVENTS + "/" + created.get("id")).then().extract().jsonPath().getMap("$");
        read.put("title", "CyberSicherheitsForum 2025 (verschoben)");
        read.put("startDate", "2025-11-27");
        admin().contentType(ContentType.JSON).body(read).put(EVENTS + "/" + created.get("id"))
                .then().statusCode(200)
                .body("title", equalTo("CyberSicherheitsForum 2025 (verschoben)"))
                .body("startDate", equalTo("2025-11-27"))
                .body("startTime", equalTo("09:00"))
                .body("organizer.member.id", equalTo(member.get("id")))
                .body("slug", equalTo(created.get("slug")))
                .body("version", equalTo(2));

        // fields left out become empty; timeZone falls back to its default
        Map<String, Object> replacement = new HashMap<>();
        replacement.put("title", "Neu");
        replacement.put("startDate", "2025-11-28");
        replacement.put("format", "online");
        replacement.put("timeZone", null);
        admin().contentType(ContentType.JSON).body(replacement).put(EVENTS + "/" + created.get("slug"))
                .then().statusCode(200)
                .body("slug", equalTo(created.get("slug")))
                .body("startTime", nullValue())
                .body("allDay", equalTo(true))
                .body("description", nullValue())
                .body("descriptionHtml", nullValue())
                .body("organizer", nullValue())
                .body("location", nullValue())
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("version", equalTo(3));
    }

    @Test
    void patchChangesTheGivenFieldsAndKeepsTheRest() {
        Map<String, Object> body = event(unique("FIT-Kongress 2025"));
        body.put("timeZone", "Europe/Vienna");
        body.put("description", "Alt");
        Map<String, Object> created = createEvent(body);
        admin().contentType(Fixtures.MERGE_PATCH)
                .body("{\"startTime\":\"09:30\",\"endTime\":\"18:00\",\"description\":\"_Neu_\",\"location\":null,\"timeZone\":null}")
                .patch(EVENTS + "/" + created.get("id"))
                .then().statusCode(200)
                .body("startTime", equalTo("09:30"))
                .body("endTime", equalTo("18:00"))
                .body("allDay", equalTo(false))
                .body("descriptionHtml", equalTo("<p><em>Neu</em></p>"))
                .body("location", nullValue())
                .body("timeZone", equalTo("Europe/Berlin"))
                .body("title", equalTo(body.get("title")))
                .body("organizer.name", equalTo(((Map<?, ?>) body.get("organizer")).get("name")))
                .body("version", equalTo(2));
        admin().contentType(Fixtures.MERGE_PATCH).body("{\"organizer\":{\"name\":\"Vogel IT-Akademie\"}}")
                .patch(EVENTS + "/" + created.get("id"))
                .then().statusCode(200).body("organizer.name", equalTo("Vogel IT-Akademie"))
                .body("organizer.member", nullValue());
    }

    @Test
    void patchThatBreaksTheTimesIs422AndChangesNothing() {
        Map<String, Object> created = createEvent();
        String etag = given().get(EVENTS + "/" + created.get("id")).header("ETag");
        admin().contentType(Fixtures.MERGE_PATCH).body("{\"endDate\":\"2025-12-01\"}").patch(EVENTS + "/" + created.get("id"))
                .then().statusCode(422).body("errors[0].field", equalTo("endDate"));
        admin().contentType(Fixtures.MERGE_PATCH).body("{\"endTime\":\"10:00\"}").patch(EVENTS + "/" + created.get("id"))
                .then().statusCode(422).body("errors[0].field", equalTo("endTime"));
        given().get(EVENTS + "/" + created.get("id")).then().header("ETag", equalTo(etag)).body("version", equalTo(1));
    }

    @Test
    void deletesAnEvent() {
        Map<String, Object> created = createEvent();
        admin().delete(EVENTS + "/" + created.get("slug")).then().statusCode(204);
        given().get(EVENTS + "/" + created.get("id")).then().statusCode(404);
    }

    // --- validation (422) and malformed input (400) ----------------------------------------------

    @Test
    void returns422ForAnEndDateBeforeTheStartDate() {
        Map<String, Object> body = event(unique("Rückwärts"));
        body.put("endDate", "2025-12-01");
        post(body).then().statusCode(422).contentType("application/problem+json")
                .body("type", equalTo("urn:ticker:problem:validation-failed"))
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("endDate"))
                .body("errors[0].message", containsString("startDate"));
    }

    @Test
    void returns422ForAnEndTimeBeforeTheStartTimeOnOneDay() {
        Map<String, Object> body = event(unique("Zu kurz"));
        body.put("startTime", "14:00");
        body.put("endTime", "13:59");
        post(body).then().statusCode(422).body("errors.size()", equalTo(1)).body("errors[0].field", equalTo("endTime"));
        body.put("endDate", body.get("startDate"));
        post(body).then().statusCode(422).body("errors.size()", equalTo(1)).body("errors[0].field", equalTo("endTime"));
    }

    @Test
    void returns422ForAnEndTimeWithoutAStartTime() {
        Map<String, Object> body = event(unique("Nur Ende"));
        body.put("endTime", "17:00");
        post(body).then().statusCode(422).body("errors.size()", equalTo(1)).body("errors[0].field", equalTo("endTime"))
                .body("errors[0].message", containsString("startTime"));
    }

    @Test
    void returns422ForAnUnknownTimeZone() {
        for (String zone : List.of("Europe/Karlsruhe", "europe/berlin", "+01:00", "")) {
            Map<String, Object> body = event(unique("Zeitzone"));
            body.put("timeZone", zone);
            post(body).then().statusCode(422).body("errors.size()", equalTo(1)).body("errors[0].field", equalTo("timeZone"));
        }
        Map<String, Object> body = event(unique("Zeitzone New York"));
        body.put("timeZone", "America/New_York");
        post(body).then().statusCode(201).body("timeZone", equalTo("America/New_York"));
    }

    @Test
    void returns422NamingAnUnknownOrganizerMember() {
        Map<String, Object> body = event(unique("Unbekannter Veranstalter"));
        body.put("organizer", Map.of("name", "Niemand", "member", Map.of("id", "00000000-0000-0000-0000-00000000abcd")));
        post(body).then().statusCode(422).body("errors[0].field", equalTo("organizer.member.id"))
                .body("errors[0].message", containsString("00000000-0000-0000-0000-00000000abcd"));
        body.put("organizer", Map.of("name", "Niemand", "member", Map.of("slug", "ohne-id")));
        post(body).then().statusCode(422).body("errors[0].field", equalTo("organizer.member.slug"))
                .body("errors[0].message", equalTo("no member with slug 'ohne-id'"));
        body.put("organizer", Map.of("name", "Niemand", "member", Map.of()));
        post(body).then().statusCode(422).body("errors[0].field", equalTo("organizer.member"));
    }

    @Test
    void returns422ForMissingRequiredFields() {
        Map<String, Object> body = new HashMap<>();
        body.put("description", "Weder Titel noch Datum noch Format");
        body.put("organizer", Map.of("member", Map.of("id", createMember().get("id"))));
        body.put("url", "ftp://example.org");
        post(body).then().statusCode(422)
                .body("errors.field", containsInAnyOrder("title", "startDate", "format", "organizer.name", "url"));
    }

    @Test
    void returns400ForDatesAndTimesThatAreNotYyyyMmDdAndHhMm() {
        for (Map.Entry<String, Object> bad : List.<Map.Entry<String, Object>>of(
                Map.entry("startDate", "2025-12-2"), Map.entry("startDate", "02.12.2025"),
                Map.entry("startDate", "2025-02-30"), Map.entry("startDate", "+10000-01-01"),
                Map.entry("startDate", List.of(2025, 12, 2)), Map.entry("endDate", "2025-12-04T10:00:00Z"),
                Map.entry("startTime", "14:00:30"), Map.entry("startTime", "9:00"), Map.entry("startTime", "24:00"),
                Map.entry("startTime", 1400), Map.entry("format", "offline"), Map.entry("format", "IN_PERSON"),
                Map.entry("allDays", true))) {
            Map<String, Object> body = event(unique("Falsch"));
            body.put(bad.getKey(), bad.getValue());
            post(body).then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString(bad.getKey()));
        }
    }

    @Test
    void returns409WhenAChosenSlugIsTakenAndSuffixesAGeneratedOne() {
        Map<String, Object> first = createEvent();
        Map<String, Object> body = event(unique("Anderer Termin"));
        body.put("slug", first.get("slug"));
        post(body).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString((String) first.get("slug")));
        Map<String, Object> sameTitle = event((String) first.get("title"));
        post(sameTitle).then().statusCode(201).body("slug", equalTo(first.get("slug") + "-2"));
    }

    // --- HTTP caching and preconditions ----------------------------------------------------------

    @Test
    void answers304ToACurrentIfNoneMatch() {
        Map<String, Object> created = createEvent();
        String etag = given().get(EVENTS + "/" + created.get("id")).then().statusCode(200)
                .header("Cache-Control", equalTo("public, max-age=60")).extract().header("ETag");
        given().header("If-None-Match", etag).get(EVENTS + "/" + created.get("id")).then().statusCode(304)
                .header("ETag", equalTo(etag));
    }

    @Test
    void returns412WhenIfMatchIsStale() {
        Map<String, Object> created = createEvent();
        String etag = given().get(EVENTS + "/" + created.get("id")).header("ETag");
        String changed = admin().header("If-Match", etag).contentType(Fixtures.MERGE_PATCH).body("{\"title\":\"Erste Änderung\"}")
                .patch(EVENTS + "/" + created.get("id")).then().statusCode(200).extract().header("ETag");
        admin().header("If-Match", etag).contentType(Fixtures.MERGE_PATCH).body("{\"title\":\"Verlorene Änderung\"}")
                .patch(EVENTS + "/" + created.get("id")).then().statusCode(412).contentType("application/problem+json");
        admin().header("If-Match", etag).contentType(ContentType.JSON).body(event("Verloren"))
                .put(EVENTS + "/" + created.get("id")).then().statusCode(412);
        admin().header("If-Match", etag).delete(EVENTS + "/" + created.get("id")).then().statusCode(412);
        given().get(EVENTS + "/" + created.get("id")).then().body("title", equalTo("Erste Änderung"))
                .header("ETag", equalTo(changed));
    }

    // --- list filters, order and paging ----------------------------------------------------------

    @Test
    void fromAndToSelectEventsOverlappingTheRange() {
        String organizer = unique("Überlappung");
        String festival = (String) createEvent(eventBy(organizer, "2025-12-02", "2025-12-04")).get("title");
        String before = (String) createEvent(eventBy(organizer, "2025-11-30", null)).get("title");
        String after = (String) createEvent(eventBy(organizer, "2025-12-06", "2025-12-07")).get("title");

        assertEquals(List.of(festival), titles(Map.of("organizer", organizer, "from", "2025-12-03", "to", "2025-12-03")));
        assertEquals(List.of(before, festival), titles(Map.of("organizer", organizer, "to", "2025-12-02")));
        assertEquals(List.of(before), titles(Map.of("organizer", organizer, "to", "2025-12-01")));
        assertEquals(List.of(after), titles(Map.of("organizer", organizer, "from", "2025-12-05")));
        assertEquals(List.of(festival, after), titles(Map.of("organizer", organizer, "from", "2025-12-04")));
        assertEquals(List.of(festival, after), titles(Map.of("organizer", organizer, "from", "2025-12-01", "to", "2025-12-06")));
        assertEquals(List.of(), titles(Map.of("organizer", organizer, "from", "2025-12-05", "to", "2025-12-05")));
    }

    @Test
    void returns400ForBadDateFilters() {
        given().queryParam("from", "2025-12-05").queryParam("to", "2025-12-01").get(EVENTS).then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("from", "5.12.2025").get(EVENTS).then().statusCode(400).body("detail", containsString("'from'"));
    }

    @Test
    void filtersByFormat() {
        String organizer = unique("Format");
        for (String format : List.of("in_person", "online", "hybrid", "online")) {
            Map<String, Object> body = eventBy(organizer, "2025-11-26", null);
            body.put("format", format);
            createEvent(body);
        }
        given().queryParam("organizer", organizer).queryParam("format", "online").get(EVENTS).then().statusCode(200)
                .body("page.total", equalTo(2)).body("items.format", contains("online", "online"));
        given().queryParam("organizer", organizer).queryParam("format", "hybrid").get(EVENTS).then()
                .body("page.total", equalTo(1));
        given().queryParam("format", "offline").get(EVENTS).then().statusCode(400).body("detail", containsString("'format'"));
        given().queryParam("format", "ONLINE").get(EVENTS).then().statusCode(400);
    }

    @Test
    void filtersByOrganizerMemberSlugIdOrExactName() {
        Map<String, Object> member = createMember();
        Map<String, Object> other = createMember();
        String name = unique("Vogel IT-Akademie");
        Map<String, Object> byMember = event(unique("Vom Mitglied"));
        byMember.put("organizer", Map.of("name", name, "member", Map.of("id", member.get("id"))));
        createEvent(byMember);
        Map<String, Object> byOther = event(unique("Vom anderen Mitglied"));
        byOther.put("organizer", Map.of("name", name, "member", Map.of("id", other.get("id"))));
        createEvent(byOther);
        Map<String, Object> byName = event(unique("Nur mit Namen"));
        byName.put("organizer", Map.of("name", name));
        createEvent(byName);

        assertEquals(List.of(byMember.get("title")), titles(Map.of("organizer", member.get("slug"))));
        assertEquals(List.of(byMember.get("title")), titles(Map.of("organizer", member.get("id"))));
        assertEquals(Set.of(byMember.get("title"), byOther.get("title"), byName.get("title")),
                Set.copyOf(titles(Map.of("organizer", name))));
        // the name matches ignoring case, as a person types it
        assertEquals(Set.of(byMember.get("title"), byOther.get("title"), byName.get("title")),
                Set.copyOf(titles(Map.of("organizer", name.toUpperCase()))));
        assertEquals(List.of(), titles(Map.of("organizer", name.substring(0, name.length() - 1))));
        assertEquals(List.of(), titles(Map.of("organizer", "00000000-0000-0000-0000-00000000abcd")));
    }

    @Test
    void listsSoonestFirstWithAllDayEventsFirstOnTheirDay() {
        String organizer = unique("Reihenfolge");
        Map<String, Object> lateTimed = eventBy(organizer, "2025-11-25", null);
        lateTimed.put("startTime", "14:00");
        Map<String, Object> allDay = eventBy(organizer, "2025-11-25", "2025-11-26");
        Map<String, Object> earlyTimed = eventBy(organizer, "2025-11-25", null);
        earlyTimed.put("startTime", "09:00");
        Map<String, Object> dayBefore = eventBy(organizer, "2025-11-24", null);
        dayBefore.put("startTime", "18:00");
        Map<String, Object> later = eventBy(organizer, "2025-12-02", "2025-12-04");
        for (Map<String, Object> event : List.of(later, lateTimed, allDay, earlyTimed, dayBefore)) {
            createEvent(event);
        }
        List<Object> soonestFirst = List.of(dayBefore.get("title"), allDay.get("title"), earlyTimed.get("title"),
                lateTimed.get("title"), later.get("title"));
        assertEquals(soonestFirst, new ArrayList<Object>(titles(Map.of("organizer", organizer))));
        List<Object> latestFirst = new ArrayList<>(soonestFirst);
        java.util.Collections.reverse(latestFirst);
        assertEquals(latestFirst, new ArrayList<Object>(titles(Map.of("organizer", organizer, "sort", "-startDate"))));
        List<Object> byTitle = new ArrayList<>(soonestFirst);
        byTitle.sort(java.util.Comparator.comparing(Object::toString));
        assertEquals(byTitle, new ArrayList<Object>(titles(Map.of("organizer", organizer, "sort", "title"))));
        given().queryParam("sort", "startTime").get(EVENTS).then().statusCode(400);
    }

    @Test
    void pagesThroughEveryEventExactlyOnceWhileEventsAreInserted() {
        String organizer = unique("Blättern");
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 13; i++) {
            Map<String, Object> body = eventBy(organizer, "2025-11-" + (20 + i % 4), null);
            if (i % 3 != 0) {
                body.put("startTime", i % 2 == 0 ? "10:00" : "08:15"); // ties, all-day and timed on the same days
            }
            expected.add((String) createEvent(body).get("id"));
        }
        for (String sort : List.of("startDate", "-startDate", "title", "-createdAt")) {
            List<String> seen = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                var request = given().queryParam("organizer", organizer).queryParam("limit", 4).queryParam("sort", sort);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                Response page = request.get(EVENTS);
                page.then().statusCode(200);
                seen.addAll(page.jsonPath().getList("items.id"));
                cursor = page.jsonPath().getString("page.next");
                if (cursor != null) {
                    assertTrue(page.header("Link").endsWith(">; rel=\"next\""), page.header("Link"));
                }
                pages++;
                // inserted between page requests: one sooner and one later than everything
                createEvent(eventBy(organizer, "2025-01-01", null));
                createEvent(eventBy(organizer, "2026-12-31", null));
            } while (cursor != null && pages < 30);
            assertEquals(seen.size(), new HashSet<>(seen).size(), sort + ": no event twice");
            assertTrue(seen.containsAll(expected), sort + ": every event that existed at the start was visited");
        }
        given().queryParam("cursor", "bm90LWEtY3Vyc29y").get(EVENTS).then().statusCode(400);
    }

    @Test
    void aPageWithOrganizersRunsABoundedNumberOfStatements() {
        String organizer = unique("Statements");
        List<Map<String, Object>> members = List.of(createMember(), createMember(), createMember());
        for (int i = 0; i < 12; i++) {
            Map<String, Object> body = eventBy(organizer, "2025-11-2" + (i % 9), null);
            body.put("organizer", Map.of("name", organizer, "member", Map.of("id", members.get(i % 3).get("id"))));
            createEvent(body);
        }
        long small = statementsFor(organizer, 2);
        long large = statementsFor(organizer, 12);
        assertEquals(small, large, "statements must not grow with the page size");
        assertTrue(large <= 3, "list + count + one statement for the organisers, was " + large);
    }

    private long statementsFor(String organizer, int limit) {
        written.fire(WrittenHere.INSTANCE); // as after a write: the total is counted again
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().queryParam("organizer", organizer).queryParam("limit", limit).get(EVENTS)
                .then().statusCode(200).body("items.size()", equalTo(limit))
                .body("items.organizer.member.slug", not(org.hamcrest.Matchers.hasItem(nullValue())));
        return statistics.getPrepareStatementCount();
    }

    @Test
    void rejectsUnknownParameters() {
        given().queryParam("city", "Karlsruhe").get(EVENTS).then().statusCode(400).body("detail", containsString("'city'"));
        given().queryParam("format", "online").queryParam("format", "hybrid").get(EVENTS).then().statusCode(400);
        given().queryParam("include", "members").get(EVENTS).then().statusCode(400);
        given().queryParam("limit", 101).get(EVENTS).then().statusCode(400);
    }

    // --- wall-clock times ------------------------------------------------------------------------

    @Test
    void keepsWallClockTimesAcrossDaylightSavingSwitches() {
        String organizer = unique("Sommerzeit");
        for (String day : List.of("2026-03-29", "2026-10-25")) {
            Map<String, Object> body = eventBy(organizer, day, null);
            body.put("startTime", "10:00");
            body.put("endTime", "11:30");
            Map<String, Object> created = createEvent(body);
            assertEquals("10:00", created.get("startTime"));
            given().get(EVENTS + "/" + created.get("id")).then().statusCode(200)
                    .body("startDate", equalTo(day))
                    .body("startTime", equalTo("10:00"))
                    .body("endTime", equalTo("11:30"))
                    .body("timeZone", equalTo("Europe/Berlin"));
        }
        // the 02:30 that does not exist on 29 March in Berlin is kept as written, not shifted
        Map<String, Object> gap = eventBy(organizer, "2026-03-29", null);
        gap.put("startTime", "02:30");
        given().get(EVENTS + "/" + createEvent(gap).get("id")).then().body("startTime", equalTo("02:30"));
        given().queryParam("organizer", organizer).get(EVENTS).then()
                .body("items.startTime", contains("02:30", "10:00", "10:00"))
                .body("items.startDate", contains("2026-03-29", "2026-03-29", "2026-10-25"));
    }

    // --- members that organise events ------------------------------------------------------------

    @Test
    void returns409WhenDeletingAMemberThatOrganisesAnEventAndChangesNothing() {
        Map<String, Object> member = createMember();
        Map<String, Object> body = event(unique("Vom Mitglied organisiert"));
        body.put("organizer", Map.of("name", "KGSt", "member", Map.of("id", member.get("id"))));
        Map<String, Object> created = createEvent(body);
        String memberEtag = given().get("/v1/members/" + member.get("id")).header("ETag");
        String eventEtag = given().get(EVENTS + "/" + created.get("id")).header("ETag");

        admin().delete("/v1/members/" + member.get("id")).then().statusCode(409).contentType("application/problem+json")
                .body("status", equalTo(409));

        given().get("/v1/members/" + member.get("id")).then().statusCode(200).header("ETag", equalTo(memberEtag));
        given().get(EVENTS + "/" + created.get("id")).then().statusCode(200).header("ETag", equalTo(eventEtag))
                .body("organizer.member.id", equalTo(member.get("id")));

        // once the event no longer refers to it, the member can go
        admin().contentType(Fixtures.MERGE_PATCH).body("{\"organizer\":{\"member\":null}}").patch(EVENTS + "/" + created.get("id"))
                .then().statusCode(200).body("organizer.name", equalTo("KGSt")).body("organizer.member", nullValue());
        admin().delete("/v1/members/" + member.get("id")).then().statusCode(204);
    }

    // --- text ------------------------------------------------------------------------------------

    @Test
    void roundTripsGermanTextByteExact() {
        String title = unique("FIT-Kongress 2025: „Females in IT – Future of IT“ – Größe, Öffnung, Übergang, Straße ẞ 🎙️");
        Map<String, Object> body = event(title);
        body.put("description", "Für Bürger:innen & Behörden — «Ä Ö Ü ä ö ü ß»");
        body.put("location", Map.of("city", "Düsseldorf", "venue", "Große Halle, Königsallee"));
        body.put("organizer", Map.of("name", "Vogel IT-Akademie für Öffentlichkeit"));
        Map<String, Object> created = createEvent(body);
        assertTrue(((String) created.get("slug")).startsWith("fit-kongress-2025-females-in-it-future-of-it-groesse-oeffnung-uebergang"),
                (String) created.get("slug"));
        byte[] raw = given().get(EVENTS + "/" + created.get("id")).then().statusCode(200)
                .contentType(ContentType.JSON).extract().asByteArray();
        String json = new String(raw, StandardCharsets.UTF_8);
        assertTrue(json.contains(title), json);
        assertTrue(json.contains("Für Bürger:innen & Behörden — «Ä Ö Ü ä ö ü ß»"), json);
        assertTrue(json.contains("\"Große Halle, Königsallee\""), json);
        assertTrue(json.contains("\"Vogel IT-Akademie für Öffentlichkeit\""), json);
        assertTrue(titles(Map.of("organizer", "Vogel IT-Akademie für Öffentlichkeit", "limit", 100)).contains(title));
    }

    @Test
    void listsAreEmptyWhenNothingMatches() {
        given().queryParam("organizer", unique("Niemand")).get(EVENTS).then().statusCode(200)
                .body("items", empty()).body("page.total", equalTo(0)).body("page.next", nullValue());
    }
}
