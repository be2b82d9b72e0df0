package dev.ticker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Holds every response the test suite receives to the committed contract, openapi/openapi.yaml:
 * the status must be one the operation declares, the media type one that status declares, and a
 * JSON body must fit its schema, strictly: a property the schema does not name, a null where it
 * declares no null, a wrong type, each fails the test that received it. Requests the contract does
 * not describe (other paths, OPTIONS) are not judged. Installed for every @QuarkusTest by
 * {@link ContractValidationCallback}.
 */
public final class ContractValidation implements Filter {

    public static final ContractValidation INSTANCE = new ContractValidation(Path.of("openapi/openapi.yaml"));

    private record Operation(String method, String template, Pattern path, JsonNode node) {
    }

    private final JsonNode components;
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    /** JSON Schema 2020-12, knowing "components" (where the contract's schemas are) as a keyword that validates nothing. */
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.metaSchema(JsonMetaSchema.builder(JsonMetaSchema.getV202012())
                    .keyword(new NonValidationKeyword("components")).build()));

    private ContractValidation(Path contract) {
        JsonNode doc;
        try {
            doc = new ObjectMapper(new YAMLFactory()).readTree(contract.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.components = strict(doc.path("components").deepCopy());
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> operations.add(
                new Operation(op.getKey().toUpperCase(), path.getKey(), pattern(path.getKey()), op.getValue()))));
    }

    @Override
    public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification expected,
            FilterContext context) {
        Response response = context.next(request, expected);
        List<String> violations = check(request.getMethod(), URI.create(request.getURI()).getRawPath(), response);
        if (!violations.isEmpty()) {
            throw new AssertionError("The response to " + request.getMethod() + " " + request.getURI()
                    + " contradicts openapi/openapi.yaml:\n  " + String.join("\n  ", violations) + "\n" + response.asString());
        }
        return response;
    }

    List<String> check(String method, String path, Response response) {
        return check(method, path, response.statusCode(), response.contentType(), response.asByteArray());
    }

    /**
     * The same check for a response received by other means than REST Assured (the fuzz test's
     * raw sockets): its status, Content-Type (null when none) and body.
     */
    public List<String> check(String method, String path, int status, String contentType, byte[] body) {
        boolean head = method.equals("HEAD");
        Operation operation = operations.stream()
                .filter(op -> op.method().equals(head ? "GET" : method) && op.path().matcher(path).matches())
                .findFirst().orElse(null);
        if (operation == null) {
            return List.of(); // not an operation of the contract
        }
        String name = method + " " + operation.template();
        JsonNode declared = operation.node().path("responses").path(String.valueOf(status));
        if (declared.isMissingNode()) {
            declared = operation.node().path("responses").path(status / 100 + "XX");
        }
        if (declared.isMissingNode()) {
            declared = operation.node().path("responses").path("default");
        }
        if (declared.isMissingNode()) {
            return List.of(name + " does not declare the status " + status + " (declared: "
                    + iterable(operation.node().path("responses").fieldNames()) + ")");
        }
        if (head || status == 204 || status == 304 || body.length == 0 && !declared.has("content")) {
            return List.of();
        }
        if (body.length == 0) {
            return List.of(name + " " + status + " declares a body (" + iterable(declared.path("content").fieldNames())
                    + ") but the response has none");
        }
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        JsonNode media = declared.path("content").path(type);
        if (media.isMissingNode()) {
            return List.of(name + " " + status + " does not declare the media type '" + type + "' (declared: "
                    + iterable(declared.path("content").fieldNames()) + ")");
        }
        if (!type.endsWith("json") || media.path("schema").isMissingNode()) {
            return List.of();
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(body);
        } catch (IOException e) {
            return List.of(name + " " + status + " is not JSON: " + e.getMessage());
        }
        JsonSchema schema = schemas.computeIfAbsent(name + " " + status + " " + type, key -> schemaOf(media.path("schema")));
        Set<ValidationMessage> messages = schema.validate(json);
        return messages.stream().map(m -> name + " " + status + ": " + m.getMessage()).sorted().collect(Collectors.toList());
    }

    private JsonSchema schemaOf(JsonNode schema) {
        ObjectNode root = strict(schema.deepCopy()) instanceof ObjectNode object ? object : new ObjectMapper().createObjectNode();
        root.set("components", components);
        return factory.getSchema(root);
    }

    /** The contract as the validator reads it: an object schema that names its properties allows no others. */
    private static <T extends JsonNode> T strict(T node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.elements().forEachRemaining(ContractValidation::strict);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(ContractValidation::strict);
        }
        return node;
    }

    private static String iterable(Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return String.join(", ", all);
    }

    /** "/v1/news/{idOrSlug}" → ^/v1/news/[^/]+/?$ */
    private static Pattern pattern(String template) {
        StringBuilder regex = new StringBuilder("^");
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.append("/?$").toString());
    }
}
