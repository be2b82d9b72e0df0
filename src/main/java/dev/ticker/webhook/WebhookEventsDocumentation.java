package dev.ticker.webhook;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The API description's {@code webhooks} (OpenAPI 3.1): every event a subscription can receive,
 * with its payload, the Standard Webhooks headers and what the receiver should answer.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class WebhookEventsDocumentation implements OASFilter {

    /** Resource type in events → its schema in the description, and how one of it is called. */
    private static final Map<String, String[]> RESOURCES = Map.of(
            "news", new String[] { "News", "news item" },
            "issue", new String[] { "Issue", "issue" },
            "event", new String[] { "Event", "event" },
            "job", new String[] { "Job", "job posting" },
            "member", new String[] { "Member", "member" });

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents().addSchema("RemovedResource", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("The keys of a resource that readers no longer see (unpublished or deleted).")
                .addProperty("id", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uuid"))
                .addProperty("slug", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("number", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .description("The issue's number (issues only)."))
                .required(List.of("id", "slug")));
        openAPI.getComponents().addSchema("WebhookPing", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("The subscription a ping tests.")
                .addProperty("webhook", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uuid"))
                .addProperty("url", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .required(List.of("webhook", "url")));
        for (String resource : EventTypes.RESOURCES) {
            String[] names = RESOURCES.get(resource);
            String schema = names[0];
            openAPI.getComponents().addSchema(schema + "Changed", payload(List.of(resource + ".published", resource + ".updated"),
                    schema, "A " + names[1] + " that readers see: published, or changed while published."));
            openAPI.getComponents().addSchema(schema + "Removed", payload(List.of(resource + ".unpublished", resource + ".deleted"),
                    "RemovedResource", "A " + names[1] + " that readers no longer see: unpublished (draft, scheduled or archived "
                            + "again) or deleted."));
            for (String action : EventTypes.ACTIONS) {
                boolean removed = action.equals("unpublished") || action.equals("deleted");
                openAPI.addWebhook(resource + "." + action, OASFactory.createPathItem().POST(operation(resource + "." + action,
                        describe(names[1], action), schema + (removed ? "Removed" : "Changed"))));
            }
        }
        openAPI.getComponents().addSchema("PingEvent", payload(List.of(EventTypes.PING), "WebhookPing",
                "Sent on request (`POST /v1/webhooks/{id}/ping`) to test a subscription."));
        openAPI.addWebhook(EventTypes.PING, OASFactory.createPathItem().POST(operation(EventTypes.PING,
                "Sent to one subscription when an admin asks for it (`POST /v1/webhooks/{id}/ping`), whatever its `events`.",
                "PingEvent")));
    }

    private static String describe(String noun, String action) {
        return switch (action) {
            case "published" -> "A " + noun + " became visible to readers without a token: created as published, published "
                    + "by an editor, by the scheduler or with its issue" + (noun.equals("member") ? " (members: created)" : "")
                    + ". `data` is the " + noun + " as `GET` shows it to them.";
            case "updated" -> "A published " + noun + " changed. `data` is the " + noun + " as `GET` shows it to readers "
                    + "without a token.";
            case "unpublished" -> "A published " + noun + " became a draft, scheduled or archived. `data` holds its keys."
                    + (noun.equals("member") ? " (Members have no workflow: never sent for them.)" : "");
            default -> "A published " + noun + " was deleted. `data` holds its keys. Deleting what readers never saw sends nothing.";
        };
    }

    private static Schema payload(List<String> types, String data, String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description(description)
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .enumeration(List.copyOf(types)).examples(List.of(types.get(0))))
                .addProperty("timestamp", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("date-time")
                        .description("When the change happened (RFC 3339, milliseconds)."))
                .addProperty("data", OASFactory.createSchema().ref("#/components/schemas/" + data))
                .required(List.of("type", "timestamp", "data"));
    }

    private static Operation operation(String type, String description, String schema) {
        String id = type.replace(".", " ");
        String operationId = java.util.Arrays.stream(id.split(" ")).map(w -> Character.toUpperCase(w.charAt(0)) + w.substring(1))
                .reduce("on", String::concat);
        return OASFactory.createOperation().operationId(operationId).summary("Event " + type)
                .description(description + " Delivered as Standard Webhooks say: verify `webhook-signature` with the "
                        + "subscription's secret before trusting the body; the same `webhook-id` comes again on every retry.")
                .addTag("webhooks")
                .security(List.of())
                .parameters(List.of(
                        header("webhook-id", "The event's id: the same on every retry; drop events whose id you have seen."),
                        header("webhook-timestamp", "When this attempt was signed, in Unix seconds; refuse old ones (e.g. > 5 minutes)."),
                        header("webhook-signature", "`v1,` and the base64 HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` "
                                + "with the base64-decoded part of the secret after `whsec_`; several, separated by spaces, "
                                + "while a rotated secret still signs.")))
                .requestBody(OASFactory.createRequestBody().required(true).content(OASFactory.createContent()
                        .addMediaType("application/json", OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref("#/components/schemas/" + schema)))))
                .responses(OASFactory.createAPIResponses()
                        .addAPIResponse("204", OASFactory.createAPIResponse().description(
                                "Received. Any 2xx within the timeout (10 s) ends the event's delivery."))
                        .addAPIResponse("400", OASFactory.createAPIResponse().description(
                                "Any other answer, or none, is a failed attempt: the event is sent again with exponential "
                                        + "backoff for 24 h, then the subscription is disabled.")));
    }

    private static Parameter header(String name, String description) {
        return OASFactory.createParameter().name(name).in(Parameter.In.HEADER).required(true).description(description)
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }
}
