package dev.ticker.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

import dev.ticker.list.Filter;
import dev.ticker.list.ListSpec;
import dev.ticker.list.TextQuery;
import dev.ticker.problem.ProblemMapper;

/**
 * Adds what every operation shares to the API description, so no resource repeats it: the
 * bearer scheme ({@code security: []} on public reads), the problem responses, the paging
 * parameters of lists and the caching headers.
 */
public class OpenApiConventions implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    /** The roles an operation needs, by name, as {@code @RolesAllowed} says. */
    public static final String ROLES = "x-ticker-roles";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getComponents()
                .addSecurityScheme("bearer", OASFactory.createSecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API token: `Authorization: Bearer <token>`. Writes need the role editor or admin."))
                .addSchema("Problem", problemSchema())
                .addSchema("FieldError", fieldErrorSchema());
        openAPI.getComponents().getSchemas().values().forEach(OpenApiConventions::admitNullWhereDeclared);
        if (openAPI.getPaths() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean item = path.getKey().endsWith("}");
            // a list that belongs to one resource, such as its revisions: 404 when the resource is unknown
            boolean ofItem = !item && path.getKey().contains("}");
            boolean pagedOfItem = ofItem && (path.getKey().endsWith("/revisions") || path.getKey().endsWith("/deliveries"));
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().getOperations().entrySet()) {
                describe(entry.getKey(), entry.getValue(), item, ofItem, pagedOfItem);
                if (path.getKey().startsWith("/v1/")) {
                    rateLimited(entry.getKey(), entry.getValue());
                }
            }
        }
    }

    private void describe(PathItem.HttpMethod method, Operation operation, boolean item, boolean ofItem, boolean pagedOfItem) {
        if (operation.getParameters() != null) {
            // parameters documented without a binding (read from UriInfo) carry no schema: they are strings
            operation.getParameters().stream().filter(p -> p.getSchema() == null && p.getContent() == null)
                    .forEach(p -> p.setSchema(string()));
        }
        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("400", "Malformed request: a bad parameter or body.");
        // who may call it comes from @RolesAllowed / @PermitAll (SmallRye adds a requirement for the roles)
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (secured) {
            // the roles, which SmallRye lists as scopes, go to an extension: scopes are for OAuth 2 schemes
            List<String> roles = operation.getSecurity().stream().flatMap(r -> r.getSchemes().values().stream())
                    .flatMap(List::stream).distinct().sorted().toList();
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme("bearer")));
            operation.addExtension(ROLES, roles);
            operation.setDescription(operation.getDescription() + " Needs a bearer token of the role " + String.join(" or ", roles)
                    + (roles.contains("editor") ? " (an admin is an editor too)." : "."));
        } else {
            operation.setSecurity(new ArrayList<>()); // public
        }
        problems.put("401", secured ? "No bearer token, or not a valid one."
                : "The bearer token sent is not valid (none is needed).");
        if (secured) {
            problems.put("403", "The token's role does not allow this.");
        }
        for (String status : List.of("401", "403")) {
            APIResponse added = operation.getResponses().getAPIResponse(status);
            if (added != null && added.getContent() == null) {
                operation.getResponses().removeAPIResponse(status); // SmallRye's, without the problem document
            }
        }
        ListSpec<?> list = declaredList(operation);
        if (method == PathItem.HttpMethod.GET) {
            if (list != null) {
                addParameters(operation, list, item);
            }
            if (item || ofItem) {
                problems.put("404", "No such resource, or not visible to this caller.");
            }
            APIResponse ok = operation.getResponses().getAPIResponse("200");
            if (ok != null) {
                ok.addHeader("ETag", header("Strong validator of this representation; send it back in If-None-Match."))
                        .addHeader("Cache-Control", header("`public, max-age=60` for anonymous reads (ticker.cache.max-age); "
                                + "`private, no-cache` for reads with a token."));
                if (list != null && !item || pagedOfItem) {
                    ok.addHeader("Link", header("RFC 8288 link to the next page (rel=\"next\"), when there is one."));
                }
            }
            operation.getResponses().addAPIResponse("304", OASFactory.createAPIResponse()
                    .description("Not modified: the ETag in If-None-Match is still current."));
        } else {
            if (item || ofItem) {
                problems.put("404", "No such resource.");
            }
            boolean ifMatch = operation.getParameters() != null && operation.getParameters().stream()
                    .anyMatch(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName()));
            if (method != PathItem.HttpMethod.DELETE || ifMatch) {
                problems.put("409", "Conflict: the slug, number or name is taken, the resource is still referred to, "
                        + "or another request changed it at the same time.");
            }
            if (ifMatch) {
                problems.put("412", "If-Match does not match the current ETag.");
            }
            if (method != PathItem.HttpMethod.DELETE) {
                problems.put("415", "The body's media type is not accepted here.");
                problems.put("422", "The body is well-formed but invalid; `errors` names each field.");
            }
            APIResponse ok = operation.getResponses().getAPIResponse(method == PathItem.HttpMethod.POST ? "201" : "200");
            if (ok != null) {
                ok.addHeader("ETag", header("The ETag of the resource as it is now, for If-Match."));
                if (method == PathItem.HttpMethod.POST) {
                    ok.addHeader("Location", header("URL of the new resource."));
                }
            }
            if (method == PathItem.HttpMethod.POST) {
                idempotent(operation, problems);
            }
        }
        problems.put("406", "None of the media types in Accept can be produced.");
        problems.put("413", "The request declares a body larger than the limit.");
        addBareResponses(operation);
        problems.put("500", "The request could not be completed; the error has been logged.");
        problems.put("503", "The service cannot reach its database at the moment; try again after Retry-After seconds.");
        problems.forEach((status, description) -> {
            if (operation.getResponses().getAPIResponse(status) == null) {
                operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description)
                        .content(OASFactory.createContent().addMediaType(ProblemMapper.PROBLEM_JSON,
                                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)))));
            }
        });
        APIResponse unavailable = operation.getResponses().getAPIResponse("503");
        if (unavailable.getHeaders() == null || !unavailable.getHeaders().containsKey("Retry-After")) {
            unavailable.addHeader("Retry-After", OASFactory.createHeader()
                    .description("Seconds to wait before trying again (ticker.outage.retry-after).")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
    }

    /**
     * Every POST honours an Idempotency-Key (docs/idempotency.md; ArchitectureTest holds every
     * {@code @POST} to it): the header, the replay's header on every success, and what a key adds
     * to 400, 409 and 422.
     */
    private static void idempotent(Operation operation, Map<String, String> problems) {
        operation.addParameter(OASFactory.createParameter().name("Idempotency-Key").in(Parameter.In.HEADER)
                .description("Makes a retry safe: a repeat of this request with the same key and body by the same token within "
                        + "24 hours (ticker.idempotency.retention) answers the first answer again, byte for byte, with "
                        + "`Idempotency-Replayed: true`, and changes nothing. A key is 1 to 255 visible ASCII characters "
                        + "(a UUID, say), optionally in quotes. A request that failed keeps nothing: its retry runs again. An answer "
                        + "that holds a secret (a token, a webhook's signing secret) is not kept: its retry is a 409 pointing at "
                        + "what was made. See docs/idempotency.md.")
                .schema(string().minLength(1).maxLength(257).examples(List.of("8e03978e-40d5-43e8-bc93-6894a57f9324"))));
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("2")) {
                response.addHeader("Idempotency-Replayed", header("`true` when this is the answer to an earlier request "
                        + "with the same Idempotency-Key, replayed; absent otherwise."));
            }
        });
        problems.put("400", "Malformed request: a bad parameter, body or Idempotency-Key.");
        problems.put("409", "Conflict: the slug, number or name is taken, the resource is still referred to, "
                + "another request changed it at the same time, a request with the same Idempotency-Key is still running, "
                + "or (for answers that hold a secret) the request with this Idempotency-Key succeeded before and its "
                + "secret is not shown again.");
        problems.put("422", "The body is well-formed but invalid (`errors` names each field), or the Idempotency-Key was used "
                + "for another request.");
    }

    /**
     * The 429 of the rate limits (docs/limits.md, dev.ticker.limit.RateLimits): every write, every
     * search, and every request with a token may get one; an anonymous plain read never does.
     * Inline, as every other problem response is: the contract tests read responses without references.
     */
    private static void rateLimited(PathItem.HttpMethod method, Operation operation) {
        boolean read = method == PathItem.HttpMethod.GET || method == PathItem.HttpMethod.HEAD;
        boolean search = read && operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.QUERY && "q".equals(p.getName()));
        String what = !read ? "Too many writes from this token or client address (rate limit `writes`)."
                : search ? "Too many searches (`q`) from this token or client address (rate limit `search`), or too many "
                        + "requests with this token (`reads`); reads without a token and without `q` are not limited."
                        : "Too many requests with this token (rate limit `reads`); reads without a token are not limited.";
        operation.getResponses().addAPIResponse("429", OASFactory.createAPIResponse()
                .description(what + " Wait as long as Retry-After says (docs/limits.md).")
                .addHeader("Retry-After", OASFactory.createHeader().description("Seconds until the quota is back.")
                        .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE)))
                .addHeader("RateLimit-Policy", header("The quota (draft-ietf-httpapi-ratelimit-headers), e.g. "
                        + "`\"writes\";q=60;w=60`: 60 requests per 60 seconds."))
                .addHeader("RateLimit", header("The caller's state under the quota, e.g. `\"writes\";r=0;t=12`: none left, "
                        + "back in 12 seconds. Allowed requests under a limit carry it too."))
                .content(OASFactory.createContent().addMediaType(ProblemMapper.PROBLEM_JSON,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)))));
    }

    /** What the HTTP layer answers before any of Ticker's code runs: no problem document, only the status. */
    private static void addBareResponses(Operation operation) {
        Map<String, String> bare = new java.util.TreeMap<>(Map.of(
                "414", "The URL is longer than the HTTP layer takes (4096 bytes); answered without a body.",
                "431", "The request headers are larger than the HTTP layer takes; answered without a body."));
        bare.forEach((status, description) -> {
            if (operation.getResponses().getAPIResponse(status) == null) {
                operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description));
            }
        });
    }

    /** The list an operation names in its {@link ListSpec#OPENAPI} extension (which is then removed), or null. */
    private static ListSpec<?> declaredList(Operation operation) {
        Object declaring = operation.getExtensions() == null ? null : operation.getExtensions().get(ListSpec.OPENAPI);
        if (declaring == null) {
            return null;
        }
        operation.removeExtension(ListSpec.OPENAPI);
        return ListSpec.declaredIn(declaring.toString());
    }

    /** The query parameters of a list (paging, sort, fields, include, filters) or of one of its items (fields, include). */
    private static void addParameters(Operation operation, ListSpec<?> list, boolean item) {
        List<Parameter> params = new ArrayList<>();
        if (!item) {
            params.add(query("limit", "Page size, 1 to " + ListSpec.MAX_LIMIT + ".", OASFactory.createSchema()
                    .addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE)
                    .maximum(java.math.BigDecimal.valueOf(ListSpec.MAX_LIMIT)).defaultValue(ListSpec.DEFAULT_LIMIT)));
            params.add(query("cursor", "Opaque cursor from `page.next` of the previous page.", string()));
            params.add(query("sort", "Comma-separated sort fields, `-` for descending; ties are broken by id. Sortable: "
                    + String.join(", ", list.sortable()) + ". Default: `" + list.defaultSortText() + "`. Not with `q`.",
                    string().examples(List.of(list.defaultSortText()))));
            params.add(query("q", "German full-text search: only items that match, best first (the newest "
                    + TextQuery.WINDOW + " matches are ranked; `page.totalCapped` says when more match). The syntax of a web "
                    + "search box: words, `\"a phrase\"`, `-word`, `or`, `word*`; see `GET /v1/search` and docs/search.md. "
                    + "Combines with every filter; not with `sort`.",
                    string().minLength(1).maxLength(TextQuery.MAX_LENGTH).examples(List.of("Wohnsitzanmeldung"))));
        }
        params.add(query("fields", "Comma-separated properties to return (sparse fieldset); `id` is always included.",
                string()));
        if (!list.item().relations().isEmpty()) {
            params.add(query("include", "Relations to embed whole: " + String.join(", ", new java.util.TreeSet<>(
                    list.item().relations())) + ".", string().examples(List.copyOf(list.item().relations()))));
        }
        if (!item) {
            for (Filter<?> filter : list.filters()) {
                Parameter param = query(filter.name(), filter.description(), schemaOf(filter));
                if (filter.type() == Filter.Type.LIST) {
                    param.style(Parameter.Style.FORM).explode(false); // status=draft,scheduled
                }
                params.add(param);
            }
        }
        if (operation.getParameters() != null) {
            params.addAll(operation.getParameters());
        }
        operation.setParameters(params);
    }

    private static Schema schemaOf(Filter<?> filter) {
        Schema schema = switch (filter.type()) {
            case BOOLEAN -> OASFactory.createSchema().addType(Schema.SchemaType.BOOLEAN);
            case INTEGER -> OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).minimum(java.math.BigDecimal.ONE);
            case DATE -> string().format("date");
            case STRING -> string();
            case LIST -> OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).uniqueItems(true)
                    .items(string().enumeration(List.copyOf(filter.values())));
        };
        if (!filter.values().isEmpty() && filter.type() != Filter.Type.LIST) {
            schema.enumeration(List.copyOf(filter.values()));
        }
        if (filter.example() != null) {
            Object example = switch (filter.type()) {
                case INTEGER -> Integer.valueOf(filter.example());
                case LIST -> List.of(filter.example().split(","));
                default -> filter.example();
            };
            schema.examples(List.of(example));
        }
        return schema;
    }

    /**
     * A property declared nullable ({@code @Schema(nullable = true)}) whose schema is a reference
     * comes out as {@code anyOf: [$ref, {type: null}]}, but at times with a {@code type} that still
     * excludes null; the type must admit it too, or no null validates.
     */
    private static void admitNullWhereDeclared(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        for (Schema property : schema.getProperties().values()) {
            boolean nullable = property.getAnyOf() != null && property.getAnyOf().stream()
                    .anyMatch(option -> option.getType() != null && option.getType().contains(Schema.SchemaType.NULL));
            if (nullable && property.getType() != null && !property.getType().contains(Schema.SchemaType.NULL)) {
                property.addType(Schema.SchemaType.NULL);
            }
        }
    }

    private static Parameter query(String name, String description, Schema schema) {
        return OASFactory.createParameter().name(name).in(Parameter.In.QUERY).description(description).schema(schema);
    }

    private static Schema string() {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING);
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description).schema(string());
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details, the body of every error response.")
                .addProperty("type", string().description("Identifies the kind of problem.")
                        .examples(List.of("urn:ticker:problem:validation-failed")))
                .addProperty("title", string().description("Short summary of the kind of problem.")
                        .examples(List.of("Validation failed")))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("The HTTP status code.").examples(List.of(422)))
                .addProperty("detail", string().description("What went wrong with this request.")
                        .examples(List.of("1 field is invalid.")))
                .addProperty("instance", string().description("The request path.").examples(List.of("/v1/members")))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("Field errors of a validation failure (422).")
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")))
                .required(List.of("type", "title", "status"));
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).description("One invalid field of a request.")
                .addProperty("field", string().description("The field, as a JSON path into the request body.")
                        .examples(List.of("name")))
                .addProperty("message", string().description("Why the value is invalid.")
                        .examples(List.of("must not be blank")))
                .required(List.of("field", "message"));
    }
}
