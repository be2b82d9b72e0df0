package dev.ticker.list;

/** One field of a sort, ascending or descending. */
public record SortOrder<E>(SortField<E> field, boolean descending) {

    @Override
    public String toString() {
        return (descending ? "-" : "") + field.name();
    }
}
