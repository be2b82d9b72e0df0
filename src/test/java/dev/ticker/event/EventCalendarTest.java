package dev.ticker.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.Observance;
import biweekly.component.VEvent;
import biweekly.component.VTimezone;
import biweekly.util.DateTimeComponents;
import biweekly.util.UtcOffset;
import biweekly.util.com.google.ical.compat.javautil.DateIterator;

import dev.ticker.content.Markdown;

/**
 * The iCalendar writing without a server: folding by octets, and the VTIMEZONE made from the
 * JDK's rules changing offsets when the JDK does, in every zone.
 */
class EventCalendarTest {

    static Event event(String title, String description) {
        Event e = new Event();
        e.id = UUID.randomUUID();
        e.slug = "termin";
        e.title = title;
        e.description = description;
        e.startDate = LocalDate.of(2026, 10, 24);
        e.endDate = LocalDate.of(2026, 10, 26);
        e.startTime = LocalTime.of(10, 0);
        e.endTime = LocalTime.of(16, 0);
        e.timeZone = "Europe/Berlin";
        e.format = EventFormat.HYBRID;
        e.location = new EventLocation("Köln", "Gürzenich, Großer Saal");
        e.organizerName = "Städte- und Gemeindebund";
        e.url = "https://www.example.org/tagung";
        e.createdAt = Instant.parse("2026-01-02T03:04:05Z");
        e.updatedAt = Instant.parse("2026-02-03T04:05:06Z");
        e.version = 3;
        return e;
    }

    /** Every physical line: at most 75 octets, well-formed UTF-8 on its own, ended by CRLF. */
    static void assertFoldedByOctets(byte[] ics) {
        int start = 0;
        int lines = 0;
        for (int i = 0; i < ics.length; i++) {
            if (ics[i] == '\n') {
                assertTrue(i > 0 && ics[i - 1] == '\r', "LF without CR at octet " + i);
                byte[] line = Arrays.copyOfRange(ics, start, i - 1);
                assertTrue(line.length <= 75, "a line of " + line.length + " octets: " + new String(line, StandardCharsets.UTF_8));
                try {
                    // strict: a multi-octet character split over two lines fails here
                    StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line));
                } catch (CharacterCodingException e) {
                    throw new AssertionError("line " + lines + " splits a character: " + Arrays.toString(line), e);
                }
                start = i + 1;
                lines++;
            } else if (ics[i] == '\r') {
                assertTrue(i + 1 < ics.length && ics[i + 1] == '\n', "CR without LF at octet " + i);
            }
        }
        assertEquals(ics.length, start, "the last line ends with CRLF");
    }

    @Test
    void foldsLongGermanTextAtSeventyFiveOctetsWithoutSplittingACharacter() {
        String title = "Überregionale Fachtagung „Öffentliche Verwaltung im Wandel“: Digitalisierung, Künstliche "
                + "Intelligenz und Barrierefreiheit – größer, schöner, grüner – mit Übergängen für Äpfel und Öl ✓ 😀";
        String description = "Ää".repeat(60) + "\n\nZweiter Absatz mit Straße, Größe, Maß und 🎉🎉🎉 " + "ß".repeat(80);
        Event e = event(title, description);
        byte[] ics = EventCalendar.single(e);
        assertFoldedByOctets(ics);
        String text = new String(ics, StandardCharsets.UTF_8);
        assertTrue(text.contains("\r\n "), "long lines are folded");
        VEvent parsed = Biweekly.parse(text).first().getEvents().get(0);
        assertEquals(title, parsed.getSummary().getValue());
        assertEquals(Markdown.toText(description), parsed.getDescription().getValue());
    }

    @Test
    void foldsEveryLengthOfMultiOctetCharacters() {
        // every offset at which a two-, three- or four-octet character can meet the 75th octet
        for (String character : List.of("ä", "€", "😀")) {
            for (int ascii = 0; ascii < 8; ascii++) {
                String title = "x".repeat(ascii) + character.repeat(60);
                byte[] ics = EventCalendar.single(event(title, null));
                assertFoldedByOctets(ics);
                assertEquals(title, Biweekly.parse(new String(ics, StandardCharsets.UTF_8)).first().getEvents().get(0)
                        .getSummary().getValue());
            }
        }
    }

    /**
     * Each VTIMEZONE, read as RFC 5545 says (every onset of every observance: DTSTART and its RRULE,
     * a local time in TZOFFSETFROM), changes to the same offsets at the same instants as the JDK's
     * rules, in every zone the JDK knows, from 2027 to 2031.
     */
    @Test
    void theVtimezoneChangesOffsetsWhenTheJdkDoesInEveryZone() {
        Instant from = Instant.parse("2027-01-01T00:00:00Z");
        Instant to = Instant.parse("2032-01-01T00:00:00Z");
        List<String> wrong = new ArrayList<>();
        for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
            ZoneId zone = ZoneId.of(id);
            Set<String> expected = new TreeSet<>();
            for (ZoneOffsetTransition t = zone.getRules().nextTransition(from); t != null && t.getInstant().isBefore(to);
                    t = zone.getRules().nextTransition(t.getInstant())) {
                expected.add(t.getInstant() + " " + t.getOffsetAfter());
            }
            VTimezone written = VTimezones.of(zone, 2026);
            // every onset: its instant and the offset from then on
            Map<Instant, ZoneOffset> onsets = new TreeMap<>();
            List<Observance> observances = new ArrayList<>(written.getStandardTimes());
            observances.addAll(written.getDaylightSavingsTime());
            for (Observance observance : observances) {
                ZoneOffset before = offset(observance.getTimezoneOffsetFrom().getValue());
                ZoneOffset after = offset(observance.getTimezoneOffsetTo().getValue());
                LocalDateTime first = local(observance.getDateStart().getValue().getRawComponents());
                List<LocalDateTime> locals = new ArrayList<>(List.of(first));
                observance.getRecurrenceDates().forEach(dates -> dates.getDates().forEach(d -> locals.add(local(d.getRawComponents()))));
                if (observance.getRecurrenceRule() != null) {
                    DateIterator it = observance.getRecurrenceRule().getValue()
                            .getDateIterator(Date.from(first.toInstant(ZoneOffset.UTC)), TimeZone.getTimeZone("UTC"));
                    while (it.hasNext()) {
                        LocalDateTime local = LocalDateTime.ofInstant(it.next().toInstant(), ZoneOffset.UTC);
                        if (local.getYear() >= 2032) {
                            break;
                        }
                        locals.add(local);
                    }
                }
                locals.forEach(local -> onsets.put(local.toInstant(before), after));
            }
            Set<String> changes = new TreeSet<>();
            onsets.forEach((onset, after) -> {
                if (!onset.isBefore(from) && onset.isBefore(to)) {
                    changes.add(onset + " " + after);
                }
            });
            Map.Entry<Instant, ZoneOffset> inForce = ((TreeMap<Instant, ZoneOffset>) onsets).floorEntry(from);
            if (!changes.equals(expected)) {
                wrong.add(id + ": " + changes + ", the JDK says " + expected);
            } else if (inForce == null || !inForce.getValue().equals(zone.getRules().getOffset(from))) {
                wrong.add(id + " on " + from + ": " + (inForce == null ? "no observance" : inForce.getValue()) + ", the JDK says "
                        + zone.getRules().getOffset(from));
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " zones:\n" + String.join("\n", wrong));
    }

    private static LocalDateTime local(DateTimeComponents c) {
        return LocalDateTime.of(c.getYear(), c.getMonth(), c.getDate(), c.getHour(), c.getMinute(), c.getSecond());
    }

    private static ZoneOffset offset(UtcOffset offset) {
        return ZoneOffset.ofTotalSeconds((int) (offset.getMillis() / 1000));
    }

    @Test
    void aCalendarWithEventsInTwoZonesHasTheVtimezoneOfEach() {
        Event berlin = event("Berlin", null);
        Event newYork = event("New York", null);
        newYork.timeZone = "America/New_York";
        Event allDay = event("Ganztägig", null);
        allDay.timeZone = "Asia/Tokyo";
        allDay.startTime = null;
        allDay.endTime = null;
        ICalendar calendar = Biweekly.parse(new String(EventCalendar.subscription(List.of(berlin, newYork, allDay)),
                StandardCharsets.UTF_8)).first();
        assertEquals(List.of("America/New_York", "Europe/Berlin"),
                calendar.getTimezoneInfo().getComponents().stream().map(z -> z.getTimezoneId().getValue()).sorted().toList());
    }
}
