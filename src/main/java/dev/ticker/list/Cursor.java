package dev.ticker.list;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.ticker.content.Text;
import dev.ticker.problem.ProblemException;

/**
 * A keyset cursor: the sort it belongs to and the sort values and id of the last item of a page.
 * Opaque to clients (base64url of a small JSON array).
 */
public record Cursor(String sort, List<Object> values, UUID id) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static <E> Cursor after(E last, List<SortOrder<E>> sort, UUID id) {
        List<Object> values = new ArrayList<>();
        for (SortOrder<E> order : sort) {
            values.add(order.field().getter().apply(last));
        }
        return new Cursor(sortKey(sort), values, id);
    }

    /** The cursor after an item whose sort values are these (in the order of the sort). */
    static <E> Cursor at(List<Object> values, List<SortOrder<E>> sort, UUID id) {
        return new Cursor(sortKey(sort), values, id);
    }

    /** The sort key of a search's cursor: by rank. */
    static final String RANK = "rank";

    /** The cursor after a ranked match of a search. */
    static Cursor ranked(Ranked last) {
        return new Cursor(RANK, List.of(last.rank()), last.id());
    }

    /** Decodes the cursor of a search (ranked); anything malformed or made for a sorted list is a 400. */
    public static Cursor decodeRanked(String encoded) {
        try {
            JsonNode array = JSON.readTree(Base64.getUrlDecoder().decode(encoded));
            if (array == null || !array.isArray() || array.size() != 3) {
                throw invalid();
            }
            if (!RANK.equals(array.get(0).asText())) {
                throw ProblemException.badRequest("The cursor belongs to a list without 'q'; drop 'cursor' or use the query it came with.");
            }
            float rank = Float.parseFloat(textOf(array.get(1)));
            if (!Float.isFinite(rank)) {
                throw invalid();
            }
            return new Cursor(RANK, List.of(rank), UUID.fromString(textOf(array.get(2))));
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException | java.io.IOException e) {
            throw invalid();
        }
    }

    static <E> String sortKey(List<SortOrder<E>> sort) {
        return String.join(",", sort.stream().map(SortOrder::toString).toList());
    }

    public String encode() {
        ArrayNode array = JSON.createArrayNode();
        array.add(sort);
        for (Object value : values) {
            array.add(value == null ? null : value.toString());
        }
        array.add(id.toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(array.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor for the given sort; anything malformed or made for another sort is a 400. */
    static <E> Cursor decode(String encoded, List<SortOrder<E>> sort) {
        try {
            JsonNode array = JSON.readTree(Base64.getUrlDecoder().decode(encoded));
            if (array == null || !array.isArray() || array.size() != sort.size() + 2) {
                throw invalid();
            }
            if (RANK.equals(array.get(0).asText())) {
                throw ProblemException.badRequest("The cursor belongs to a search; drop 'cursor' or give the 'q' it came with.");
            }
            if (!sortKey(sort).equals(array.get(0).asText())) {
                throw ProblemException.badRequest("The cursor belongs to another sort order; drop 'cursor' or use the sort it came with.");
            }
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < sort.size(); i++) {
                JsonNode value = array.get(i + 1);
                if (value.isNull() && !sort.get(i).field().nullable()) {
                    throw invalid();
                }
                values.add(value.isNull() ? null : sort.get(i).field().parse(textOf(value)));
            }
            return new Cursor(sortKey(sort), values, UUID.fromString(textOf(array.get(sort.size() + 1))));
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException | java.io.IOException e) {
            throw invalid();
        }
    }

    private static final String BEFORE = "before:";

    /**
     * The cursor of a list paged newest first by a rising number (revisions, webhook deliveries):
     * the number of the last item shown.
     */
    public static String before(long number) {
        return java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString((BEFORE + number).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The number a {@link #before} cursor holds; anything else is a 400. */
    public static long decodeBefore(String encoded) {
        try {
            String text = new String(java.util.Base64.getUrlDecoder().decode(encoded), java.nio.charset.StandardCharsets.UTF_8);
            if (text.startsWith(BEFORE)) {
                long number = Long.parseLong(text.substring(BEFORE.length()));
                if (number > 0) {
                    return number;
                }
            }
        } catch (IllegalArgumentException e) {
            // answered below
        }
        throw ProblemException.badRequest("'cursor' is not a cursor of this list; use the 'next' of a page as it is.");
    }

    private static String textOf(JsonNode node) {
        if (!node.isTextual() || Text.problemOf(node.asText()) != null) {
            throw invalid();
        }
        return node.asText();
    }

    private static ProblemException invalid() {
        return ProblemException.badRequest("Malformed 'cursor': pass on the value of page.next unchanged.");
    }
}
