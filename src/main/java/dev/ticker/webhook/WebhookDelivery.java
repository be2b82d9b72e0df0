package dev.ticker.webhook;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One attempt to deliver an event to a subscription (table webhook_delivery). */
@Schema(name = "WebhookDelivery", description = "One attempt to deliver an event.")
public record WebhookDelivery(
        @Schema(description = "The attempt's id (for redeliver).", examples = "5b2e8f1a-7c4d-4e9b-8a3f-1d6c9e2b7a40") UUID id,
        @Schema(description = "The event's `webhook-id` header: the same on every attempt of one event.",
                examples = "msg_6f1c2d3e4a5b4c6d8e9f0a1b2c3d4e5f") String webhookId,
        @Schema(description = "The event's type.", examples = "issue.published") String eventType,
        @Schema(description = "1 for the first attempt of the event to this subscription, then 2, 3, …", examples = "1") int attempt,
        @Schema(description = "When the attempt started.", examples = "2025-11-12T08:00:01.250Z") Instant attemptedAt,
        @Schema(description = "Whether the receiver answered 2xx in time.", examples = "true") boolean succeeded,
        @Schema(description = "The receiver's HTTP status; null when there was no answer.", nullable = true, examples = "204")
        Integer statusCode,
        @Schema(description = "How long the attempt took, in milliseconds.", examples = "42") int durationMs,
        @Schema(description = "What went wrong (no answer, a timeout, or a non-2xx status with the answer's start); "
                + "null when it succeeded.", nullable = true, examples = "HTTP 503: Service Unavailable") String error,
        @Schema(description = "When the event is tried again; null when it succeeded or will not be tried again.",
                nullable = true, examples = "2025-11-12T08:00:06Z") Instant nextAttemptAt) {
}
