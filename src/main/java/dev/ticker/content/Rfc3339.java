package dev.ticker.content;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * RFC 3339 timestamps and calendar dates as the API accepts them: years 0001 to 9999 (the range
 * RFC 3339 can write and PostgreSQL can store), timestamps with an offset.
 */
public final class Rfc3339 {

    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

    /** A wall-clock time as the API writes and reads it: HH:mm, 00:00 to 23:59. */
    public static final String WALL_CLOCK_TIME = "^([01][0-9]|2[0-3]):[0-5][0-9]$";

    private Rfc3339() {
    }

    /** Parses a timestamp such as 2025-11-12T08:00:00Z; throws DateTimeException when it is none. */
    public static Instant instant(String text) {
        Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new DateTimeParseException("year out of range", text, 0);
        }
        return instant;
    }

    /** A local date and time in the years 0001-9999; throws DateTimeException otherwise. */
    public static java.time.LocalDateTime inRange(java.time.LocalDateTime dateTime) {
        if (dateTime.getYear() < 1 || dateTime.getYear() > 9999) {
            throw new java.time.DateTimeException("year out of range: " + dateTime);
        }
        return dateTime;
    }

    /** Parses a date such as 2025-11-12; throws DateTimeException when it is none. */
    public static LocalDate date(String text) {
        LocalDate date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
        if (date.getYear() < 1 || date.getYear() > 9999) {
            throw new DateTimeParseException("year out of range", text, 0);
        }
        return date;
    }
}
