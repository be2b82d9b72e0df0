package dev.ticker.list;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticker.changes.ContentGeneration;
import dev.ticker.changes.WrittenHere;

/**
 * The {@code total} of a list, counted once and remembered until content changes: counting the
 * matches of a list is the most expensive part of a page on a large table (100,000 news items:
 * 20 to 50 ms for {@code count(*)}, where the page itself takes under 1 ms), and it does not
 * change from page to page. A total stays exact: it is dropped when any content changes, through
 * this instance ({@link WrittenHere}, before the write's answer is sent) or another one (the
 * change feed), and a count that ran while a change committed is not kept. While the feed is not
 * following, nothing is kept and every total is counted. See docs/decisions.md, "Totals".
 */
@ApplicationScoped
public class Totals {

    /** Distinct lists (type, filters, caller's visibility) remembered at most. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry(long generation, long total) {
    }

    /**
     * A count running now, by the generation it started in: a reader joins it only in the same
     * generation, so a reader after a write never gets a count that started before the write.
     */
    private record Counting(long generation, String key) {
    }

    private final Map<Counting, CompletableFuture<Long>> inFlight = new ConcurrentHashMap<>();
    private final Cache<String, Entry> totals = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
    private final ContentGeneration generation;

    Totals(ContentGeneration generation) {
        this.generation = generation;
        generation.onChange(totals::invalidateAll);
    }

    /**
     * The total of the list that {@code key} names (its type, its conditions and their values),
     * from memory, or counted by {@code count} and remembered.
     */
    public long of(String key, LongSupplier count) {
        long before = generation.now();
        Entry entry = totals.getIfPresent(key);
        if (entry != null && generation.current(entry.generation())) {
            return entry.total();
        }
        if (!generation.current(before)) {
            return count.getAsLong(); // the feed is not following: nothing is kept
        }
        // many readers of a list that was just changed wait for one count rather than each counting
        Counting counting = new Counting(before, key);
        CompletableFuture<Long> mine = new CompletableFuture<>();
        CompletableFuture<Long> running = inFlight.putIfAbsent(counting, mine);
        if (running != null) {
            try {
                return running.get();
            } catch (ExecutionException e) {
                return count.getAsLong(); // that count failed: this request counts for itself
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return count.getAsLong();
            }
        }
        try {
            long total = count.getAsLong();
            if (generation.current(before)) {
                totals.put(key, new Entry(before, total));
            }
            mine.complete(total);
            return total;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(counting, mine);
        }
    }
}
