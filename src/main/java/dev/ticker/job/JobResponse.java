package dev.ticker.job;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.ticker.content.Status;
import dev.ticker.member.MemberSummary;

/** A job posting as clients read it. */
@Schema(name = "Job", description = "A job posting of the job market.")
public record JobResponse(
        @Schema(description = "Stable identifier.", examples = "7c1d2e3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f") UUID id,
        @Schema(description = "URL-friendly unique name.", examples = "referent-in-informationssicherheit-m-w-d") String slug,
        @Schema(description = "Job title.", examples = "Referent:in Informationssicherheit (m/w/d)") String title,
        @Schema(description = "Who offers the job; `member` carries id, slug and name.") Employer employer,
        @Schema(description = "Where the job is.", nullable = true) JobLocation location,
        @Schema(description = "The kind of contract.", nullable = true) EmploymentType employmentType,
        @Schema(description = "Remote work.") RemoteWork remote,
        @Schema(description = "Pay, as the posting states it.", examples = "E 11 TVöD", nullable = true) String salary,
        @Schema(description = "The posting's text, in Markdown.",
                examples = "Sie verantworten die **Informationssicherheit** unserer kommunalen Kunden.", nullable = true) String description,
        @Schema(description = "The description rendered to sanitised HTML.",
                examples = "<p>Sie verantworten die <strong>Informationssicherheit</strong> unserer kommunalen Kunden.</p>", nullable = true)
        String descriptionHtml,
        @Schema(description = "Where to apply: an http(s) URL or a mailto: address.", examples = "https://www.lecos-gmbh.de/karriere", nullable = true)
        String applyUrl,
        @Schema(description = "The last day (inclusive, Europe/Berlin) the posting is public; null: no expiry.",
                examples = "2025-12-31", nullable = true) LocalDate validThrough,
        @Schema(description = "Whether `validThrough` has passed (Europe/Berlin). Expired postings are visible only with a token.",
                examples = "false") boolean expired,
        @Schema(description = "Workflow status; readers without a token only ever see `published` content.", examples = "published")
        Status status,
        @Schema(description = "When a scheduled item will be published (RFC 3339, UTC); null unless scheduled.",
                examples = "2025-12-10T07:00:00Z", nullable = true) Instant publishAt,
        @Schema(description = "When it was published (RFC 3339, UTC); null until it is.", examples = "2025-11-12T08:00:00Z",
                nullable = true) Instant publishedAt,
        @Schema(description = "When it was created (RFC 3339, UTC).", examples = "2025-11-12T08:00:00Z") Instant createdAt,
        @Schema(description = "When it last changed (RFC 3339, UTC).", examples = "2025-11-12T08:00:00Z") Instant updatedAt,
        @Schema(description = "Rises by one with every change; use the ETag for If-Match.", examples = "1") int version) {

    static JobResponse of(JobPosting j, LocalDate today) {
        return new JobResponse(j.id, j.slug, j.title,
                new Employer(j.employerName, j.employerMember == null ? null : MemberSummary.ref(j.employerMember)),
                j.location, j.employmentType, j.remote, j.salary, j.description, j.descriptionHtml, j.applyUrl,
                j.validThrough, j.expiredOn(today), j.status, j.publishAt, j.publishedAt, j.createdAt, j.updatedAt, j.version);
    }
}
