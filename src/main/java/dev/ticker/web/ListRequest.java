package dev.ticker.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parsed, validated parameters of a list request. */
public record ListRequest<E>(int limit, List<SortOrder<E>> sort, Cursor cursor, Set<String> fields,
        Map<String, String> filters, Set<String> include) {

    public String filter(String name) {
        return filters.get(name);
    }

    public boolean includes(String relation) {
        return include.contains(relation);
    }
}
