package dev.ticker.changes;

import java.util.Set;

/**
 * Committed changes to these tables (here or on another instance), or, when {@code tables} is
 * null, to anything: the feed (re)connected or lost its connection, so changes may have been
 * missed. Observers drop what they remember of the tables.
 */
public record TablesChanged(Set<String> tables) {

    /** The table of the API tokens (migration V11 announces its changes like content's). */
    static final String TOKENS = "access_token";

    /** Anything may have changed. */
    static final TablesChanged EVERYTHING = new TablesChanged(null);

    boolean everything() {
        return tables == null;
    }

    /** Whether content (anything but the API tokens) may have changed. */
    public boolean content() {
        return everything() || tables.stream().anyMatch(table -> !table.equals(TOKENS));
    }

    /** Whether the API tokens may have changed. */
    public boolean tokens() {
        return everything() || tables.contains(TOKENS);
    }
}
