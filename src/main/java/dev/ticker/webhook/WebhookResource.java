package dev.ticker.webhook;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;

import dev.ticker.content.MergePatch;
import dev.ticker.idempotency.Idempotent;
import dev.ticker.list.ItemSpec;
import dev.ticker.list.ListEnvelope;
import dev.ticker.list.Page;
import dev.ticker.token.Roles;
import dev.ticker.web.JsonResponses;

/** Webhook subscriptions and their deliveries (admins only; docs/webhooks.md). */
@Path("/v1/webhooks")
@Tag(name = "webhooks", description = "Webhook subscriptions and their deliveries (admins only). The events themselves are "
        + "described in the API description's `webhooks`.")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private final WebhookService webhooks;
    private final JsonResponses responses;

    WebhookResource(WebhookService webhooks, JsonResponses responses) {
        this.webhooks = webhooks;
        this.responses = responses;
    }

    @POST
    @Idempotent(secret = true)
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createWebhook", summary = "Subscribe to events",
            description = "Creates a subscription and answers its signing secret in `secret`, the only time it is shown. "
                    + "A URL whose host resolves to a private, loopback or link-local address is a 422 unless the service "
                    + "runs with `TICKER_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true`.")
    @APIResponse(responseCode = "201", description = "The subscription, with its secret.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookResponse.class)))
    public Response create(@RequestBody(required = true) @Valid @NotNull WebhookRequest request, @Context UriInfo uri) {
        WebhookResponse created = webhooks.create(request);
        return responses.created(URI.create(uri.getBaseUriBuilder().path("v1/webhooks").path(created.id().toString()).build()
                .toString()), created);
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listWebhooks", summary = "List webhook subscriptions",
            description = "Every subscription, oldest first, without secrets.")
    @APIResponse(responseCode = "200", description = "The subscriptions.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookList.class)))
    public Response list(@Context UriInfo uri, @Context HttpHeaders headers) {
        ItemSpec.NONE.parse(uri.getQueryParameters());
        List<WebhookResponse> all = webhooks.list();
        return responses.list(new Page<>(all, Math.max(all.size(), 1), all.size(), null), null, uri, headers);
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}")
    @Operation(operationId = "getWebhook", summary = "Get a webhook subscription", description = "One subscription, without its secret.")
    @APIResponse(responseCode = "200", description = "The subscription.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookResponse.class)))
    public Response get(@Parameter(description = "The subscription's id.") @PathParam("id") String id, @Context UriInfo uri,
            @Context HttpHeaders headers) {
        ItemSpec.NONE.parse(uri.getQueryParameters());
        return responses.item(webhooks.get(id), null, headers);
    }

    @PATCH
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}")
    @Consumes({ MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON })
    @Operation(operationId = "patchWebhook", summary = "Change a webhook subscription",
            description = "Applies a JSON Merge Patch (RFC 7396) to `url`, `events`, `description` and `active`. "
                    + "Setting `active` to `true` resumes a subscription that was switched off or that the service disabled, "
                    + "from the oldest event it has not received.")
    @APIResponse(responseCode = "200", description = "The subscription as it is now.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookResponse.class)))
    public Response patch(@Parameter(description = "The subscription's id.") @PathParam("id") String id,
            @Parameter(description = "Only change if the subscription still has this ETag.") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @RequestBody(required = true, content = {
                    @Content(mediaType = MergePatch.MEDIA_TYPE, schema = @Schema(implementation = WebhookRequest.class)),
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookRequest.class)) })
            JsonNode patch) {
        return responses.updated(webhooks.patch(id, patch, responses.ifMatch(ifMatch)));
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}")
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook subscription",
            description = "Deletes the subscription, the events it has not received and its delivery log.")
    @APIResponse(responseCode = "204", description = "The subscription was deleted.")
    public Response delete(@Parameter(description = "The subscription's id.") @PathParam("id") String id) {
        webhooks.delete(id);
        return Response.noContent().build();
    }

    @POST
    @Idempotent(secret = true)
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "Make a new signing secret",
            description = "Answers a new secret in `secret`, the only time it is shown. The previous secret signs too "
                    + "(a second signature in `webhook-signature`) until `previousSecretExpiresAt`, so receivers can switch "
                    + "without missing an event.")
    @APIResponse(responseCode = "200", description = "The subscription, with its new secret.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookResponse.class)))
    public Response rotateSecret(@Parameter(description = "The subscription's id.") @PathParam("id") String id) {
        return responses.updated(webhooks.rotateSecret(id));
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}/ping")
    @Operation(operationId = "pingWebhook", summary = "Send a ping event",
            description = "Queues a `ping` event for this subscription, behind the events it has not yet received; "
                    + "its attempts appear in the deliveries. A subscription that is not active is a 409.")
    @APIResponse(responseCode = "202", description = "The ping is queued.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueuedEvent.class)))
    public Response ping(@Parameter(description = "The subscription's id.") @PathParam("id") String id) {
        return accepted(webhooks.ping(id));
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}/deliveries")
    @Parameter(name = "limit", in = ParameterIn.QUERY, description = "Attempts per page, 1 to 100 (default 20).",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20"))
    @Parameter(name = "cursor", in = ParameterIn.QUERY, description = "Where the page starts: the `next` of the page before.",
            schema = @Schema(type = SchemaType.STRING))
    @Operation(operationId = "listWebhookDeliveries", summary = "List delivery attempts",
            description = "Every attempt to deliver an event to this subscription, newest first: the event, its `webhook-id`, "
                    + "the receiver's status, the duration, what went wrong and when the event is tried again. Attempts of "
                    + "delivered events are kept for `ticker.webhooks.retention` (7 days).")
    @APIResponse(responseCode = "200", description = "A page of attempts.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeliveryList.class)))
    public Response deliveries(@Parameter(description = "The subscription's id.") @PathParam("id") String id,
            @Context UriInfo uri, @Context HttpHeaders headers) {
        return responses.list(webhooks.deliveries(id, uri.getQueryParameters()), null, uri, headers);
    }

    @POST
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Operation(operationId = "redeliverWebhook", summary = "Send an event again",
            description = "Queues the event of this attempt again, with the same `webhook-id`, behind the events the "
                    + "subscription has not yet received. A subscription that is not active is a 409.")
    @APIResponse(responseCode = "202", description = "The event is queued.",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = QueuedEvent.class)))
    public Response redeliver(@Parameter(description = "The subscription's id.") @PathParam("id") String id,
            @Parameter(description = "The attempt's id, from the deliveries.") @PathParam("deliveryId") String deliveryId) {
        return accepted(webhooks.redeliver(id, deliveryId));
    }

    private Response accepted(QueuedEvent queued) {
        return Response.accepted(queued).type(MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /** The list envelope, for the API description. */
    @Schema(name = "WebhookList", description = "The webhook subscriptions.")
    record WebhookList(List<WebhookResponse> items, ListEnvelope.PageInfo page) {
    }

    /** The list envelope, for the API description. */
    @Schema(name = "WebhookDeliveryList", description = "Delivery attempts, newest first.")
    record DeliveryList(List<WebhookDelivery> items, ListEnvelope.PageInfo page) {
    }
}
