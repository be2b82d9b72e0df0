package dev.ticker.event;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.TimezoneAssignment;
import biweekly.io.TimezoneInfo;
import biweekly.io.text.ICalWriter;
import biweekly.property.DateEnd;
import biweekly.property.DateStart;
import biweekly.property.Organizer;
import biweekly.property.Transparency;
import biweekly.util.DateTimeComponents;
import biweekly.util.Duration;
import biweekly.util.ICalDate;
import dev.ticker.content.Markdown;

/**
 * Events as an iCalendar document (RFC 5545), written with biweekly. What each property carries
 * and why is in docs/decisions.md ("Calendars"); in short: a stable UID, SEQUENCE from the
 * version, DTSTAMP the last change (there is no METHOD, so the same events give the same bytes and
 * the same ETag), all-day events as dates with an exclusive DTEND, timed ones as wall-clock times
 * with the event's TZID and its VTIMEZONE, lines folded at 75 octets without splitting a character.
 */
final class EventCalendar {

    static final String MEDIA_TYPE = "text/calendar";
    static final String PRODUCT_ID = "-//Ticker//Ticker events//DE";
    /** The UID of an event is its id at this domain: unique, and stable however the event changes. */
    static final String UID_DOMAIN = "ticker";
    /** The format of an event (in_person, online, hybrid), for programs. */
    static final String FORMAT_PROPERTY = "X-TICKER-FORMAT";
    /** How often a subscribed calendar should be fetched again. */
    static final java.time.Duration REFRESH = java.time.Duration.ofHours(1);
    private static final int MAX_OCTETS = 75;

    private EventCalendar() {
    }

    /** A calendar to subscribe to: the events in the order given, with a hint how often to fetch it again. */
    static byte[] subscription(List<Event> events) {
        ICalendar calendar = calendar(events);
        calendar.setRefreshInterval(Duration.fromMillis(REFRESH.toMillis()));
        calendar.setExperimentalProperty("X-PUBLISHED-TTL", "PT" + REFRESH.toHours() + "H");
        return write(calendar);
    }

    /** A calendar of one event, to import it. */
    static byte[] single(Event event) {
        return write(calendar(List.of(event)));
    }

    private static ICalendar calendar(List<Event> events) {
        ICalendar calendar = new ICalendar();
        calendar.setProductId(PRODUCT_ID);
        // one VTIMEZONE per zone that a timed event uses, in the order of their ids, ahead of the events;
        // it describes the zone from the year before its earliest event on
        Map<String, Integer> since = new TreeMap<>();
        for (Event event : events) {
            if (event.startTime != null) {
                since.merge(event.timeZone, event.startDate.getYear() - 1, Math::min);
            }
        }
        Map<String, TimezoneAssignment> zones = new TreeMap<>();
        since.forEach((id, year) -> zones.put(id, VTimezones.assignment(ZoneId.of(id), year)));
        zones.values().forEach(zone -> calendar.addComponent(zone.getComponent()));
        for (Event event : events) {
            calendar.addEvent(vevent(event, calendar.getTimezoneInfo(), zones.get(event.timeZone)));
        }
        return calendar;
    }

    private static VEvent vevent(Event e, TimezoneInfo timezones, TimezoneAssignment zone) {
        VEvent vevent = new VEvent();
        vevent.setUid(e.id + "@" + UID_DOMAIN);
        // without a METHOD, DTSTAMP is when the event last changed (RFC 5545, 3.8.7.2)
        vevent.setDateTimeStamp(date(e.updatedAt));
        vevent.setCreated(date(e.createdAt));
        vevent.setLastModified(date(e.updatedAt));
        vevent.setSequence(e.version - 1); // 0 when created, one more with every change
        vevent.setSummary(e.title);
        String description = Markdown.toText(e.description);
        if (description != null && !description.isEmpty()) {
            vevent.setDescription(description);
        }
        LocalDate lastDay = e.endDate == null ? e.startDate : e.endDate;
        if (e.startTime == null) {
            vevent.setDateStart(new DateStart(day(e.startDate)));
            vevent.setDateEnd(new DateEnd(day(lastDay.plusDays(1)))); // DTEND of a date is exclusive
        } else {
            DateStart start = new DateStart(wallClock(e.startDate.atTime(e.startTime), e.timeZone), true);
            vevent.setDateStart(start);
            timezones.setTimezone(start, zone);
            LocalDateTime end = e.endTime != null ? lastDay.atTime(e.endTime)
                    // no end time: until the end of the last day, or (one day) no DTEND: it ends as it starts
                    : e.endDate != null ? lastDay.plusDays(1).atTime(LocalTime.MIDNIGHT) : null;
            if (end != null) {
                DateEnd dateEnd = new DateEnd(wallClock(end, e.timeZone), true);
                vevent.setDateEnd(dateEnd);
                timezones.setTimezone(dateEnd, zone);
            }
        }
        String location = location(e);
        if (location != null) {
            vevent.setLocation(location);
        }
        if (e.url != null) {
            vevent.setUrl(e.url);
        }
        Organizer organizer = organizer(e);
        if (organizer != null) {
            vevent.setOrganizer(organizer);
        }
        vevent.setExperimentalProperty(FORMAT_PROPERTY, e.format.value());
        // a calendar of events to know about, not appointments: they do not make anyone busy
        vevent.setTransparency(Transparency.transparent());
        return vevent;
    }

    /** "venue, city"; "Online" for an online event; "venue, city und online" for a hybrid one. */
    static String location(Event e) {
        List<String> parts = new ArrayList<>();
        if (e.location != null && e.format != EventFormat.ONLINE) {
            if (e.location.venue() != null) {
                parts.add(e.location.venue());
            }
            if (e.location.city() != null) {
                parts.add(e.location.city());
            }
        }
        String place = parts.isEmpty() ? null : String.join(", ", parts);
        return switch (e.format) {
            case IN_PERSON -> place;
            case ONLINE -> "Online";
            case HYBRID -> place == null ? "Online" : place + " und online";
        };
    }

    /**
     * ORGANIZER, with the organiser's name as CN. Its value must be an address (a URI): the
     * member's web site, else the event's page; an organiser with neither has no ORGANIZER.
     */
    private static Organizer organizer(Event e) {
        if (e.organizerName == null) {
            return null;
        }
        String address = e.organizerMember != null && e.organizerMember.website != null ? e.organizerMember.website : e.url;
        if (address == null) {
            return null;
        }
        Organizer organizer = new Organizer(e.organizerName, null);
        organizer.setUri(address);
        return organizer;
    }

    /** A calendar date, written as it is (VALUE=DATE), whatever the JVM's default zone. */
    private static ICalDate day(LocalDate date) {
        return new ICalDate(new DateTimeComponents(date.getYear(), date.getMonthValue(), date.getDayOfMonth()), false);
    }

    /** The moment a wall-clock time in the zone stands for; biweekly writes it back as that wall-clock time with the TZID. */
    private static Date wallClock(LocalDateTime local, String zone) {
        return Date.from(local.atZone(ZoneId.of(zone)).toInstant());
    }

    private static Date date(Instant instant) {
        return Date.from(instant);
    }

    private static byte[] write(ICalendar calendar) {
        StringWriter text = new StringWriter();
        try (ICalWriter writer = new ICalWriter(text, ICalVersion.V2_0)) {
            // biweekly folds at 75 characters; RFC 5545 means 75 octets, so we fold ourselves
            writer.getVObjectWriter().getFoldedLineWriter().setLineLength(null);
            writer.write(calendar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fold(text.toString());
    }

    /**
     * Folds each content line to at most 75 octets of UTF-8 (RFC 5545, 3.1): a longer line is
     * broken before a character, never inside one (nor inside a surrogate pair), nor after a
     * backslash, and each continuation starts with a space. Lines end with CRLF.
     */
    static byte[] fold(String unfolded) {
        StringBuilder out = new StringBuilder(unfolded.length() + unfolded.length() / 50);
        for (String line : unfolded.split("\r\n")) {
            int octets = 0;
            int i = 0;
            while (i < line.length()) {
                int codePoint = line.codePointAt(i);
                int chars = Character.charCount(codePoint);
                int size = utf8Length(codePoint);
                // keep an escape ("\n", "\,") on one line: some readers unfold badly
                if (codePoint == '\\' && i + 1 < line.length()) {
                    size += 1;
                    chars += 1;
                }
                if (octets + size > MAX_OCTETS) {
                    out.append("\r\n ");
                    octets = 1;
                }
                out.append(line, i, i + chars);
                octets += size;
                i += chars;
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static int utf8Length(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }
}
