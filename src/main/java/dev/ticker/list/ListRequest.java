package dev.ticker.list;

import dev.ticker.problem.ProblemException;
import dev.ticker.content.Rfc3339;

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

    /** The `from` and `to` date filters (either may be null); `from` after `to` is a 400. */
    public DateRange dateRange() {
        java.time.LocalDate from = date("from");
        java.time.LocalDate to = date("to");
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.badRequest("'from' must not be after 'to'.");
        }
        return new DateRange(from, to);
    }

    /** Two calendar days, both inclusive; either may be open. */
    public record DateRange(java.time.LocalDate from, java.time.LocalDate to) {
    }

    public boolean includes(String relation) {
        return include.contains(relation);
    }
}
