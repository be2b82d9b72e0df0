package dev.ticker.content;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A picture with its alternative text and its credit line. */
@Embeddable
@Schema(name = "Image", description = "A picture: where it is, what it shows (alt text) and whose it is (credit line).")
public record Image(
        @Schema(description = "Absolute http(s) URL of the picture; may be missing while the file is not yet hosted "
                + "(the demo content has none: the newsletter text names pictures, not their files).",
                examples = "https://www.vitako.de/bilder/jubilaeum-20-jahre.jpg", nullable = true)
        @Size(max = 2000) @Pattern(regexp = Validation.HTTP_URL, message = Validation.HTTP_URL_MESSAGE) String url,
        @Schema(description = "Alternative text: what the picture shows.", examples = "Bundesminister Dr. Karsten Wildberger mit dem Vorstand der VITAKO")
        @NotBlank @Size(max = 500) String alt,
        @Schema(description = "Credit line, as it is to be printed.", examples = "Foto: Sera Z. Kurc für VITAKO", nullable = true)
        @Size(max = 300) String credit) {
}
