package dev.ticker.webhook;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to a ping or a redelivery: the event is queued for the subscription. */
@Schema(name = "QueuedEvent", description = "An event queued for one subscription; its attempts appear in the deliveries.")
public record QueuedEvent(
        @Schema(description = "The event's `webhook-id`.", examples = "msg_6f1c2d3e4a5b4c6d8e9f0a1b2c3d4e5f") String webhookId,
        @Schema(description = "The event's type.", examples = "ping") String eventType,
        @Schema(description = "When it was queued.", examples = "2025-11-12T08:00:00.120Z") Instant queuedAt) {
}
