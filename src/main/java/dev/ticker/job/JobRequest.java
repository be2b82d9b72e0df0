package dev.ticker.job;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ticker.content.Status;
import dev.ticker.content.Validation;
import dev.ticker.content.WorkflowFields;

/** What a client writes to create or replace a job posting. Read-only properties are ignored. */
@Schema(name = "JobInput", description = "A job posting as written by a client (POST, PUT).")
@JsonIgnoreProperties({ "id", "version", "createdAt", "updatedAt", "descriptionHtml", "expired" })
public record JobRequest(
        @Schema(description = "URL-friendly unique name; made from the title when left out.",
                examples = "referent-in-informationssicherheit-m-w-d")
        @Size(max = 80) @Pattern(regexp = Validation.SLUG, message = Validation.SLUG_MESSAGE) String slug,
        @Schema(description = "Job title.", examples = "Referent:in Informationssicherheit (m/w/d)")
        @NotBlank @Size(max = 300) String title,
        @Schema(description = "Who offers the job.") @NotNull @Valid Employer employer,
        @Schema(description = "Where the job is.") @Valid JobLocation location,
        @Schema(description = "The kind of contract.") EmploymentType employmentType,
        @Schema(description = "Remote work; `none` when left out.") RemoteWork remote,
        @Schema(description = "Pay, as the posting states it (free text).", examples = "E 11 TVöD")
        @Size(max = 200) String salary,
        @Schema(description = "The posting's text, in Markdown.",
                examples = "Sie verantworten die **Informationssicherheit** unserer kommunalen Kunden.")
        @Size(max = 100_000) String description,
        @Schema(description = "Where to apply: an absolute http(s) URL or a mailto: address.",
                examples = "https://www.lecos-gmbh.de/karriere")
        @Size(max = 2000) @Pattern(regexp = JobRequest.APPLY_URL, message = JobRequest.APPLY_URL_MESSAGE) String applyUrl,
        @Schema(description = "The last day (inclusive, Europe/Berlin) the posting is public; none: no expiry.",
                examples = "2025-12-31")
        LocalDate validThrough,
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

    static final String APPLY_URL = "^(?:https?://[^\\s/$.?#][^\\s]*|mailto:[^\\s@?/]+@[^\\s@?/]+\\.[^\\s@?/]+(?:\\?[^\\s]*)?)$";
    static final String APPLY_URL_MESSAGE = "must be an absolute http or https URL or a mailto: address";
}
