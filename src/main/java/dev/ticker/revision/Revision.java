package dev.ticker.revision;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;


import dev.ticker.content.Status;
import dev.ticker.content.Workflow;

/** One revision of a resource, as editors read it. */
@Schema(name = "Revision", description = "One recorded change of a resource: who made it, when, and the whole document "
        + "after it (for a deletion: before it). A PUT of `document` restores it.")
public record Revision(
        @Schema(description = "Counts the resource's revisions from 1.", examples = "3") int number,
        @Schema(description = "What the change was.", implementation = String.class,
                enumeration = { "create", "update", "schedule", "unschedule", "publish", "unpublish", "archive", "delete" },
                examples = "publish") Workflow.Operation operation,
        @Schema(description = "The workflow status after the change; null for members.", nullable = true) Status status,
        @Schema(description = "The resource's version after the change (for a deletion: the last one).", examples = "3") int version,
        @Schema(description = "Who made the change: the name of the token; `scheduler` for scheduled publishing, "
                + "`ticker` for the service's other writes (the demo content).", examples = "redaktion-anna") String author,
        @Schema(description = "When the change was written (RFC 3339, UTC).", examples = "2025-11-12T08:00:00Z") Instant recordedAt,
        @Schema(description = "The whole resource as the API showed it to editors after the change: the schema of "
                + "the resource's GET.", type = SchemaType.OBJECT)
        Map<String, Object> document) {
}
