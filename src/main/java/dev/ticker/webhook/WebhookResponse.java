package dev.ticker.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A webhook subscription as admins see it; the secret only in the answers to POST and rotate-secret. */
@Schema(name = "Webhook", description = "A webhook subscription. `secret` is shown only when it is made: in the answer to "
        + "POST and to rotate-secret.")
public record WebhookResponse(
        @Schema(description = "Stable identifier.", examples = "0a4c2b9e-3f6d-4c1a-9b8e-2d7f5e6a1c3b") UUID id,
        @Schema(description = "Where events are POSTed.", examples = "https://mailer.example.org/hooks/ticker") String url,
        @Schema(description = "The event types received, or `*`.", examples = "[\"issue.published\"]") List<String> events,
        @Schema(description = "What the subscription is for.", examples = "Mailchimp: send the newsletter", nullable = true)
        String description,
        @Schema(description = "Whether events are sent.", examples = "true") boolean active,
        @Schema(description = "Why the service disabled the subscription (its deliveries failed for the whole retry period); "
                + "null otherwise.", nullable = true, examples = "Deliveries failed for 24 h (since 2025-11-12T08:00:00Z); …") String disabledReason,
        @Schema(description = "Until when the previous secret signs too, after a rotation; null when there is none.",
                nullable = true, examples = "2025-11-13T08:00:00Z") Instant previousSecretExpiresAt,
        @Schema(description = "When it was created.", examples = "2025-11-12T08:00:00Z") Instant createdAt,
        @Schema(description = "When it last changed.", examples = "2025-11-12T08:00:00Z") Instant updatedAt,
        @Schema(description = "Incremented on every change.", examples = "1") int version,
        @Schema(description = "The signing secret: `whsec_` and the base64 of 32 random bytes. Shown once.",
                examples = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw6XtEBWxN2rI=")
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    static WebhookResponse of(WebhookSubscription s, String secret) {
        return new WebhookResponse(s.id, s.url, List.copyOf(s.events), s.description, s.active, s.disabledReason,
                s.previousSecretUntil, s.createdAt, s.updatedAt, s.version, secret);
    }
}
