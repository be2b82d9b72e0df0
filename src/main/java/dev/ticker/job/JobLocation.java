package dev.ticker.job;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.ticker.content.Validation;

/** Where the job is. */
@Embeddable
@Schema(name = "JobLocation", description = "Where the job is.")
public record JobLocation(
        @Schema(description = "City or municipality.", examples = "Leipzig", nullable = true) @Size(max = 100) String city,
        @Schema(description = "ISO 3166-2 code of the federal state.", examples = "DE-SN", nullable = true)
        @Pattern(regexp = Validation.STATE, message = Validation.STATE_MESSAGE) String state) {
}
