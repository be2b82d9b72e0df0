package dev.ticker.list;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: its items, the total matching the filters and the cursor to the next page.
 * A search ranks at most a window of matches: {@code totalCapped} says that more match than it
 * ranked ({@code total} is then the window).
 */
public record Page<T>(List<T> items, int limit, long total, String next, boolean totalCapped) {

    public Page(List<T> items, int limit, long total, String next) {
        this(items, limit, total, next, false);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), limit, total, next, totalCapped);
    }
}
