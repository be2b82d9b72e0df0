package dev.ticker.issue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ticker.content.Status;
import dev.ticker.content.Validation;
import dev.ticker.content.WorkflowFields;
import dev.ticker.event.EventSummary;
import dev.ticker.job.JobSummary;
import dev.ticker.news.NewsSummary;

/** What a client writes to create or replace an issue. Read-only properties are ignored. */
@Schema(name = "IssueInput", description = "A newsletter issue as written by a client (POST, PUT).")
@JsonIgnoreProperties({ "id", "version", "createdAt", "updatedAt" })
public record IssueRequest(
        @Schema(description = "URL-friendly unique name; made from the title when left out.", examples = "vitako-branchenticker-nr-20")
        @Size(max = 80) @Pattern(regexp = Validation.SLUG, message = Validation.SLUG_MESSAGE) String slug,
        @Schema(description = "The issue number, unique; the issue's address: /v1/issues/20.", examples = "20")
        @NotNull @Min(1) @Max(1_000_000) Integer number,
        @Schema(description = "Title of the issue.", examples = "VITAKO-Branchenticker Nr. 20") @NotBlank @Size(max = 300) String title,
        @Schema(description = "Date of the issue.", examples = "2025-11-12") @NotNull LocalDate issueDate,
        @Schema(description = "Where it is written.", examples = "Berlin") @Size(max = 100) String place,
        @Schema(description = "The editorial.") @Valid Editorial editorial,
        @Schema(description = "The picture at the top.") @Valid HeroImage heroImage,
        @Schema(description = "The sections in order, each with its news items in order.")
        @Size(max = 50) List<@NotNull @Valid Section> sections,
        @Schema(description = "The calendar section: events in order; `id` is read, or `slug` where no id is given.")
        @Size(max = 100) List<@NotNull @Valid EventSummary> events,
        @Schema(description = "The job market section: job postings in order; `id` is read, or `slug` where no id is given.")
        @Size(max = 100) List<@NotNull @Valid JobSummary> jobs,
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

    /** A section as written: only the ids of its news items are read. */
    @Schema(name = "IssueSectionInput", description = "A section of an issue: a heading and its news items in order.")
    public record Section(
            @Schema(description = "Heading of the section.", examples = "Aus den Mitgliedsunternehmen") @NotBlank @Size(max = 200) String heading,
            @Schema(description = "The news items in order; `id` is read, or `slug` where no id is given.") @Size(max = 100) List<@NotNull @Valid NewsSummary> news) {
    }
}
