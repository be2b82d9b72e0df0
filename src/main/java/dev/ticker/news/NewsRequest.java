package dev.ticker.news;

import java.time.Instant;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ticker.content.Image;
import dev.ticker.content.Link;
import dev.ticker.content.Status;
import dev.ticker.content.Validation;
import dev.ticker.content.WorkflowFields;
import dev.ticker.member.MemberSummary;

/** What a client writes to create or replace a news item. Read-only properties are ignored. */
@Schema(name = "NewsInput", description = "A news item as written by a client (POST, PUT).")
@JsonIgnoreProperties({ "id", "version", "createdAt", "updatedAt", "bodyHtml" })
public record NewsRequest(
        @Schema(description = "URL-friendly unique name; made from the title when left out.",
                examples = "lecos-eroeffnet-ideencampus-fuer-dialog-und-kompetenzbuendelung")
        @Size(max = 80) @Pattern(regexp = Validation.SLUG, message = Validation.SLUG_MESSAGE) String slug,
        @Schema(description = "Headline.", examples = "Lecos eröffnet Ideencampus für Dialog und Kompetenzbündelung")
        @NotBlank @Size(max = 300) String title,
        @Schema(description = "Short lead text for lists and e-mails (plain text).",
                examples = "Lecos hat in Leipzig den „Ideencampus“ eröffnet, ein physischer Campus zum interkommunalen Austausch.")
        @Size(max = 2000) String teaser,
        @Schema(description = "The text, in Markdown.",
                examples = "So soll der Dialog zu **Themen der digitalen Verwaltung** gefördert werden.")
        @Size(max = 100_000) String body,
        @Schema(description = "The picture of the news item, with its credit line.") @Valid Image image,
        @Schema(description = "Further links.") @Size(max = 20) List<@NotNull @Valid Link> links,
        @Schema(description = "Keywords; the `tag` filter matches them exactly.", examples = "[\"Open Source\", \"Smart City\"]")
        @Size(max = 30) List<@NotBlank @Size(max = 60) String> tags,
        @Schema(description = "Where it happens.") @Valid Region region,
        @Schema(description = "Related members; `id` is read, or `slug` where no id is given.") @Size(max = 50) List<@NotNull @Valid MemberSummary> members,
        @Schema(description = "Workflow status: `draft` (the default for a new item), `scheduled` (needs `publishAt` in the "
                + "future), `published` or `archived`. Left out on PUT or PATCH: the status stays. The transitions: docs/workflow.md.",
                examples = "draft")
        Status status,
        @Schema(description = "When a scheduled item is to be published (RFC 3339), in the future; required with "
                + "`status: scheduled`, cleared with any other status.", examples = "2025-12-10T07:00:00Z")
        Instant publishAt,
        @Schema(description = "When it was published (RFC 3339). Publishing sets it unless it is given (back-dated imports); "
                + "left out, it stays as it is.", examples = "2025-11-12T08:00:00Z")
        Instant publishedAt) implements WorkflowFields {
}
