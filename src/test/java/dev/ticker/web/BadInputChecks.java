package dev.ticker.web;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.restassured.path.json.JsonPath;

/** What the bad-input tables of every type share: building odd bodies, judging answers, snapshots. */
final class BadInputChecks {

    static final int TEN_MB = 10 * 1024 * 1024;

    /** What must never appear in an answer: class names, SQL, stack traces. */
    static final List<String> LEAKS = List.of("Exception", "java.", "org.hibernate", "SQL", "select ", "at dev.",
            "jakarta.", "com.fasterxml", "PSQL");

    private BadInputChecks() {
    }

    /** A JSON object with one huge string property, built only when the case runs. */
    static Supplier<byte[]> hugeJson(String prefix, String property) {
        return () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(TEN_MB + 100);
            out.writeBytes(("{" + prefix + "\"" + property + "\":\"").getBytes(StandardCharsets.UTF_8));
            out.writeBytes("x".repeat(TEN_MB).getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        };
    }

    /** The bytes of {@code before}, then raw bytes, then {@code after}: for invalid UTF-8. */
    static byte[] bytes(String before, int[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Asserts an answer is the expected 4xx problem document (never a 5xx) that leaks nothing,
     * and answers it parsed, for checks of the case's own.
     */
    static JsonPath assertProblemDocument(Object label, int expected, int status, String contentType, String raw) {
        assertTrue(status < 500, label + ": a 5xx for bad input: " + status + " " + raw);
        assertEquals(expected, status, label + ": " + raw);
        assertThat(label + ": Content-Type", contentType, startsWith("application/problem+json"));
        assertFalse(raw.isBlank(), label + ": a problem document, not an empty body");
        JsonPath problem = JsonPath.from(raw);
        for (String member : List.of("type", "title", "detail")) {
            Object value = problem.get(member);
            assertInstanceOf(String.class, value, label + ": '" + member + "' in " + raw);
            assertFalse(((String) value).isBlank(), label + ": blank '" + member + "' in " + raw);
        }
        assertEquals(Integer.valueOf(expected), problem.get("status"), label + ": 'status' in " + raw);
        for (String leak : LEAKS) {
            assertThat(label + ": leaks '" + leak + "'", raw, not(containsString(leak)));
        }
        return problem;
    }

    /** The values of one-row summary queries, to compare before and after a case. */
    static List<Object> snapshot(DataSource dataSource, List<String> queries) throws SQLException {
        List<Object> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String query : queries) {
                try (ResultSet row = statement.executeQuery(query)) {
                    assertTrue(row.next());
                    for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                        values.add(row.getObject(i));
                    }
                }
            }
        }
        return values;
    }
}
