package dev.ticker.list;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticker.problem.ProblemException;

/** Keyset cursors: opaque, bound to their sort, and a 400 for anything a client made up. */
class CursorTest {

    private record Row(String title, Instant publishedAt, Integer memberSince) {
    }

    private static final SortField<Row> PUBLISHED = SortField.of("publishedAt", "publishedAt", Instant.class, Row::publishedAt);
    private static final SortField<Row> TITLE = SortField.of("title", "title", String.class, Row::title);
    private static final SortField<Row> SINCE = SortField.nullable("memberSince", "memberSince", Integer.class, Row::memberSince);

    private static final List<SortOrder<Row>> NEWEST_FIRST = List.of(new SortOrder<>(PUBLISHED, true));
    private static final List<SortOrder<Row>> BY_TITLE = List.of(new SortOrder<>(TITLE, false));
    private static final List<SortOrder<Row>> BY_SINCE_THEN_TITLE = List.of(new SortOrder<>(SINCE, false),
            new SortOrder<>(TITLE, true));

    private static final UUID ID = UUID.fromString("5f0c7a2e-8d1b-4c3e-9f4a-2b6d8e0a1c35");
    private static final Row ROW = new Row("Lecos eröffnet „Ideencampus“, 50 % \"mehr\" Dialog, a,b",
            Instant.parse("2025-11-12T08:00:00Z"), 2005);

    @Test
    void roundTripsATimestampCursor() {
        Cursor cursor = Cursor.after(ROW, NEWEST_FIRST, ID);
        Cursor decoded = Cursor.decode(cursor.encode(), NEWEST_FIRST);
        assertEquals(cursor, decoded);
        assertEquals(List.of(Instant.parse("2025-11-12T08:00:00Z")), decoded.values());
        assertEquals(ID, decoded.id());
    }

    @Test
    void roundTripsATextCursorWithQuotesCommasAndUmlauts() {
        Cursor decoded = Cursor.decode(Cursor.after(ROW, BY_TITLE, ID).encode(), BY_TITLE);
        assertEquals(List.of(ROW.title()), decoded.values());
    }

    @Test
    void roundTripsASeveralFieldCursorWithAnIntegerAndANull() {
        Row row = new Row("regio iT", Instant.parse("2025-11-12T08:00:00Z"), null);
        Cursor cursor = Cursor.after(row, BY_SINCE_THEN_TITLE, ID);
        Cursor decoded = Cursor.decode(cursor.encode(), BY_SINCE_THEN_TITLE);
        assertEquals(cursor, decoded);
        assertEquals(Arrays.asList(null, "regio iT"), decoded.values());

        Cursor withYear = Cursor.decode(Cursor.after(ROW, BY_SINCE_THEN_TITLE, ID).encode(), BY_SINCE_THEN_TITLE);
        assertEquals(List.of(2005, ROW.title()), withYear.values());
    }

    @Test
    void encodesAsUrlSafeTextWithoutPadding() {
        String encoded = Cursor.after(ROW, BY_TITLE, ID).encode();
        assertTrue(encoded.matches("[A-Za-z0-9_-]+"), encoded);
    }

    @Test
    void rejectsACursorOfAnotherSortWith400() {
        String newest = Cursor.after(ROW, NEWEST_FIRST, ID).encode();
        assertAnotherSort(() -> Cursor.decode(newest, BY_TITLE));
        assertAnotherSort(() -> Cursor.decode(newest, List.of(new SortOrder<>(PUBLISHED, false))));
        String title = Cursor.after(ROW, BY_TITLE, ID).encode();
        assertAnotherSort(() -> Cursor.decode(title, List.of(new SortOrder<>(TITLE, true))));
    }

    @Test
    void rejectsACursorOfASortWithMoreOrFewerFieldsWith400() {
        String several = Cursor.after(ROW, BY_SINCE_THEN_TITLE, ID).encode();
        assertRejected(several, BY_TITLE);
        assertRejected(Cursor.after(ROW, BY_TITLE, ID).encode(), BY_SINCE_THEN_TITLE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "!!!", "not a cursor", "%%%", "WyJ0aXRsZSJd==", "+/+/", "AAAA" })
    void rejectsGarbageWith400(String encoded) {
        assertRejected(encoded, BY_TITLE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "junk", "{}", "[]", "null", "\"title\"", "{\"sort\":\"title\"}", "[\"title\"]",
            "[\"title\",\"x\"]", "[\"title\",\"x\",\"not-a-uuid\"]", "[\"title\",\"x\",\"" + "5f0c7a2e-8d1b-4c3e-9f4a-2b6d8e0a1c35\",1]",
            "[\"title\",null,\"5f0c7a2e-8d1b-4c3e-9f4a-2b6d8e0a1c35\"]", "[\"title\",1,\"5f0c7a2e-8d1b-4c3e-9f4a-2b6d8e0a1c35\"]",
            "[\"title\",\"x\",5]", "[\"title\",\"a\\u0000b\",\"5f0c7a2e-8d1b-4c3e-9f4a-2b6d8e0a1c35\"]",
            "[\"title\",[\"x\"],\"5f0c7a2e-8d1b-4c3e-9f4a-2b6d8e0a1c35\"]" })
    void rejectsForgedTitleCursorsWith400(String json) {
        assertRejected(base64(json), BY_TITLE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "[\"-publishedAt\",\"gestern\",\"5f0c7a2e-8d1b-4c3e-9f4a-2b6d8e0a1c35\"]",
            "[\"-publishedAt\",\"2025-11-12\",\"5f0c7a2e-8d1b-4c3e-9f4a-2b6d8e0a1c35\"]",
            "[\"-publishedAt\",null,\"5f0c7a2e-8d1b-4c3e-9f4a-2b6d8e0a1c35\"]",
            "[\"-publishedAt\",\"2025-11-12T08:00:00Z\",\"' OR 1=1 --\"]" })
    void rejectsForgedTimestampCursorsWith400(String json) {
        assertRejected(base64(json), NEWEST_FIRST);
    }

    @Test
    void rejectsANonIntegerInAnIntegerPositionWith400() {
        assertRejected(base64("[\"memberSince,-title\",\"zwanzig\",\"x\",\"5f0c7a2e-8d1b-4c3e-9f4a-2b6d8e0a1c35\"]"),
                BY_SINCE_THEN_TITLE);
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRejected(String encoded, List<SortOrder<Row>> sort) {
        ProblemException e = assertThrows(ProblemException.class, () -> Cursor.decode(encoded, sort), encoded);
        assertEquals(400, e.status(), encoded);
    }

    private static void assertAnotherSort(org.junit.jupiter.api.function.Executable decode) {
        ProblemException e = assertThrows(ProblemException.class, decode);
        assertEquals(400, e.status());
        assertThat(e.getMessage(), containsString("sort"));
    }
}
