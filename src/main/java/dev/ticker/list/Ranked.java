package dev.ticker.list;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * A match of a search and its rank. Matches are ordered by rank, highest first, ties broken by id
 * (as text, the order PostgreSQL gives uuids); a page starts after the cursor's rank and id.
 */
public record Ranked(UUID id, float rank) {

    public static final Comparator<Ranked> ORDER = Comparator.comparingDouble((Ranked r) -> r.rank).reversed()
            .thenComparing(r -> r.id.toString());

    /** Matches as a statement returns them: the id as text, then the rank. */
    public static List<Ranked> of(List<Object[]> rows) {
        List<Ranked> ranked = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            ranked.add(new Ranked(UUID.fromString((String) row[0]), ((Number) row[1]).floatValue()));
        }
        return ranked;
    }

    /** One page of these matches, ranked: the ones after {@code cursor} (null: from the start), at most {@code limit}. */
    public static RankedPage page(List<Ranked> matches, Cursor cursor, int limit) {
        List<Ranked> sorted = new ArrayList<>(matches);
        sorted.sort(ORDER);
        int from = 0;
        if (cursor != null) {
            Ranked after = new Ranked(cursor.id(), ((Number) cursor.values().get(0)).floatValue());
            while (from < sorted.size() && ORDER.compare(sorted.get(from), after) <= 0) {
                from++;
            }
        }
        int to = Math.min(sorted.size(), from + limit);
        List<Ranked> items = List.copyOf(sorted.subList(from, to));
        String next = to < sorted.size() ? Cursor.ranked(items.get(items.size() - 1)).encode() : null;
        return new RankedPage(items, next);
    }

    /** The matches of one page, in order, and the cursor of the next page (null on the last). */
    public record RankedPage(List<Ranked> items, String next) {

        public List<UUID> ids() {
            return items.stream().map(Ranked::id).toList();
        }
    }
}
