package dev.ticker.event;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks JSON-LD against the part of schema.org's vocabulary that Ticker uses, kept in
 * {@code src/test/resources/schema.org/vocabulary.json} (there is no network in the build): every
 * {@code @type} is a schema.org type, every property is one that its type (or a parent) has, an
 * object's type is one the property expects, and a text is what the property expects (a date, an
 * absolute URL, a member of an enumeration).
 */
public final class SchemaOrgVocabulary {

    private static final String SCHEMA = "https://schema.org/";
    private static final Set<String> DATA_TYPES = Set.of("Text", "URL", "Date", "DateTime", "Number", "Boolean");
    private static final JsonNode VOCABULARY = load();

    private SchemaOrgVocabulary() {
    }

    /** What is wrong with a JSON-LD document; empty when it uses schema.org as schema.org defines it. */
    public static List<String> problems(JsonNode document) {
        List<String> problems = new ArrayList<>();
        if (!"https://schema.org".equals(document.path("@context").asText())) {
            problems.add("@context is not https://schema.org");
        }
        check(document, "$", null, problems);
        return problems;
    }

    private static void check(JsonNode node, String path, JsonNode expected, List<String> problems) {
        String type = node.path("@type").asText(null);
        if (type == null || !VOCABULARY.path("types").has(type)) {
            problems.add(path + ": @type " + type + " is not a schema.org type of the vocabulary");
            return;
        }
        if (expected != null && !isA(type, expected)) {
            problems.add(path + ": a " + type + " where " + expected + " is expected");
        }
        node.fields().forEachRemaining(field -> {
            String property = field.getKey();
            if (property.equals("@type") || property.equals("@context") && path.equals("$")) {
                return;
            }
            String at = path + "." + property;
            if (!hasProperty(type, property)) {
                problems.add(at + ": " + type + " has no property " + property);
                return;
            }
            JsonNode ranges = VOCABULARY.path("ranges").get(property);
            if (ranges == null) {
                problems.add(at + ": the vocabulary names no range for " + property);
                return;
            }
            List<JsonNode> values = new ArrayList<>();
            if (field.getValue().isArray()) {
                field.getValue().forEach(values::add);
            } else {
                values.add(field.getValue());
            }
            for (JsonNode value : values) {
                if (value.isObject()) {
                    check(value, at, ranges, problems);
                } else {
                    String problem = valueProblem(value, ranges);
                    if (problem != null) {
                        problems.add(at + ": " + problem);
                    }
                }
            }
        });
    }

    /** Whether a literal fits one of the expected types; null when it does. */
    private static String valueProblem(JsonNode value, JsonNode ranges) {
        Set<String> expected = new HashSet<>();
        ranges.forEach(range -> expected.add(range.asText()));
        if (value.isBoolean()) {
            return expected.contains("Boolean") ? null : "a boolean where " + expected + " is expected";
        }
        if (value.isNumber()) {
            return expected.contains("Number") ? null : "a number where " + expected + " is expected";
        }
        if (!value.isTextual()) {
            return "neither text, number, boolean nor object";
        }
        String text = value.asText();
        for (String range : expected) {
            JsonNode members = VOCABULARY.path("enumerations").get(range);
            if (members != null) {
                for (JsonNode member : members) {
                    if (text.equals(SCHEMA + member.asText())) {
                        return null;
                    }
                }
            }
        }
        if (expected.contains("Text")) {
            return null;
        }
        if (expected.contains("URL") && (text.startsWith("https://") || text.startsWith("http://"))) {
            return null;
        }
        if (expected.contains("DateTime") && isDateTime(text) || expected.contains("Date") && isDate(text)) {
            return null;
        }
        return "'" + text + "' is none of " + expected;
    }

    private static boolean isDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** An ISO 8601 date and time with its UTC offset (Google asks for the offset). */
    private static boolean isDateTime(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static boolean isA(String type, JsonNode expected) {
        for (String t = type; t != null; t = VOCABULARY.path("types").path(t).path("parent").asText(null)) {
            for (JsonNode range : expected) {
                if (range.asText().equals(t)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasProperty(String type, String property) {
        for (String t = type; t != null; t = VOCABULARY.path("types").path(t).path("parent").asText(null)) {
            for (JsonNode declared : VOCABULARY.path("types").path(t).path("properties")) {
                if (declared.asText().equals(property)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static JsonNode load() {
        try (InputStream in = SchemaOrgVocabulary.class.getResourceAsStream("/schema.org/vocabulary.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
