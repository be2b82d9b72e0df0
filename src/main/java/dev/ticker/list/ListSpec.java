package dev.ticker.list;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import dev.ticker.content.ContentEntity;
import dev.ticker.content.Text;
import dev.ticker.problem.Problem;
import dev.ticker.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * What one resource type's list accepts, declared once: its sort fields and default sort, its
 * filters, the properties {@code fields} may name and the relations {@code include} may name.
 * Anything else is a 400. The API description's parameters of the list and of the single-item
 * GET are made from the same declaration (see {@code OpenApiConventions}), so the two cannot
 * differ.
 */
public final class ListSpec<E extends ContentEntity> {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    /**
     * The extension that links an operation of the API description to the class that declares
     * its list ({@code static final ListSpec}): {@code @Extension(name = ListSpec.OPENAPI, value =
     * "<class>")} on a list or single-item GET. It is replaced by the parameters.
     */
    public static final String OPENAPI = "x-ticker-list";
    /** The parameters every list takes besides its filters. */
    public static final List<String> PAGING = List.of("limit", "cursor", "sort", "fields", "q");

    private final Map<String, SortField<E>> sortFields;
    private final List<SortOrder<E>> defaultSort;
    private final Map<String, Filter<?>> filters;
    private final ItemSpec item;

    private ListSpec(Map<String, SortField<E>> sortFields, String defaultSort, Map<String, Filter<?>> filters, ItemSpec item) {
        this.sortFields = sortFields;
        this.filters = filters;
        this.item = item;
        this.defaultSort = defaultSort == null ? List.of() : parseSort(defaultSort);
    }

    /** A list sorted by one of these fields; the first is the default (ascending) unless {@link #byDefault} says otherwise. */
    @SafeVarargs
    public static <E extends ContentEntity> ListSpec<E> sortedBy(SortField<E>... fields) {
        Map<String, SortField<E>> sort = new LinkedHashMap<>();
        for (SortField<E> field : fields) {
            sort.put(field.name(), field);
        }
        return new ListSpec<>(sort, fields[0].name(), Map.of(), ItemSpec.of(Set.of(), Set.of()));
    }

    /** The default sort, such as "-publishedAt". */
    public ListSpec<E> byDefault(String sort) {
        return new ListSpec<>(sortFields, sort, filters, item);
    }

    public ListSpec<E> filteredBy(Filter<?>... declared) {
        Map<String, Filter<?>> byName = new LinkedHashMap<>();
        for (Filter<?> filter : declared) {
            byName.put(filter.name(), filter);
        }
        return new ListSpec<>(sortFields, defaultSortText(), java.util.Collections.unmodifiableMap(byName), item);
    }

    /** The items are this response record: {@code fields} may name its properties. */
    public ListSpec<E> showing(Class<? extends Record> response) {
        return new ListSpec<>(sortFields, defaultSortText(), filters, ItemSpec.of(ItemSpec.fieldsOf(response), item.relations()));
    }

    /** Relations {@code include} may name, such as "members". */
    public ListSpec<E> including(String... relations) {
        return new ListSpec<>(sortFields, defaultSortText(), filters, ItemSpec.of(item.fields(), Set.of(relations)));
    }

    /**
     * The list declared in a class (its one {@code static final ListSpec} field), for the API
     * description: the operations name the class in the {@link #OPENAPI} extension.
     */
    public static ListSpec<?> declaredIn(String className) {
        try {
            Class<?> type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
            List<ListSpec<?>> found = new ArrayList<>();
            for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                if (java.lang.reflect.Modifier.isStatic(field.getModifiers()) && field.getType() == ListSpec.class) {
                    field.setAccessible(true);
                    found.add((ListSpec<?>) field.get(null));
                }
            }
            if (found.size() != 1) {
                throw new IllegalStateException(className + " declares " + found.size() + " lists, not one");
            }
            return found.get(0);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("No list declared in " + className, e);
        }
    }

    /** What the single-item GET of the same type takes: {@code fields} and {@code include}. */
    public ItemSpec item() {
        return item;
    }

    public List<Filter<?>> filters() {
        return List.copyOf(filters.values());
    }

    public Set<String> sortable() {
        return sortFields.keySet();
    }

    public String defaultSortText() {
        return String.join(",", defaultSort.stream().map(SortOrder::toString).toList());
    }

    /**
     * Reads the query parameters of a list request. Unknown parameters, parameters given twice,
     * values of the wrong form and cursors of another sort are 400s; a filter reserved to a role
     * is a 401 without a token and a 403 with a token of a lower role.
     */
    public ListRequest<E> parse(Map<String, List<String>> query, SecurityIdentity caller) {
        Set<String> allowed = allowed();
        Set<String> accepted = new TreeSet<>(allowed);
        accepted.add("include"); // answered by "Cannot include …" where there is nothing to include
        Map<String, String> given = single(query, accepted, allowed);
        int limit = parseLimit(given.remove("limit"));
        String q = given.remove("q");
        TextQuery text = q == null ? null : TextQuery.parse(q);
        String sortParam = given.remove("sort");
        if (text != null && sortParam != null) {
            throw ProblemException.badRequest("'sort' cannot be combined with 'q': search results are ordered by rank.");
        }
        List<SortOrder<E>> sort = sortParam == null ? defaultSort : parseSort(sortParam);
        String cursorParam = given.remove("cursor");
        Cursor cursor = cursorParam == null ? null
                : text != null ? Cursor.decodeRanked(cursorParam) : Cursor.decode(cursorParam, sort);
        Set<String> fields = item.parseFields(given.remove("fields"));
        Set<String> include = item.parseInclude(given.remove("include"));
        Map<Filter<?>, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> param : given.entrySet()) {
            Filter<?> filter = filters.get(param.getKey());
            Object value = filter.parse(param.getValue());
            if (filter.role() != null && !filter.openToAll(value) && !caller.hasRole(filter.role())) {
                String detail = "'" + filter.name() + "=" + Problem.echo(param.getValue()) + "' needs a bearer token of the role "
                        + filter.role() + ".";
                if (filter.refusedAsBadRequest()) {
                    throw ProblemException.badRequest(detail + " Without one, only published content is listed.");
                }
                throw caller.isAnonymous() ? new ProblemException(401, "about:blank", "Unauthorized", detail, null)
                        : new ProblemException(403, "about:blank", "Forbidden", detail, null);
            }
            values.put(filter, value);
        }
        return new ListRequest<>(limit, sort, cursor, fields, values, include, text);
    }

    /**
     * The parameters of a list that only pages, in one fixed order (such as revisions, newest
     * first): {@code limit} and an opaque {@code cursor} that the list itself reads.
     */
    public static Paging paging(Map<String, List<String>> query) {
        Set<String> accepted = new TreeSet<>(Set.of("limit", "cursor"));
        Map<String, String> given = single(query, accepted, accepted);
        return new Paging(parseLimit(given.get("limit")), given.get("cursor"));
    }

    /**
     * The query parameters of a request that takes only these (each at most once); any other is
     * a 400 that names the ones allowed.
     */
    public static Map<String, String> only(Map<String, List<String>> query, Set<String> accepted) {
        return single(query, accepted, new TreeSet<>(accepted));
    }

    /** The page size and the cursor (null on the first page) of a list that only pages. */
    public record Paging(int limit, String cursor) {
    }

    /** The parameters this list takes, for "Allowed: …". */
    private Set<String> allowed() {
        Set<String> all = new TreeSet<>(filters.keySet());
        all.addAll(PAGING);
        if (!item.relations().isEmpty()) {
            all.add("include");
        }
        return all;
    }

    /**
     * The parameters of a request, each given once and free of characters text may not hold;
     * a parameter not {@code accepted} is a 400 that lists the ones worth naming.
     */
    static Map<String, String> single(Map<String, List<String>> query, Set<String> accepted, Set<String> listed) {
        Map<String, String> given = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> param : query.entrySet()) {
            String name = param.getKey();
            if (!accepted.contains(name)) {
                throw ProblemException.badRequest("Unknown query parameter '" + Problem.echo(name) + "'. " + (listed.isEmpty()
                        ? "This resource takes no query parameters." : "Allowed: " + String.join(", ", listed) + "."));
            }
            if (param.getValue().size() > 1) {
                throw ProblemException.badRequest("Query parameter '" + name + "' is given more than once.");
            }
            String value = param.getValue().get(0);
            String problem = Text.problemOf(value);
            if (problem != null) {
                throw ProblemException.badRequest("Query parameter '" + name + "' " + problem + ".");
            }
            given.put(name, value);
        }
        return given;
    }

    /** The value of {@code limit}: 1 to {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} when absent; anything else is a 400. */
    public static int parseLimit(String value) {
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
                throw ProblemException.badRequest("Cannot sort by '" + Problem.echo(name) + "'. Sortable: " + String.join(", ", sortFields.keySet())
                        + " (prefix '-' for descending).");
            }
            if (!seen.add(name)) {
                throw ProblemException.badRequest("'sort' names '" + name + "' twice.");
            }
            sort.add(new SortOrder<>(field, descending));
        }
        return List.copyOf(sort);
    }


}
