package dev.ticker.news;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.ticker.content.Validation;

/** Where a news item happens. */
@Embeddable
@Schema(name = "Region", description = "Where a news item happens.")
public record Region(
        @Schema(description = "ISO 3166-2 code of the federal state.", examples = "DE-SN", nullable = true)
        @Pattern(regexp = Validation.STATE, message = Validation.STATE_MESSAGE) String state,
        @Schema(description = "City, district or region.", examples = "Dresden", nullable = true) @Size(max = 100) String place) {
}
