package dev.ticker.list;

import java.util.List;
import java.util.function.Function;

/** One page of a list: its items, the total matching the filters and the cursor to the next page. */
public record Page<T>(List<T> items, int limit, long total, String next) {

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), limit, total, next);
    }
}
