package dev.ticker.event;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.ticker.member.MemberSummary;

/** Who organises an event: a name as the calendar prints it, and the member when it is one. */
@Schema(name = "EventOrganizer", description = "Who organises the event: the name as the calendar prints it and, "
        + "when the organiser is a member, that member (writes read its `id`, or its `slug` where no id is given).")
public record EventOrganizer(
        @Schema(description = "The organiser's name as the calendar prints it.", required = true, examples = "KGSt")
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "The member that organises the event, if it is one; responses carry `id`, `slug` and `name`.", nullable = true)
        @Valid MemberSummary member) {
}
