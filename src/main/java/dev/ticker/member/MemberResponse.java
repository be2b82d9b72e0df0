package dev.ticker.member;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.ticker.content.Image;

/** A member as clients read it. */
@Schema(name = "Member", description = "A member organisation of the association.")
public record MemberResponse(
        @Schema(description = "Stable identifier.", examples = "0b8e4c1e-5d0a-4f0e-9a53-4a3f3c1d2e10") UUID id,
        @Schema(description = "URL-friendly unique name.", examples = "regio-it") String slug,
        @Schema(description = "Full name of the organisation.", examples = "regio iT gesellschaft für informationstechnologie mbh") String name,
        @Schema(description = "The name as the newsletter uses it.", examples = "regio iT", nullable = true) String shortName,
        @Schema(description = "Seat of the organisation.", examples = "Aachen", nullable = true) String city,
        @Schema(description = "ISO 3166-2 code of the federal state.", examples = "DE-NW", nullable = true) String state,
        @Schema(description = "Website.", examples = "https://www.regioit.de", nullable = true) String website,
        @Schema(description = "What the organisation does.", examples = "Kommunaler IT-Dienstleister; seit November 2025 Mitglied im Verein Civitas Connect.", nullable = true) String description,
        @Schema(description = "Logo of the organisation.", nullable = true) Image logo,
        @Schema(description = "Year the organisation joined the association.", examples = "2005", nullable = true) Integer memberSince,
        @Schema(description = "Whether the organisation is a member now.", examples = "true") boolean active,
        @Schema(description = "When the member was created (RFC 3339, UTC).", examples = "2025-11-12T08:00:00Z") Instant createdAt,
        @Schema(description = "When the member last changed (RFC 3339, UTC).", examples = "2025-11-12T08:00:00Z") Instant updatedAt,
        @Schema(description = "Rises by one with every change; use the ETag for If-Match.", examples = "1") int version) {

    static MemberResponse of(Member m) {
        return new MemberResponse(m.id, m.slug, m.name, m.shortName, m.city, m.state, m.website, m.description, m.logo,
                m.memberSince, m.active, m.createdAt, m.updatedAt, m.version);
    }
}
