package dev.ticker.event;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An event where another resource embeds it (an issue's calendar). On writes only {@code id} is read. */
@Schema(name = "EventRef", description = "An event embedded in another resource. Writes read only `id`; responses carry the summary.")
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventSummary(
        @Schema(description = "The event's id.", required = true, examples = "3b1f8c2a-6d4e-4f0a-8b7c-1e2d3f4a5b6c") @NotNull UUID id,
        @Schema(description = "URL-friendly unique name.", readOnly = true, examples = "kgst-festival") String slug,
        @Schema(description = "Title.", readOnly = true, examples = "KGSt-Festival") String title,
        @Schema(description = "First day.", readOnly = true, examples = "2025-12-02") LocalDate startDate,
        @Schema(description = "Last day, inclusive.", readOnly = true, examples = "2025-12-04") LocalDate endDate,
        @Schema(implementation = String.class, pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", description = "Start time (HH:mm).",
                readOnly = true, examples = "14:00") @JsonFormat(pattern = "HH:mm") LocalTime startTime,
        @Schema(implementation = String.class, pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", description = "End time (HH:mm).",
                readOnly = true, examples = "17:00") @JsonFormat(pattern = "HH:mm") LocalTime endTime,
        @Schema(description = "Where it takes place.", readOnly = true) EventLocation location,
        @Schema(description = "How people take part.", readOnly = true) EventFormat format,
        @Schema(description = "Who organises it.", readOnly = true, examples = "KGSt") String organizer) {

    public static EventSummary of(Event e) {
        return new EventSummary(e.id, e.slug, e.title, e.startDate, e.endDate, e.startTime, e.endTime, e.location, e.format,
                e.organizerName);
    }
}
