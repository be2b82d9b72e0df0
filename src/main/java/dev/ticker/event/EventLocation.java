package dev.ticker.event;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where an event takes place. */
@Embeddable
@Schema(name = "EventLocation", description = "Where an event takes place; an online event may have neither.")
public record EventLocation(
        @Schema(description = "City, or cities as the calendar prints them.", examples = "Karlsruhe", nullable = true) @Size(max = 100) String city,
        @Schema(description = "Venue: building, hall or address.", examples = "Kongresszentrum Karlsruhe", nullable = true) @Size(max = 200) String venue) {
}
