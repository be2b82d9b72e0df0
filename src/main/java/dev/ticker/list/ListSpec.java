package dev.ticker.list;

import dev.ticker.problem.ProblemException;
import dev.ticker.content.Text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;

/**
 * What one resource type's list accepts: its filters, sort fields, default sort, the
 * properties `fields` may name and the relations `include` may name. Anything else is a 400.
 */
public final class ListSpec<E> {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final Set<String> COMMON = Set.of("limit", "cursor", "sort", "fields", "include");

    private final Map<String, SortField<E>> sortFields = new LinkedHashMap<>();
    private final List<SortOrder<E>> defaultSort;
    private final Set<String> filters;
    private final Set<String> fieldNames;
    private final Set<String> relations;

    /**
     * @param defaultSort for example "-publishedAt"
     * @param fieldNames  the top-level properties of one item in a response
     */
    public ListSpec(List<SortField<E>> sortFields, String defaultSort, Set<String> filters, Set<String> fieldNames,
            Set<String> relations) {
        sortFields.forEach(f -> this.sortFields.put(f.name(), f));
        this.filters = filters;
        this.fieldNames = fieldNames;
        this.relations = relations;
        this.defaultSort = parseSort(defaultSort);
    }

    public ListRequest<E> parse(UriInfo uri) {
        MultivaluedMap<String, String> params = uri.getQueryParameters();
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> param : params.entrySet()) {
            String name = param.getKey();
            if (!COMMON.contains(name) && !filters.contains(name)) {
                throw ProblemException.badRequest("Unknown query parameter '" + safe(name) + "'. Allowed: "
                        + String.join(", ", allowed()) + ".");
            }
            if (param.getValue().size() > 1) {
                throw ProblemException.badRequest("Query parameter '" + name + "' is given more than once.");
            }
            String value = param.getValue().get(0);
            if (Text.problemOf(value) != null) {
                throw ProblemException.badRequest("Query parameter '" + name + "' " + Text.problemOf(value) + ".");
            }
            given.put(name, value);
        }
        int limit = parseLimit(given.remove("limit"));
        String sortParam = given.remove("sort");
        List<SortOrder<E>> sort = sortParam == null ? defaultSort : parseSort(sortParam);
        String cursorParam = given.remove("cursor");
        Cursor cursor = cursorParam == null ? null : Cursor.decode(cursorParam, sort);
        Set<String> fields = parseFields(given.remove("fields"), fieldNames);
        Set<String> include = parseInclude(given.remove("include"), relations);
        return new ListRequest<>(limit, sort, cursor, fields, given, include);
    }

    /** Checks the parameters of a single-item GET: only `fields` and `include`. */
    public static ItemRequest parseItem(UriInfo uri, Set<String> fieldNames, Set<String> relations) {
        Set<String> fields = null;
        Set<String> include = Set.of();
        for (Map.Entry<String, List<String>> param : uri.getQueryParameters().entrySet()) {
            String value = param.getValue().get(0);
            if (param.getValue().size() > 1) {
                throw ProblemException.badRequest("Query parameter '" + safe(param.getKey()) + "' is given more than once.");
            }
            switch (param.getKey()) {
                case "fields" -> fields = parseFields(value, fieldNames);
                case "include" -> include = parseInclude(value, relations);
                default -> throw ProblemException.badRequest("Unknown query parameter '" + safe(param.getKey())
                        + "'. Allowed: fields" + (relations.isEmpty() ? "" : ", include") + ".");
            }
        }
        return new ItemRequest(fields, include);
    }

    /** The parameters of a single-item GET. */
    public record ItemRequest(Set<String> fields, Set<String> include) {
        public boolean includes(String relation) {
            return include.contains(relation);
        }
    }

    private Set<String> allowed() {
        Set<String> all = new TreeSet<>(filters);
        all.addAll(List.of("limit", "cursor", "sort", "fields"));
        if (!relations.isEmpty()) {
            all.add("include");
        }
        return all;
    }

    private static int parseLimit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest("'limit' must be a whole number from 1 to " + MAX_LIMIT + ".");
    }

    private List<SortOrder<E>> parseSort(String value) {
        List<SortOrder<E>> sort = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            boolean descending = part.startsWith("-");
            String name = descending ? part.substring(1) : part;
            SortField<E> field = sortFields.get(name);
            if (field == null) {
                throw ProblemException.badRequest("Cannot sort by '" + safe(name) + "'. Sortable: "
                        + String.join(", ", sortFields.keySet()) + " (prefix '-' for descending).");
            }
            if (!seen.add(name)) {
                throw ProblemException.badRequest("'sort' names '" + name + "' twice.");
            }
            sort.add(new SortOrder<>(field, descending));
        }
        return List.copyOf(sort);
    }

    private static Set<String> parseFields(String value, Set<String> fieldNames) {
        if (value == null) {
            return null;
        }
        Set<String> fields = new LinkedHashSet<>();
        fields.add("id");
        for (String name : value.split(",", -1)) {
            if (!fieldNames.contains(name)) {
                throw ProblemException.badRequest("Unknown field '" + safe(name) + "' in 'fields'. Known: "
                        + String.join(", ", new TreeSet<>(fieldNames)) + ".");
            }
            fields.add(name);
        }
        return fields;
    }

    private static Set<String> parseInclude(String value, Set<String> relations) {
        if (value == null) {
            return Set.of();
        }
        Set<String> include = new LinkedHashSet<>();
        for (String name : value.split(",", -1)) {
            if (!relations.contains(name)) {
                throw ProblemException.badRequest("Cannot include '" + safe(name) + "'."
                        + (relations.isEmpty() ? "" : " Includable: " + String.join(", ", relations) + "."));
            }
            include.add(name);
        }
        return include;
    }

    /** The top-level JSON properties of a response record: what `fields` may name. */
    public static Set<String> fieldsOf(Class<? extends Record> response) {
        Set<String> names = new LinkedHashSet<>();
        for (java.lang.reflect.RecordComponent component : response.getRecordComponents()) {
            names.add(component.getName());
        }
        return Set.copyOf(names);
    }

    /** Echo client input in messages only when it is short and printable. */
    static String safe(String value) {
        String printable = value.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }
}
