package dev.ticker.issue;

import jakarta.persistence.Embeddable;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The editorial of an issue: salutation, text (Markdown) and sign-off. */
@Embeddable
@Schema(name = "EditorialInput", description = "The editorial of an issue, as written.")
@JsonIgnoreProperties({ "bodyHtml" })
public record Editorial(
        @Schema(description = "The salutation.", examples = "Liebe Leserinnen und Leser,", nullable = true) @Size(max = 200) String salutation,
        @Schema(description = "The text, in Markdown.", examples = "VITAKO ist 20 Jahre alt geworden.", nullable = true) @Size(max = 100_000) String body,
        @Schema(description = "The sign-off; line breaks are kept.", examples = "Auf weitere 20 Jahre\nIhr VITAKO-Team", nullable = true) @Size(max = 500) String signoff) {

    /** The editorial as clients read it, with the body rendered. */
    @Schema(name = "Editorial", description = "The editorial of an issue.")
    public record View(
            @Schema(description = "The salutation.", examples = "Liebe Leserinnen und Leser,", nullable = true) String salutation,
            @Schema(description = "The text, in Markdown.", examples = "VITAKO ist 20 Jahre alt geworden.", nullable = true) String body,
            @Schema(description = "The text rendered to sanitised HTML.", examples = "<p>VITAKO ist 20 Jahre alt geworden.</p>", nullable = true) String bodyHtml,
            @Schema(description = "The sign-off.", examples = "Auf weitere 20 Jahre\nIhr VITAKO-Team", nullable = true) String signoff) {
    }
}
