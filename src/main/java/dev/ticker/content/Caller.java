package dev.ticker.content;

/**
 * Who asks, as far as content cares: whether they may see what is not published (editors) or
 * the revisions of deleted resources (admins), and the name their revisions are recorded under.
 * Implemented at the edge, where the caller is known (the token package); outside a request
 * (start-up, the scheduler) the caller is the service itself.
 */
public interface Caller {

    /** The name revisions record for writes made by the service itself (demo content, the scheduler). */
    String SERVICE = "ticker";

    /** Whether drafts, scheduled and archived content are visible to the caller. */
    boolean seesUnpublished();

    /** Whether the revisions of deleted resources are visible to the caller. */
    boolean seesDeleted();

    /** The caller's name for revisions: the token's name. */
    String name();
}
