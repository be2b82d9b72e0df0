package dev.ticker.event;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createEvent;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.editor;
import static dev.ticker.Fixtures.event;
import static dev.ticker.Fixtures.member;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.util.DateTimeComponents;
import biweekly.util.ICalDate;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The iCalendar outputs over HTTP: what they hold, what they leave out, how they change, how they are served. */
@QuarkusTest
class EventCalendarResourceTest {

    private static final String CALENDAR = "/v1/events/calendar.ics";
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    // --- helpers ---------------------------------------------------------------------------------

    private static ICalendar calendar(RequestSpecification request, Map<String, ?> query) {
        byte[] ics = request.queryParams(query).get(CALENDAR).then().statusCode(200)
                .contentType(startsWith("text/calendar")).extract().asByteArray();
        EventCalendarTest.assertFoldedByOctets(ics);
        return Biweekly.parse(new String(ics, StandardCharsets.UTF_8)).first();
    }

    private static ICalendar calendar(Map<String, ?> query) {
        return calendar(given(), query);
    }

    private static ICalendar single(String idOrSlug) {
        byte[] ics = given().get("/v1/events/" + idOrSlug + "/calendar.ics").then().statusCode(200)
                .contentType(startsWith("text/calendar")).extract().asByteArray();
        EventCalendarTest.assertFoldedByOctets(ics);
        return Biweekly.parse(new String(ics, StandardCharsets.UTF_8)).first();
    }

    private static VEvent byId(ICalendar calendar, Object id) {
        return calendar.getEvents().stream().filter(e -> e.getUid().getValue().equals(id + "@ticker")).findFirst().orElse(null);
    }

    private static Set<String> uids(ICalendar calendar) {
        return calendar.getEvents().stream().map(e -> e.getUid().getValue()).collect(Collectors.toSet());
    }

    private static Map<String, Object> dated(String title, String start, String end) {
        Map<String, Object> body = event(title);
        body.put("startDate", start);
        if (end != null) {
            body.put("endDate", end);
        }
        return body;
    }

    private static LocalWallClock wallClock(ICalDate date) {
        DateTimeComponents c = date.getRawComponents();
        return new LocalWallClock(c.getYear(), c.getMonth(), c.getDate(), c.hasTime() ? c.getHour() : -1, c.hasTime() ? c.getMinute() : -1);
    }

    private record LocalWallClock(int year, int month, int day, int hour, int minute) {
    }

    private static Response patch(Object id, Map<String, Object> patch) {
        return admin().contentType(MERGE_PATCH).body(patch).patch("/v1/events/" + id);
    }

    // --- what a VEVENT holds ---------------------------------------------------------------------

    @Test
    void anEventKeepsItsUidAndItsSequenceRisesWithEveryChange() {
        Map<String, Object> created = createEvent(dated(unique("Fachtag"), "2031-05-06", null));
        Map<String, String> window = Map.of("from", "2031-05-06", "to", "2031-05-06");
        VEvent first = byId(calendar(window), created.get("id"));
        assertNotNull(first, "the published event is in the calendar");
        assertEquals(0, first.getSequence().getValue());
        assertEquals(Instant.parse((String) created.get("updatedAt")), first.getDateTimeStamp().getValue().toInstant());
        assertEquals(first.getUid().getValue(), byId(calendar(window), created.get("id")).getUid().getValue(), "the same on every fetch");

        String title = unique("Fachtag, neuer Titel");
        Map<String, Object> changed = patch(created.get("id"), Map.of("title", title)).then().statusCode(200).extract().jsonPath().getMap("$");
        VEvent second = byId(calendar(window), created.get("id"));
        assertEquals(first.getUid().getValue(), second.getUid().getValue(), "the UID survives the change");
        assertEquals(1, second.getSequence().getValue(), "SEQUENCE rises with the change");
        assertEquals(title, second.getSummary().getValue());
        assertEquals(Instant.parse((String) changed.get("updatedAt")), second.getLastModified().getValue().toInstant());

        patch(created.get("id"), Map.of("description", "Mit Programm.")).then().statusCode(200);
        VEvent third = byId(single((String) created.get("slug")), created.get("id"));
        assertEquals(2, third.getSequence().getValue(), "and with every further one, in the event's own calendar too");
        assertEquals("Mit Programm.", third.getDescription().getValue());
    }

    @Test
    void allDayEventsAreDatesWithAnExclusiveEnd() {
        Map<String, Object> threeDays = createEvent(dated(unique("Kongress"), "2031-03-02", "2031-03-04"));
        Map<String, Object> oneDay = createEvent(dated(unique("Tag"), "2031-03-31", null));
        ICalendar calendar = calendar(Map.of("from", "2031-03-01", "to", "2031-03-31"));
        VEvent kongress = byId(calendar, threeDays.get("id"));
        assertFalse(kongress.getDateStart().getValue().hasTime(), "VALUE=DATE");
        assertEquals(new LocalWallClock(2031, 3, 2, -1, -1), wallClock(kongress.getDateStart().getValue()));
        assertEquals(new LocalWallClock(2031, 3, 5, -1, -1), wallClock(kongress.getDateEnd().getValue()),
                "DTEND is the day after the last day");
        VEvent tag = byId(calendar, oneDay.get("id"));
        assertEquals(new LocalWallClock(2031, 4, 1, -1, -1), wallClock(tag.getDateEnd().getValue()), "across the month's end");
    }

    @Test
    void anEventAcrossTheDaylightSavingChangeKeepsItsWallClockTimesAtBothEnds() {
        Map<String, Object> body = dated(unique("Herbsttagung"), "2026-10-24", "2026-10-26");
        body.put("startTime", "10:00");
        body.put("endTime", "16:00");
        Map<String, Object> created = createEvent(body);
        ICalendar calendar = single((String) created.get("id"));
        VEvent event = byId(calendar, created.get("id"));
        assertEquals("Europe/Berlin", calendar.getTimezoneInfo().getTimezone(event.getDateStart()).getComponent().getTimezoneId().getValue());
        assertEquals("Europe/Berlin", calendar.getTimezoneInfo().getTimezone(event.getDateEnd()).getComponent().getTimezoneId().getValue());
        assertEquals(new LocalWallClock(2026, 10, 24, 10, 0), wallClock(event.getDateStart().getValue()));
        assertEquals(new LocalWallClock(2026, 10, 26, 16, 0), wallClock(event.getDateEnd().getValue()));
        // read with the VTIMEZONE sent along, the moments carry the summer and the winter offset
        assertEquals(ZonedDateTime.of(2026, 10, 24, 10, 0, 0, 0, BERLIN).toInstant(), event.getDateStart().getValue().toInstant());
        assertEquals(Instant.parse("2026-10-24T08:00:00Z"), event.getDateStart().getValue().toInstant());
        assertEquals(Instant.parse("2026-10-26T15:00:00Z"), event.getDateEnd().getValue().toInstant());
    }

    @Test
    void placeOrganiserAndFormatAreCarried() {
        Map<String, Object> m = member(unique("Kommunales Rechenzentrum"));
        m.put("website", "https://www.krz.example");
        Map<String, Object> organiser = createMember(m);
        Map<String, Object> hybrid = dated(unique("Hybride Tagung"), "2031-06-10", null);
        hybrid.put("format", "hybrid");
        hybrid.put("location", Map.of("city", "Lemgo", "venue", "Stadthalle"));
        hybrid.put("organizer", Map.of("name", "krz", "member", Map.of("id", organiser.get("id"))));
        Map<String, Object> online = dated(unique("Webinar"), "2031-06-11", null);
        online.put("format", "online");
        online.put("location", null);
        online.put("url", "https://www.example.org/webinar");
        Map<String, Object> createdHybrid = createEvent(hybrid);
        VEvent h = byId(single((String) createdHybrid.get("id")), createdHybrid.get("id"));
        assertEquals("Stadthalle, Lemgo und online", h.getLocation().getValue());
        assertEquals("krz", h.getOrganizer().getCommonName());
        assertEquals("https://www.krz.example", h.getOrganizer().getUri());
        assertEquals("hybrid", h.getExperimentalProperty("X-TICKER-FORMAT").getValue());
        Map<String, Object> created = createEvent(online);
        VEvent o = byId(single((String) created.get("id")), created.get("id"));
        assertEquals("Online", o.getLocation().getValue());
        assertEquals("online", o.getExperimentalProperty("X-TICKER-FORMAT").getValue());
        assertEquals("https://www.example.org/webinar", o.getUrl().getValue());
        assertEquals("https://www.example.org/webinar", o.getOrganizer().getUri(), "an organiser without a member: the event's page");
    }

    @Test
    void longGermanTextIsFoldedAtSeventyFiveOctetsWithoutSplittingACharacter() {
        String title = unique("Überörtliche Fachtagung „Größere Schöpfungen für Ämter und Bürgerbüros“ – Äußerst "
                + "gründliche Übersicht über Öl, Maß und Straßenverkehrsämter 🚗");
        Map<String, Object> body = dated(title, "2031-07-01", null);
        body.put("description", "Für Bürgermeisterinnen, Ämter und Behörden: " + "Ä Ö Ü ä ö ü ß ".repeat(30) + "€ – „Ende“.");
        Map<String, Object> created = createEvent(body);
        // single() and calendar() check every line: at most 75 octets, CRLF, no character split
        VEvent event = byId(single((String) created.get("id")), created.get("id"));
        assertEquals(title, event.getSummary().getValue());
        assertEquals(body.get("description"), event.getDescription().getValue());
        assertEquals(title, byId(calendar(Map.of("from", "2031-07-01", "to", "2031-07-01")), created.get("id")).getSummary().getValue());
    }

    @Test
    void markupInATitleIsText() {
        String title = unique("<script>alert(1)</script> & <b>fett</b>");
        Map<String, Object> created = createEvent(dated(title, "2031-07-02", null));
        assertEquals(title, byId(single((String) created.get("id")), created.get("id")).getSummary().getValue());
    }

    // --- only what is published -------------------------------------------------------------------

    @Test
    void draftsNeverAppearNotEvenWithAToken() {
        Map<String, Object> body = dated(unique("Entwurf"), "2031-08-01", null);
        body.remove("status");
        Map<String, Object> draft = createEvent(body);
        Map<String, String> window = Map.of("from", "2031-08-01", "to", "2031-08-01");
        assertNull(byId(calendar(window), draft.get("id")));
        assertNull(byId(calendar(editor(), window), draft.get("id")), "a token changes nothing: calendars are shared");
        given().get("/v1/events/" + draft.get("id") + "/calendar.ics").then().statusCode(404)
                .contentType("application/problem+json");
        editor().get("/v1/events/" + draft.get("id") + "/calendar.ics").then().statusCode(404);
    }

    @Test
    void anEventUnpublishedOrDeletedIsGoneFromTheNextFetch() {
        Map<String, Object> unpublished = createEvent(dated(unique("Zurückgezogen"), "2031-08-05", null));
        Map<String, Object> deleted = createEvent(dated(unique("Abgesagt"), "2031-08-05", null));
        Map<String, String> window = Map.of("from", "2031-08-05", "to", "2031-08-05");
        assertTrue(uids(calendar(window)).containsAll(Set.of(unpublished.get("id") + "@ticker", deleted.get("id") + "@ticker")));
        patch(unpublished.get("id"), Map.of("status", "draft")).then().statusCode(200);
        admin().delete("/v1/events/" + deleted.get("id")).then().statusCode(204);
        ICalendar after = calendar(window);
        assertNull(byId(after, unpublished.get("id")));
        assertNull(byId(after, deleted.get("id")));
        given().get("/v1/events/" + unpublished.get("id") + "/calendar.ics").then().statusCode(404);
    }

    // --- filters ---------------------------------------------------------------------------------

    @Test
    void fromToAndFormatSelectEventsAsTheListDoes() {
        Map<String, Object> before = createEvent(dated(unique("Davor"), "2032-02-27", "2032-02-28"));
        Map<String, Object> overlapping = createEvent(dated(unique("Über den Monatswechsel"), "2032-02-28", "2032-03-02"));
        Map<String, Object> online = dated(unique("Online im März"), "2032-03-10", null);
        online.put("format", "online");
        online = createEvent(online);
        Map<String, Object> after = createEvent(dated(unique("Danach"), "2032-04-01", null));
        Set<String> ours = Set.of(before, overlapping, online, after).stream().map(e -> e.get("id") + "@ticker").collect(Collectors.toSet());

        Set<String> march = uids(calendar(Map.of("from", "2032-03-01", "to", "2032-03-31")));
        march.retainAll(ours);
        assertEquals(Set.of(overlapping.get("id") + "@ticker", online.get("id") + "@ticker"), march);
        Set<String> onlineInMarch = uids(calendar(Map.of("from", "2032-03-01", "to", "2032-03-31", "format", "online")));
        onlineInMarch.retainAll(ours);
        assertEquals(Set.of(online.get("id") + "@ticker"), onlineInMarch);
        Set<String> fromApril = uids(calendar(Map.of("from", "2032-04-01")));
        fromApril.retainAll(ours);
        assertEquals(Set.of(after.get("id") + "@ticker"), fromApril);
    }

    @Test
    void withoutFromAndToTheCalendarStartsAYearAgo() {
        java.time.LocalDate today = java.time.LocalDate.now(BERLIN);
        Map<String, Object> old = createEvent(dated(unique("Vor langer Zeit"), today.minusDays(400).toString(), null));
        Map<String, Object> recent = createEvent(dated(unique("Vor Kurzem"), today.minusDays(30).toString(), null));
        Map<String, Object> coming = createEvent(dated(unique("Demnächst"), today.plusYears(3).toString(), null));
        ICalendar calendar = calendar(Map.of());
        assertNull(byId(calendar, old.get("id")), "more than " + EventOutputService.DAYS_BACK + " days ago");
        assertNotNull(byId(calendar, recent.get("id")));
        assertNotNull(byId(calendar, coming.get("id")));
        assertNotNull(byId(calendar(Map.of("from", today.minusDays(400).toString())), old.get("id")), "from= reaches back");
        assertNotNull(calendar.getRefreshInterval(), "subscribers are told to fetch again");
    }

    @Test
    void otherParametersAndBadValuesAre400() {
        for (Map<String, String> bad : List.of(Map.of("limit", "5"), Map.of("status", "draft"), Map.of("format", "webinar"),
                Map.of("from", "2031-13-01"), Map.of("from", "2031-05-02", "to", "2031-05-01"))) {
            given().queryParams(bad).get(CALENDAR).then().statusCode(400).contentType("application/problem+json");
        }
        given().queryParam("sort", "title").get(CALENDAR).then().statusCode(400)
                .body("detail", equalTo("Unknown query parameter 'sort'. Allowed: format, from, to."));
        given().queryParam("from", "2031-01-01").queryParam("from", "2031-02-01").get(CALENDAR).then().statusCode(400);
        given().queryParam("fields", "title").get("/v1/events/kgst-festival/calendar.ics").then().statusCode(400);
        given().get("/v1/events/no-such-event/calendar.ics").then().statusCode(404);
    }

    // --- HTTP --------------------------------------------------------------------------------------

    @Test
    void calendarsAreServedWithValidatorsAndNotTakenForAnEventSlug() {
        Response first = given().get(CALENDAR);
        first.then().statusCode(200).contentType(equalTo("text/calendar;charset=utf-8"))
                .header("Cache-Control", "public, max-age=60")
                .header("Vary", equalTo("Accept, Accept-Encoding, Authorization"));
        String etag = first.header("ETag");
        assertNotNull(etag);
        given().header("If-None-Match", etag).get(CALENDAR).then().statusCode(304);
        editor().get(CALENDAR).then().statusCode(200).header("Cache-Control", "private, no-cache");

        Response one = given().get("/v1/events/kgst-festival/calendar.ics");
        one.then().statusCode(200).contentType(equalTo("text/calendar;charset=utf-8"));
        given().header("If-None-Match", one.header("ETag")).get("/v1/events/kgst-festival/calendar.ics").then().statusCode(304);
        given().accept(ContentType.JSON).get("/v1/events/kgst-festival").then().statusCode(200).body("slug", equalTo("kgst-festival"));
    }

    @Test
    void theDemoCalendarHoldsIssueTwentysEventsAsTheNewsletterPrintsThem() {
        ICalendar calendar = calendar(Map.of("from", "2025-11-25", "to", "2026-03-26"));
        Map<String, VEvent> bySummary = new HashMap<>();
        calendar.getEvents().forEach(e -> bySummary.put(e.getSummary().getValue(), e));
        VEvent festival = bySummary.get("KGSt-Festival");
        assertEquals(new LocalWallClock(2025, 12, 2, -1, -1), wallClock(festival.getDateStart().getValue()));
        assertEquals(new LocalWallClock(2025, 12, 5, -1, -1), wallClock(festival.getDateEnd().getValue()));
        assertEquals("Karlsruhe", festival.getLocation().getValue());
        VEvent thementag = bySummary.get("Thementag Registermodernisierung – Follow Up");
        assertEquals(new LocalWallClock(2025, 11, 25, 14, 0), wallClock(thementag.getDateStart().getValue()));
        assertEquals(new LocalWallClock(2025, 11, 25, 17, 0), wallClock(thementag.getDateEnd().getValue()));
        assertEquals("Online", thementag.getLocation().getValue());
        assertTrue(bySummary.keySet().containsAll(List.of("KRITIS-Konferenz protekt", "CyberSicherheitsForum 2025", "KommDIGITALE")));
    }
}
