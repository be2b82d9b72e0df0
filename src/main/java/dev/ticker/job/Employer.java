package dev.ticker.job;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.ticker.member.MemberSummary;

/**
 * Who offers the job: always a name, and the member organisation when the employer is one.
 * The name is kept even with a member, since a posting may name a subsidiary or department.
 */
@Schema(name = "Employer", description = "Who offers the job: a name, and the member when the employer is one.")
public record Employer(
        @Schema(description = "The employer's name as the posting shows it.", examples = "Lecos GmbH")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "The employer as a member of the association, if it is one; on writes `id` is read, or `slug` where no id is given.", nullable = true)
        @Valid MemberSummary member) {
}
