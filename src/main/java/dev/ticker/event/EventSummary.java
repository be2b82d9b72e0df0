package dev.ticker.event;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ticker.content.Reference;
import dev.ticker.content.Rfc3339;

/** An event where another resource embeds it (an issue's calendar). On writes {@code id} is read, or {@code slug} where no id is given (see {@link dev.ticker.content.Reference}). */
@Schema(name = "EventRef", description = "An event embedded in another resource. Writes read `id`, or `slug` where no id is given; responses carry the summary.")
@JsonIgnoreProperties(ignoreUnknown = true)
public record EventSummary(
        @Schema(description = "The event's id; on writes, `slug` may name it instead.", examples = "3b1f8c2a-6d4e-4f0a-8b7c-1e2d3f4a5b6c") UUID id,
        @Schema(description = "URL-friendly unique name; on writes, it names the resource where no `id` is given.", examples = "kgst-festival") String slug,
        @Schema(description = "Title.", readOnly = true, examples = "KGSt-Festival") String title,
        @Schema(description = "First day.", readOnly = true, examples = "2025-12-02") LocalDate startDate,
        @Schema(description = "Last day, inclusive.", readOnly = true, examples = "2025-12-04", nullable = true) LocalDate endDate,
        @Schema(implementation = String.class, pattern = Rfc3339.WALL_CLOCK_TIME, description = "Start time (HH:mm).",
                readOnly = true, examples = "14:00", nullable = true) @JsonFormat(pattern = "HH:mm") LocalTime startTime,
        @Schema(implementation = String.class, pattern = Rfc3339.WALL_CLOCK_TIME, description = "End time (HH:mm).",
                readOnly = true, examples = "17:00", nullable = true) @JsonFormat(pattern = "HH:mm") LocalTime endTime,
        @Schema(description = "Where it takes place.", readOnly = true, nullable = true) EventLocation location,
        @Schema(description = "How people take part.", readOnly = true) EventFormat format,
        @Schema(description = "Who organises it.", readOnly = true, examples = "KGSt", nullable = true) String organizer) implements Reference {

    public static EventSummary of(Event e) {
        return new EventSummary(e.id, e.slug, e.title, e.startDate, e.endDate, e.startTime, e.endTime, e.location, e.format,
                e.organizerName);
    }
}
