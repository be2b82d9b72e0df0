package dev.ticker.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ticker.content.Rfc3339;
import dev.ticker.content.Status;
import dev.ticker.content.Validation;
import dev.ticker.content.WorkflowFields;

/** What a client writes to create or replace an event. Read-only properties are ignored. */
@Schema(name = "EventInput", description = "An event as written by a client (POST, PUT). Without times it is all-day; "
        + "`startTime` is the time on `startDate`, `endTime` the time on `endDate` (or on `startDate` for a one-day event).")
@JsonIgnoreProperties({ "id", "version", "createdAt", "updatedAt", "descriptionHtml", "allDay" })
@ValidEvent
public record EventRequest(
        @Schema(description = "URL-friendly unique name; made from the title when left out.", examples = "kgst-festival")
        @Size(max = 80) @Pattern(regexp = Validation.SLUG, message = Validation.SLUG_MESSAGE) String slug,
        @Schema(description = "Name of the event.", examples = "KGSt-Festival")
        @NotBlank @Size(max = 300) String title,
        @Schema(description = "What the event is about, in Markdown.",
                examples = "Das **KGSt-Festival** bringt Kommunalverwaltungen in Karlsruhe zusammen.")
        @Size(max = 100_000) String description,
        @Schema(description = "First day (YYYY-MM-DD).", examples = "2025-12-02")
        @NotNull LocalDate startDate,
        @Schema(description = "Last day, inclusive; left out for a one-day event.", examples = "2025-12-04")
        LocalDate endDate,
        @Schema(description = "Start on the first day (HH:mm, wall clock in `timeZone`); left out for an all-day event.",
                implementation = String.class, pattern = Rfc3339.WALL_CLOCK_TIME, examples = "14:00")
        @JsonFormat(pattern = "HH:mm") LocalTime startTime,
        @Schema(description = "End on the last day (HH:mm, wall clock in `timeZone`); needs `startTime`.",
                implementation = String.class, pattern = Rfc3339.WALL_CLOCK_TIME, examples = "17:00")
        @JsonFormat(pattern = "HH:mm") LocalTime endTime,
        @Schema(description = "IANA time zone of the dates and times; Europe/Berlin when left out.", examples = "Europe/Berlin")
        @Size(max = 64) String timeZone,
        @Schema(description = "Where it takes place.") @Valid EventLocation location,
        @Schema(description = "How people take part.", required = true) @NotNull EventFormat format,
        @Schema(description = "Who organises it.") @Valid EventOrganizer organizer,
        @Schema(description = "Web page of the event, absolute http(s) URL.", examples = "https://www.kgst.de")
        @Size(max = 2000) @Pattern(regexp = Validation.HTTP_URL, message = Validation.HTTP_URL_MESSAGE) String url,
        @Schema(description = "Workflow status: `draft` (the default for a new item), `scheduled` (needs `publishAt` in the "
                + "future), `published` or `archived`. Left out on PUT or PATCH: the status stays. The transitions: docs/workflow.md.",
                examples = "draft")
        Status status,
        @Schema(description = "When a scheduled item is to be published (RFC 3339), in the future; required with "
                + "`status: scheduled`, cleared with any other status.", examples = "2025-12-10T07:00:00Z")
        Instant publishAt,
        @Schema(description = "When it was published (RFC 3339). Publishing sets it unless it is given (back-dated imports); "
                + "left out, it stays as it is.", examples = "2025-11-12T08:00:00Z")
        Instant publishedAt) implements WorkflowFields {
}
