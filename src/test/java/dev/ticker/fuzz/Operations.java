package dev.ticker.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The operations of the committed contract, openapi/openapi.yaml: what the fuzz test aims at. */
final class Operations {

    /** One operation: its method, path template, parameters by where they go, and the media types of its body. */
    record Operation(String method, String template, List<String> pathParams, List<String> queryParams, List<String> headerParams,
            List<String> bodyTypes) {

        /** The collection segment: members, news, events, jobs, issues, search, tokens, webhooks. */
        String type() {
            return template.split("/")[2];
        }

        boolean takesIfMatch() {
            return headerParams.contains("If-Match");
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private Operations() {
    }

    static List<Operation> read(Path contract) {
        JsonNode doc;
        try {
            doc = new ObjectMapper(new YAMLFactory()).readTree(contract.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Operation> operations = new ArrayList<>();
        doc.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!List.of("get", "put", "post", "patch", "delete").contains(op.getKey())) {
                return;
            }
            List<String> pathParams = new ArrayList<>();
            List<String> queryParams = new ArrayList<>();
            List<String> headerParams = new ArrayList<>();
            for (JsonNode parameter : op.getValue().path("parameters")) {
                JsonNode resolved = parameter.has("$ref") ? resolve(doc, parameter.get("$ref").asText()) : parameter;
                String name = resolved.path("name").asText();
                switch (resolved.path("in").asText()) {
                    case "path" -> pathParams.add(name);
                    case "query" -> queryParams.add(name);
                    case "header" -> headerParams.add(name);
                    default -> {
                    }
                }
            }
            List<String> bodyTypes = new ArrayList<>();
            op.getValue().path("requestBody").path("content").fieldNames().forEachRemaining(bodyTypes::add);
            operations.add(new Operation(op.getKey().toUpperCase(), path.getKey(), pathParams, queryParams, headerParams, bodyTypes));
        }));
        return List.copyOf(operations);
    }

    private static JsonNode resolve(JsonNode doc, String ref) {
        JsonNode node = doc;
        for (String part : ref.substring(2).split("/")) {
            node = node.path(part);
        }
        return node;
    }
}
