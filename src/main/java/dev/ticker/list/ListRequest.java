package dev.ticker.list;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.ticker.problem.ProblemException;

/**
 * The parsed, validated parameters of a list request. With {@code text} (the parameter {@code q})
 * the list is a search: ranked, and the cursor is a ranked one.
 */
public record ListRequest<E>(int limit, List<SortOrder<E>> sort, Cursor cursor, Set<String> fields,
        Map<Filter<?>, Object> filters, Set<String> include, TextQuery text) {

    /** The value of a filter, or null when the request does not use it. */
    @SuppressWarnings("unchecked")
    public <V> V get(Filter<V> filter) {
        return (V) filters.get(filter);
    }

    /** Two date filters that form a range, both days inclusive; either may be open, {@code from} after {@code to} is a 400. */
    public DateRange dateRange(Filter<LocalDate> fromFilter, Filter<LocalDate> toFilter) {
        LocalDate from = get(fromFilter);
        LocalDate to = get(toFilter);
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.badRequest("'" + fromFilter.name() + "' must not be after '" + toFilter.name() + "'.");
        }
        return new DateRange(from, to);
    }

    /** Two calendar days, both inclusive; either may be open. */
    public record DateRange(LocalDate from, LocalDate to) {
    }

    public boolean includes(String relation) {
        return include.contains(relation);
    }
}
