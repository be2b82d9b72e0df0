package dev.ticker.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;

import dev.ticker.content.Rfc3339;
import dev.ticker.content.Status;
import dev.ticker.member.MemberSummary;

/** An event as clients read it. */
@Schema(name = "Event", description = "An event of the IT calendar. Dates and times are wall-clock values in `timeZone`.")
public record EventResponse(
        @Schema(description = "Stable identifier.", examples = "3c5e9b1a-7f2d-4e8c-a1b0-6d4f2e9c8a71") UUID id,
        @Schema(description = "URL-friendly unique name.", examples = "kgst-festival") String slug,
        @Schema(description = "Name of the event.", examples = "KGSt-Festival") String title,
        @Schema(description = "What the event is about, in Markdown.",
                examples = "Das **KGSt-Festival** bringt Kommunalverwaltungen in Karlsruhe zusammen.", nullable = true) String description,
        @Schema(description = "The description rendered to sanitised HTML.",
                examples = "<p>Das <strong>KGSt-Festival</strong> bringt Kommunalverwaltungen in Karlsruhe zusammen.</p>", nullable = true)
        String descriptionHtml,
        @Schema(description = "First day (YYYY-MM-DD).", examples = "2025-12-02") LocalDate startDate,
        @Schema(description = "Last day, inclusive; null for a one-day event.", examples = "2025-12-04", nullable = true) LocalDate endDate,
        @Schema(description = "Start on the first day (HH:mm, wall clock in `timeZone`); null for an all-day event.",
                implementation = String.class, pattern = Rfc3339.WALL_CLOCK_TIME, examples = "14:00", nullable = true)
        @JsonFormat(pattern = "HH:mm") LocalTime startTime,
        @Schema(description = "End on the last day (HH:mm, wall clock in `timeZone`).",
                implementation = String.class, pattern = Rfc3339.WALL_CLOCK_TIME, examples = "17:00", nullable = true)
        @JsonFormat(pattern = "HH:mm") LocalTime endTime,
        @Schema(description = "IANA time zone of the dates and times.", examples = "Europe/Berlin") String timeZone,
        @Schema(description = "True when the event has no times (it lasts whole days).", examples = "true") boolean allDay,
        @Schema(description = "Where it takes place.", nullable = true) EventLocation location,
        @Schema(description = "How people take part.") EventFormat format,
        @Schema(description = "Who organises it.", nullable = true) EventOrganizer organizer,
        @Schema(description = "Web page of the event.", examples = "https://www.kgst.de", nullable = true) String url,
        @Schema(description = "Workflow status; readers without a token only ever see `published` content.", examples = "published")
        Status status,
        @Schema(description = "When a scheduled item will be published (RFC 3339, UTC); null unless scheduled.",
                examples = "2025-12-10T07:00:00Z", nullable = true) Instant publishAt,
        @Schema(description = "When it was published (RFC 3339, UTC); null until it is.", examples = "2025-11-12T08:00:00Z",
                nullable = true) Instant publishedAt,
        @Schema(description = "When it was created (RFC 3339, UTC).", examples = "2025-11-12T08:00:00Z") Instant createdAt,
        @Schema(description = "When it last changed (RFC 3339, UTC).", examples = "2025-11-12T08:00:00Z") Instant updatedAt,
        @Schema(description = "Rises by one with every change; use the ETag for If-Match.", examples = "1") int version) {

    static EventResponse of(Event e) {
        return new EventResponse(e.id, e.slug, e.title, e.description, e.descriptionHtml, e.startDate, e.endDate,
                e.startTime, e.endTime, e.timeZone, e.startTime == null, e.location, e.format, organizerOf(e), e.url,
                e.status, e.publishAt, e.publishedAt, e.createdAt, e.updatedAt, e.version);
    }

    static EventOrganizer organizerOf(Event e) {
        if (e.organizerName == null) {
            return null;
        }
        return new EventOrganizer(e.organizerName, e.organizerMember == null ? null : MemberSummary.ref(e.organizerMember));
    }
}
