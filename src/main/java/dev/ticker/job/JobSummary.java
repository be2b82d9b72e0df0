package dev.ticker.job;

import java.time.LocalDate;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A job posting where another resource embeds it (an issue's job market). On writes only {@code id} is read. */
@Schema(name = "JobRef", description = "A job posting embedded in another resource. Writes read only `id`; responses carry the summary.")
@JsonIgnoreProperties(ignoreUnknown = true)
public record JobSummary(
        @Schema(description = "The posting's id.", required = true, examples = "9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d") @NotNull UUID id,
        @Schema(description = "URL-friendly unique name.", readOnly = true, examples = "beispiel-it-administrator-in") String slug,
        @Schema(description = "Title.", readOnly = true, examples = "IT-Administrator:in (m/w/d)") String title,
        @Schema(description = "Who offers the job.", readOnly = true, examples = "Lecos GmbH") String employer,
        @Schema(description = "Where the job is.", readOnly = true) JobLocation location,
        @Schema(description = "Last day of the posting, inclusive.", readOnly = true, examples = "2026-01-31") LocalDate validThrough) {

    public static JobSummary of(JobPosting j) {
        return new JobSummary(j.id, j.slug, j.title, j.employerName, j.location, j.validThrough);
    }
}
