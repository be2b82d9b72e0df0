package dev.ticker.webhook;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A webhook subscription as admins write it; the secret is made by the service. */
@Schema(name = "WebhookInput", description = "A webhook subscription. The service makes the signing secret.")
public record WebhookRequest(
        @Schema(description = "Where events are POSTed: an absolute http or https URL without user or password. "
                + "Addresses that resolve to private, loopback or link-local addresses are refused unless the service "
                + "runs with `TICKER_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true`.", examples = "https://mailer.example.org/hooks/ticker")
        @NotNull @Size(max = 2000) String url,
        @Schema(description = "The event types to receive (see the API description's `webhooks`), or `*` for all.",
                examples = "[\"issue.published\"]")
        @NotEmpty @Size(max = 30) List<@NotNull String> events,
        @Schema(description = "What the subscription is for.", examples = "Mailchimp: send the newsletter", nullable = true)
        @Size(max = 500) String description,
        @Schema(description = "Whether events are sent; `true` when left out. Setting it to `true` again resumes a subscription "
                + "the service disabled, from the oldest event it has not delivered.", examples = "true", nullable = true)
        Boolean active) {
}
