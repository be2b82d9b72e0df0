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

    /** A date filter such as from=2025-11-12; a malformed one is a 400. */
    public java.time.LocalDate date(String name) {
        String value = filters.get(name);
        if (value == null) {
            return null;
        }
        try {
            return Rfc3339.date(value);
        } catch (java.time.DateTimeException e) {
            throw ProblemException.badRequest("'" + name + "' must be a date such as 2025-11-12.");
        }
    }

    public boolean includes(String relation) {
        return include.contains(relation);
    }
}
