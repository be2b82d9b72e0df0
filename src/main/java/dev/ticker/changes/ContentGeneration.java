package dev.ticker.changes;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A number that rises with every change to content: one committed through this instance
 * ({@link WrittenHere}, before the write's answer is sent) or anywhere ({@link TablesChanged},
 * from the change feed). What is kept in memory from the database (read responses, list totals,
 * the member directory) is kept with the generation its reading started in and used only while
 * that is still the generation {@link #current}: so nothing read before a change is used after it,
 * and nothing read while a change committed is kept. While the feed is not following, changes
 * made elsewhere would go unnoticed, so nothing is current.
 */
@ApplicationScoped
public class ContentGeneration {

    private final AtomicLong generation = new AtomicLong();
    private final List<Runnable> dropped = new CopyOnWriteArrayList<>();
    private final ChangeFeed feed;

    ContentGeneration(ChangeFeed feed) {
        this.feed = feed;
    }

    /** The generation now: take it before reading what is to be kept. */
    public long now() {
        return generation.get();
    }

    /** Whether what was read in this generation may be kept, or used: no change since, and changes are being received. */
    public boolean current(long read) {
        return feed.following() && generation.get() == read;
    }

    /** Runs {@code drop} after every change, once the generation has risen: to free what is no longer current. */
    public void onChange(Runnable drop) {
        dropped.add(drop);
    }

    void changed(@Observes TablesChanged change) {
        if (change.content()) {
            advance();
        }
    }

    void writtenHere(@Observes WrittenHere written) {
        advance();
    }

    private void advance() {
        generation.incrementAndGet();
        dropped.forEach(Runnable::run);
    }
}
