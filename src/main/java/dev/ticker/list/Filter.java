package dev.ticker.list;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.ticker.content.ApiValue;
import dev.ticker.content.Rfc3339;
import dev.ticker.content.Slugs;
import dev.ticker.problem.ProblemException;

/**
 * One filter of a list, declared once: its name, what it selects, an example, the type of its
 * value and how the value is read. The declaration drives the parsing of the query parameter, the
 * "unknown parameter; allowed: …" answer and the parameter in the API description.
 *
 * @param <V> the type of the value after parsing
 */
public final class Filter<V> {

    /** The type of the value, as the API description shows it. */
    public enum Type {
        STRING, BOOLEAN, INTEGER, DATE,
        /** Comma-separated values of {@link #values()}: an array, {@code style: form, explode: false}. */
        LIST
    }

    private final String name;
    private final String description;
    private final String example;
    private final Type type;
    private final List<String> values;
    private final String expected;
    private final Function<String, V> parser;
    private final String role;
    private final Predicate<V> open;
    private final boolean refusedAsBadRequest;

    private Filter(String name, String description, String example, Type type, List<String> values, String expected,
            Function<String, V> parser, String role) {
        this(name, description, example, type, values, expected, parser, role, Boolean.FALSE::equals, false);
    }

    private Filter(String name, String description, String example, Type type, List<String> values, String expected,
            Function<String, V> parser, String role, Predicate<V> open, boolean refusedAsBadRequest) {
        this.name = name;
        this.description = description;
        this.example = example;
        this.type = type;
        this.values = values;
        this.expected = expected;
        this.parser = parser;
        this.role = role;
        this.open = open;
        this.refusedAsBadRequest = refusedAsBadRequest;
    }

    /** Any text, compared as it is. */
    public static Filter<String> text(String name, String description, String example) {
        return new Filter<>(name, description, example, Type.STRING, List.of(), null, value -> value, null);
    }

    /** {@code true} or {@code false}. */
    public static Filter<Boolean> flag(String name, String description) {
        return new Filter<>(name, description, null, Type.BOOLEAN, List.of(), "true or false", value -> switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        }, null);
    }

    /** A calendar day, YYYY-MM-DD. */
    public static Filter<LocalDate> date(String name, String description, String example) {
        return new Filter<>(name, description, example, Type.DATE, List.of(), "a date such as 2025-11-12", value -> {
            try {
                return Rfc3339.date(value);
            } catch (DateTimeException e) {
                return null;
            }
        }, null);
    }

    /** A positive whole number, such as an issue number; {@code what} names it in the answer to a bad value. */
    public static Filter<Integer> number(String name, String what, String description, String example) {
        return new Filter<>(name, description, example, Type.INTEGER, List.of(), what + " such as " + example,
                Slugs::asNumber, null);
    }

    /** One of the values of an API enumeration, such as {@code in_person}. */
    public static <E extends Enum<E> & ApiValue> Filter<E> oneOf(String name, Class<E> type, String description,
            String example) {
        List<String> values = Arrays.stream(type.getEnumConstants()).map(ApiValue::value).toList();
        String expected = String.join(", ", values.subList(0, values.size() - 1)) + " or " + values.get(values.size() - 1);
        return new Filter<>(name, description, example, Type.STRING, values, expected, value -> ApiValue.of(type, value),
                null);
    }

    /**
     * One or more values of an API enumeration, comma-separated ({@code draft,scheduled}); each at
     * most once.
     */
    public static <E extends Enum<E> & ApiValue> Filter<Set<E>> anyOf(String name, Class<E> type, String description,
            String example) {
        List<String> values = Arrays.stream(type.getEnumConstants()).map(ApiValue::value).toList();
        String expected = "one or more of " + String.join(", ", values) + ", separated by commas";
        return new Filter<>(name, description, example, Type.LIST, values, expected, value -> {
            Set<E> parsed = EnumSet.noneOf(type);
            for (String part : value.split(",", -1)) {
                E constant = ApiValue.of(type, part);
                if (constant == null || !parsed.add(constant)) {
                    return null;
                }
            }
            return parsed;
        }, null);
    }

    /**
     * The same filter, for callers with this role only, unless {@code open} accepts its value:
     * others get a 400 that says what they may ask for, and reveals nothing of what exists.
     */
    public Filter<V> onlyFor(String role, Predicate<V> open) {
        return new Filter<>(name, description, example, type, values, expected, parser, role, open, true);
    }

    /**
     * The same filter, for callers with this role only, unless it has its neutral value
     * ({@code false}): anonymous callers get a 401, others a 403.
     */
    public Filter<V> forRole(String role) {
        return new Filter<>(name, description, example, type, values, expected, parser, role, Boolean.FALSE::equals, false);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String example() {
        return example;
    }

    public Type type() {
        return type;
    }

    /** The values it takes, when it takes only some. */
    public List<String> values() {
        return values;
    }

    /** The role a caller needs to use it, or null. */
    public String role() {
        return role;
    }

    /** Whether a caller without {@link #role()} may use this value. */
    boolean openToAll(Object value) {
        @SuppressWarnings("unchecked")
        V typed = (V) value;
        return open.test(typed);
    }

    /** Whether a caller without the role gets a 400 (rather than a 401 or 403). */
    boolean refusedAsBadRequest() {
        return refusedAsBadRequest;
    }

    /** The value of a query parameter; a value of the wrong form is a 400 that says what is expected. */
    public V parse(String value) {
        V parsed = parser.apply(value);
        if (parsed == null) {
            throw ProblemException.badRequest("'" + name + "' must be " + expected + ".");
        }
        return parsed;
    }
}
