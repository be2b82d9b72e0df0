package dev.ticker.list;

import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.ticker.problem.Problem;
import dev.ticker.problem.ProblemException;

/**
 * What a single-item GET takes: {@code fields} (a sparse fieldset of the response's properties)
 * and {@code include} (relations to embed whole). Anything else is a 400.
 */
public record ItemSpec(Set<String> fields, Set<String> relations) {

    /** A resource that takes no query parameters at all. */
    public static final ItemSpec NONE = new ItemSpec(Set.of(), Set.of());

    static ItemSpec of(Set<String> fields, Set<String> relations) {
        return new ItemSpec(Set.copyOf(fields), Set.copyOf(relations));
    }

    /** The parameters of one request. */
    public ItemRequest parse(Map<String, List<String>> query) {
        Set<String> accepted = fields.isEmpty() ? Set.of() : Set.of("fields", "include");
        Set<String> listed = fields.isEmpty() ? Set.of() : relations.isEmpty() ? Set.of("fields") : new TreeSet<>(accepted);
        Map<String, String> given = ListSpec.single(query, accepted, listed);
        return new ItemRequest(parseFields(given.get("fields")), parseInclude(given.get("include")));
    }

    Set<String> parseFields(String value) {
        if (value == null) {
            return null;
        }
        Set<String> selected = new LinkedHashSet<>();
        selected.add("id");
        for (String name : value.split(",", -1)) {
            if (!fields.contains(name)) {
                throw ProblemException.badRequest("Unknown field '" + Problem.echo(name) + "' in 'fields'. Known: "
                        + String.join(", ", new TreeSet<>(fields)) + ".");
            }
            selected.add(name);
        }
        return selected;
    }

    Set<String> parseInclude(String value) {
        if (value == null) {
            return Set.of();
        }
        Set<String> include = new LinkedHashSet<>();
        for (String name : value.split(",", -1)) {
            if (!relations.contains(name)) {
                throw ProblemException.badRequest("Cannot include '" + Problem.echo(name) + "'."
                        + (relations.isEmpty() ? "" : " Includable: " + String.join(", ", new TreeSet<>(relations)) + "."));
            }
            include.add(name);
        }
        return include;
    }

    /** The top-level JSON properties of a response record: what {@code fields} may name. */
    static Set<String> fieldsOf(Class<? extends Record> response) {
        Set<String> names = new LinkedHashSet<>();
        for (RecordComponent component : response.getRecordComponents()) {
            names.add(component.getName());
        }
        return names;
    }

    /** The parameters of a single-item GET. */
    public record ItemRequest(Set<String> fields, Set<String> include) {

        public boolean includes(String relation) {
            return include.contains(relation);
        }
    }
}
