package dev.ticker.content;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.MappedSuperclass;

/**
 * Content that goes through the editorial workflow (news items, issues, events, job postings):
 * its {@link Status}, when a scheduled item is due, and since when it is published.
 */
@MappedSuperclass
public abstract class PublishableEntity extends ContentEntity {

    @Convert(converter = Status.Column.class)
    @Column(nullable = false)
    public Status status = Status.DRAFT;

    /** When a scheduled item is published; null unless scheduled. */
    @Column(name = "publish_at")
    public Instant publishAt;

    /** When it was (first) published, or the date an editor gave it; null until then. */
    @Column(name = "published_at")
    public Instant publishedAt;

    /** Whether anyone may see it, without a token. */
    public boolean isPublic() {
        return isPublic(status);
    }

    /** Whether content in this status may be seen without a token. */
    public static boolean isPublic(Status status) {
        return status == Status.PUBLISHED;
    }
}
