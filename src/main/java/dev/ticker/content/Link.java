package dev.ticker.content;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A labelled link. */
@Schema(name = "Link", description = "A labelled link.")
public record Link(
        @Schema(description = "The link text.", examples = "Hier hineinhören") @NotBlank @Size(max = 200) String label,
        @Schema(description = "Absolute http(s) URL.", examples = "https://www.behoerden-spiegel.de/podcast/")
        @NotBlank @Size(max = 2000) @Pattern(regexp = Validation.HTTP_URL, message = Validation.HTTP_URL_MESSAGE) String url) {
}
