package dev.ticker.news;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.ticker.content.Image;
import dev.ticker.content.Link;
import dev.ticker.content.Status;
import dev.ticker.member.MemberSummary;

/** A news item as clients read it. */
@Schema(name = "News", description = "A news item.")
public record NewsResponse(
        @Schema(description = "Stable identifier.", examples = "5f0c7a2e-8d1b-4c3e-9f4a-2b6d8e0a1c35") UUID id,
        @Schema(description = "URL-friendly unique name.", examples = "lecos-eroeffnet-ideencampus-fuer-dialog-und-kompetenzbuendelung") String slug,
        @Schema(description = "Headline.", examples = "Lecos eröffnet Ideencampus für Dialog und Kompetenzbündelung") String title,
        @Schema(description = "Short lead text.", examples = "Lecos hat in Leipzig den „Ideencampus“ eröffnet.", nullable = true) String teaser,
        @Schema(description = "The text, in Markdown.", examples = "So soll der Dialog zu **Themen der digitalen Verwaltung** gefördert werden.", nullable = true) String body,
        @Schema(description = "The body rendered to sanitised HTML.", examples = "<p>So soll der Dialog zu <strong>Themen der digitalen Verwaltung</strong> gefördert werden.</p>", nullable = true) String bodyHtml,
        @Schema(description = "The picture, with its credit line.", nullable = true) Image image,
        @Schema(description = "Further links.") List<Link> links,
        @Schema(description = "Keywords.", examples = "[\"Open Source\"]") List<String> tags,
        @Schema(description = "Where it happens.", nullable = true) Region region,
        @Schema(description = "Related members: id, slug and name; the whole summary with `include=members`.") List<MemberSummary> members,
        @Schema(description = "Workflow status; readers without a token only ever see `published` content.", examples = "published")
        Status status,
        @Schema(description = "When a scheduled item will be published (RFC 3339, UTC); null unless scheduled.",
                examples = "2025-12-10T07:00:00Z", nullable = true) Instant publishAt,
        @Schema(description = "When it was published (RFC 3339, UTC); null until it is.", examples = "2025-11-12T08:00:00Z",
                nullable = true) Instant publishedAt,
        @Schema(description = "When it was created (RFC 3339, UTC).", examples = "2025-11-12T08:00:00Z") Instant createdAt,
        @Schema(description = "When it last changed (RFC 3339, UTC).", examples = "2025-11-12T08:00:00Z") Instant updatedAt,
        @Schema(description = "Rises by one with every change; use the ETag for If-Match.", examples = "1") int version) {

    static NewsResponse of(NewsItem n, boolean includeMembers) {
        return of(n, n.members.stream().map(includeMembers ? MemberSummary::of : MemberSummary::ref).toList());
    }

    /** The item with these members (NewsJson renders an item without its members, then inserts them). */
    static NewsResponse of(NewsItem n, List<MemberSummary> members) {
        return new NewsResponse(n.id, n.slug, n.title, n.teaser, n.body, n.bodyHtml, n.image, List.copyOf(n.links),
                List.copyOf(n.tags), n.region, members, n.status, n.publishAt, n.publishedAt, n.createdAt, n.updatedAt, n.version);
    }
}
