package dev.ticker.event;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticker.content.Markdown;
import dev.ticker.web.JsonLd;

/**
 * An event as a schema.org {@code Event} in JSON-LD, with what Google's event search asks for:
 * name, start and end with the UTC offset of the event's zone on each day (a date for all-day
 * events), attendance mode, status, location (a Place, a VirtualLocation or both), organizer,
 * description (plain text) and url. See docs/decisions.md ("JSON-LD").
 */
final class EventJsonLd {

    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private EventJsonLd() {
    }

    static Map<String, Object> of(Event e) {
        Map<String, Object> event = JsonLd.node("Event");
        event.put("name", e.title);
        String description = Markdown.toText(e.description);
        if (description != null && !description.isEmpty()) {
            event.put("description", description);
        }
        ZoneId zone = ZoneId.of(e.timeZone);
        LocalDate lastDay = e.endDate == null ? e.startDate : e.endDate;
        if (e.startTime == null) {
            event.put("startDate", e.startDate.toString());
            event.put("endDate", lastDay.toString()); // inclusive, as schema.org reads a date
        } else {
            event.put("startDate", withOffset(e.startDate.atTime(e.startTime), zone));
            if (e.endTime != null) {
                event.put("endDate", withOffset(lastDay.atTime(e.endTime), zone));
            } else if (e.endDate != null) {
                event.put("endDate", e.endDate.toString()); // the last day, its end time unknown
            }
        }
        event.put("eventAttendanceMode", JsonLd.CONTEXT + "/" + switch (e.format) {
            case IN_PERSON -> "OfflineEventAttendanceMode";
            case ONLINE -> "OnlineEventAttendanceMode";
            case HYBRID -> "MixedEventAttendanceMode";
        });
        // a cancelled or moved event is unpublished or changed: what is published takes place as it says
        event.put("eventStatus", JsonLd.CONTEXT + "/EventScheduled");
        List<Map<String, Object>> locations = new ArrayList<>();
        if (e.format != EventFormat.ONLINE && e.location != null) {
            locations.add(place(e.location));
        }
        if (e.format != EventFormat.IN_PERSON) {
            Map<String, Object> virtual = JsonLd.node("VirtualLocation");
            if (e.url != null) {
                virtual.put("url", e.url);
            } else {
                virtual.put("name", "Online");
            }
            locations.add(virtual);
        }
        if (!locations.isEmpty()) {
            event.put("location", locations.size() == 1 ? locations.get(0) : locations);
        }
        if (e.organizerName != null) {
            Map<String, Object> organizer = JsonLd.node("Organization");
            organizer.put("name", e.organizerName);
            if (e.organizerMember != null && e.organizerMember.website != null) {
                organizer.put("url", e.organizerMember.website);
            }
            event.put("organizer", organizer);
        }
        if (e.url != null) {
            event.put("url", e.url);
        }
        return event;
    }

    private static Map<String, Object> place(EventLocation location) {
        Map<String, Object> place = JsonLd.node("Place");
        place.put("name", location.venue() != null ? location.venue() : location.city());
        if (location.city() != null) {
            Map<String, Object> address = JsonLd.node("PostalAddress");
            address.put("addressLocality", location.city());
            place.put("address", address);
        } else {
            place.put("address", location.venue());
        }
        return place;
    }

    /** A wall-clock time in the zone, with the zone's UTC offset at that time: 2026-10-24T10:00:00+02:00. */
    static String withOffset(LocalDateTime local, ZoneId zone) {
        return local.atZone(zone).format(WITH_OFFSET);
    }
}
