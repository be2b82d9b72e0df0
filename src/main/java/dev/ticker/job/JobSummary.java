package dev.ticker.job;

import java.time.LocalDate;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.ticker.content.Reference;

/** A job posting where another resource embeds it (an issue's job market). On writes {@code id} is read, or {@code slug} where no id is given (see {@link dev.ticker.content.Reference}). */
@Schema(name = "JobRef", description = "A job posting embedded in another resource. Writes read `id`, or `slug` where no id is given; responses carry the summary.")
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobSummary(
        @Schema(description = "The posting's id; on writes, `slug` may name it instead.", examples = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d") UUID id,
        @Schema(description = "URL-friendly unique name; on writes, it names the resource where no `id` is given.", examples = "beispiel-it-administrator-in") String slug,
        @Schema(description = "Title.", readOnly = true, examples = "IT-Administrator:in (m/w/d)") String title,
        @Schema(description = "Who offers the job.", readOnly = true, examples = "Lecos GmbH") String employer,
        @Schema(description = "Where the job is.", readOnly = true, nullable = true) JobLocation location,
        @Schema(description = "Last day of the posting, inclusive.", readOnly = true, examples = "2026-01-31", nullable = true) LocalDate validThrough) implements Reference {

    public static JobSummary of(JobPosting j) {
        return new JobSummary(j.id, j.slug, j.title, j.employerName, j.location, j.validThrough);
    }
}
