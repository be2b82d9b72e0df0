package dev.ticker.issue;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.ticker.content.Validation;

/** The large picture at the top of an issue, with its caption and credit line. */
@Embeddable
@Schema(name = "HeroImage", description = "The picture at the top of an issue: file, alt text, caption and credit line.")
public record HeroImage(
        @Schema(description = "Absolute http(s) URL of the picture; may be missing while the file is not yet hosted.",
                examples = "https://www.vitako.de/bilder/jubilaeum-20-jahre.jpg", nullable = true)
        @Size(max = 2000) @Pattern(regexp = Validation.HTTP_URL, message = Validation.HTTP_URL_MESSAGE) String url,
        @Schema(description = "Alternative text: what the picture shows.",
                examples = "Bundesminister Dr. Karsten Wildberger mit dem Vorstand der VITAKO")
        @NotBlank @Size(max = 500) String alt,
        @Schema(description = "Caption printed under the picture.",
                examples = "Gemeinsam für die digitale Verwaltung: Bundesminister Dr. Karsten Wildberger mit dem Vorstand der VITAKO.", nullable = true)
        @Size(max = 2000) String caption,
        @Schema(description = "Credit line, as it is to be printed.", examples = "Foto: Sera Z. Kurc für VITAKO", nullable = true)
        @Size(max = 300) String credit) {
}
