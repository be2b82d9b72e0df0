package dev.ticker.issue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.ticker.content.PublishableEntity;
import dev.ticker.content.Status;
import dev.ticker.event.EventSummary;
import dev.ticker.job.JobSummary;
import dev.ticker.news.NewsSummary;

/** An issue as clients read it, with its news items embedded in order. */
@Schema(name = "Issue", description = "A numbered edition of the newsletter.")
public record IssueResponse(
        @Schema(description = "Stable identifier.", examples = "2d7f6a51-3c1e-4b8a-9f20-6e5d4c3b2a10") UUID id,
        @Schema(description = "URL-friendly unique name.", examples = "vitako-branchenticker-nr-20") String slug,
        @Schema(description = "The issue number.", examples = "20") int number,
        @Schema(description = "Title of the issue.", examples = "VITAKO-Branchenticker Nr. 20") String title,
        @Schema(description = "Date of the issue.", examples = "2025-11-12") LocalDate issueDate,
        @Schema(description = "Where it is written.", examples = "Berlin", nullable = true) String place,
        @Schema(description = "The editorial.", nullable = true) Editorial.View editorial,
        @Schema(description = "The picture at the top.", nullable = true) HeroImage heroImage,
        @Schema(description = "The sections in order, with their news items in order.") List<Section> sections,
        @Schema(description = "The calendar section: events in order.") List<EventSummary> events,
        @Schema(description = "The job market section: job postings in order.") List<JobSummary> jobs,
        @Schema(description = "Workflow status; readers without a token only ever see `published` content.", examples = "published")
        Status status,
        @Schema(description = "When a scheduled item will be published (RFC 3339, UTC); null unless scheduled.",
                examples = "2025-12-10T07:00:00Z", nullable = true) Instant publishAt,
        @Schema(description = "When it was published (RFC 3339, UTC); null until it is.", examples = "2025-11-12T08:00:00Z",
                nullable = true) Instant publishedAt,
        @Schema(description = "When it was created (RFC 3339, UTC).", examples = "2025-11-12T08:00:00Z") Instant createdAt,
        @Schema(description = "When it last changed (RFC 3339, UTC).", examples = "2025-11-12T08:00:00Z") Instant updatedAt,
        @Schema(description = "Rises by one with every change; use the ETag for If-Match.", examples = "1") int version) {

    @Schema(name = "IssueSection", description = "A section of an issue.")
    public record Section(
            @Schema(description = "Heading of the section.", examples = "Aus den Mitgliedsunternehmen") String heading,
            @Schema(description = "The news items in order.") List<NewsSummary> news) {
    }

    /**
     * The issue; with {@code unpublished} false (readers without a token), the news items, events
     * and job postings it contains that are not published are left out.
     */
    static IssueResponse of(Issue i, boolean unpublished) {
        Editorial.View editorial = i.editorial == null ? null
                : new Editorial.View(i.editorial.salutation(), i.editorial.body(), i.editorialBodyHtml, i.editorial.signoff());
        Predicate<PublishableEntity> shown = unpublished ? item -> true : PublishableEntity::isPublic;
        return new IssueResponse(i.id, i.slug, i.number, i.title, i.issueDate, i.place, editorial, i.heroImage,
                i.sections.stream().map(s -> new Section(s.heading, s.news.stream().filter(shown).map(NewsSummary::of).toList()))
                        .toList(),
                i.events.stream().filter(shown).map(EventSummary::of).toList(),
                i.jobs.stream().filter(shown).map(JobSummary::of).toList(),
                i.status, i.publishAt, i.publishedAt, i.createdAt, i.updatedAt, i.version);
    }
}
