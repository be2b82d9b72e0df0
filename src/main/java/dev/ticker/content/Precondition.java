package dev.ticker.content;

/**
 * What a writer requires of a resource's current state before changing it (HTTP's If-Match).
 * The life cycle checks it in the write's own transaction, so no other write can come between
 * the check and the change; unmet, the write is refused with a 412.
 */
@FunctionalInterface
public interface Precondition {

    /** No condition. */
    Precondition NONE = current -> true;

    /** Whether the resource as a plain GET shows it now ({@code current}, the response record) is what the writer expects. */
    boolean holds(Object current);
}
