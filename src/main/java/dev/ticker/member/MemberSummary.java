package dev.ticker.member;

import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import dev.ticker.content.Image;
import dev.ticker.content.Reference;

/**
 * A member where another resource refers to it. On writes {@code id} is read, or {@code slug}
 * where no id is given; responses
 * carry id, slug and name, and the other fields when the client asks for {@code include=members}.
 */
@Schema(name = "MemberRef", description = "A related member. Writes read `id`, or `slug` where no id is given; responses carry `id`, `slug` and `name`, and with `include=members` also `shortName`, `city`, `state` and `logo`.")
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record MemberSummary(
        @Schema(description = "The member's id; on writes, `slug` may name it instead.", examples = "0b8e4c1e-5d0a-4f0e-9a53-4a3f3c1d2e10") UUID id,
        @Schema(description = "URL-friendly unique name; on writes, it names the resource where no `id` is given.", examples = "regio-it") String slug,
        @Schema(description = "Full name.", examples = "regio iT gesellschaft für informationstechnologie mbh", readOnly = true) String name,
        @Schema(description = "The name as the newsletter uses it.", examples = "regio iT", readOnly = true) String shortName,
        @Schema(description = "Seat of the organisation.", examples = "Aachen", readOnly = true) String city,
        @Schema(description = "ISO 3166-2 code of the federal state.", examples = "DE-NW", readOnly = true) String state,
        @Schema(description = "Logo.", readOnly = true) Image logo) implements Reference {

    /** The short form every response carries: id, slug and name. */
    public static MemberSummary ref(Member m) {
        return new MemberSummary(m.id, m.slug, m.name, null, null, null, null);
    }

    public static MemberSummary of(Member m) {
        return new MemberSummary(m.id, m.slug, m.name, m.shortName, m.city, m.state, m.logo);
    }
}
