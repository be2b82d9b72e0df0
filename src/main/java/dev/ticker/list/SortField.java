package dev.ticker.list;

import java.time.Instant;
import java.util.function.Function;

import dev.ticker.content.Rfc3339;

/**
 * A field a list may be sorted by: its API name, the entity property (HQL path) and how to read
 * its value from an entity for the keyset cursor.
 */
public record SortField<E>(String name, String property, Class<?> type, boolean nullable, Function<E, Object> getter) {

    public static <E> SortField<E> of(String name, String property, Class<?> type, Function<E, Object> getter) {
        return new SortField<>(name, property, type, false, getter);
    }

    public static <E> SortField<E> nullable(String name, String property, Class<?> type, Function<E, Object> getter) {
        return new SortField<>(name, property, type, true, getter);
    }

    Object parse(String value) {
        if (value == null) {
            return null;
        }
        if (type == Instant.class) {
            return Rfc3339.instant(value);
        }
        if (type == Integer.class) {
            return Integer.valueOf(value);
        }
        if (type == java.time.LocalDate.class) {
            return Rfc3339.date(value);
        }
        if (type == java.time.LocalTime.class) {
            return java.time.LocalTime.parse(value);
        }
        if (type == java.time.LocalDateTime.class) {
            // a local date and time (events sort by their wall-clock start), as LocalDateTime.toString wrote it
            java.time.LocalDateTime dateTime = java.time.LocalDateTime.parse(value);
            return Rfc3339.inRange(dateTime);
        }
        return value;
    }
}
