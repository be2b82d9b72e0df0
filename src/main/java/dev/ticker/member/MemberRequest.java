package dev.ticker.member;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ticker.content.Image;
import dev.ticker.content.Validation;

/** What a client writes to create or replace a member. Read-only properties are ignored. */
@Schema(name = "MemberInput", description = "A member organisation as written by a client (POST, PUT).")
@JsonIgnoreProperties({ "id", "version", "createdAt", "updatedAt" })
public record MemberRequest(
        @Schema(description = "URL-friendly unique name; made from the name when left out.", examples = "regio-it")
        @Size(max = 80) @Pattern(regexp = Validation.SLUG, message = Validation.SLUG_MESSAGE) String slug,
        @Schema(description = "Full name of the organisation.", examples = "regio iT gesellschaft für informationstechnologie mbh")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "The name as the newsletter uses it.", examples = "regio iT")
        @Size(max = 60) String shortName,
        @Schema(description = "Seat of the organisation.", examples = "Aachen")
        @Size(max = 100) String city,
        @Schema(description = "ISO 3166-2 code of the federal state.", examples = "DE-NW")
        @Pattern(regexp = Validation.STATE, message = Validation.STATE_MESSAGE) String state,
        @Schema(description = "Website, absolute http(s) URL.", examples = "https://www.regioit.de")
        @Size(max = 2000) @Pattern(regexp = Validation.HTTP_URL, message = Validation.HTTP_URL_MESSAGE) String website,
        @Schema(description = "What the organisation does (plain text).",
                examples = "Kommunaler IT-Dienstleister; seit November 2025 Mitglied im Verein Civitas Connect.")
        @Size(max = 10000) String description,
        @Schema(description = "Logo of the organisation.") @Valid Image logo,
        @Schema(description = "Year the organisation joined the association.", examples = "2005")
        @Min(1900) @Max(2100) Integer memberSince,
        @Schema(description = "Whether the organisation is a member now; true when left out.", examples = "true")
        Boolean active) {
}
