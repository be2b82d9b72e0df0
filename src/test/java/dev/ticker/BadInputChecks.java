package dev.ticker;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticker.BadInputCase.Answer;

/** What the bad-input suites share: building odd bodies, judging answers, snapshots of the database. */
public final class BadInputChecks {

    public static final int TEN_MB = 10 * 1024 * 1024;

    /** What must never appear in an answer: class names, SQL, stack traces. */
    public static final List<String> LEAKS = List.of("Exception", "java.", "org.hibernate", "SQL", "select ", "at dev.",
            "jakarta.", "com.fasterxml", "PSQL");

    /**
     * Count, last change and version sum of each content table; count and a digest of the rows of
     * the relation tables; the number of tokens: what any write of any type would change.
     */
    public static final List<String> SNAPSHOT = List.of(
            "select count(*), max(updated_at), sum(version) from member",
            "select count(*), max(updated_at), sum(version) from news",
            "select count(*), coalesce(sum(position), 0) from news_member",
            "select count(*), max(updated_at), sum(version) from event",
            "select count(*), max(updated_at), sum(version) from job",
            "select count(*), max(updated_at), sum(version), sum(number) from issue",
            "select count(*), md5(coalesce(string_agg(id || ':' || issue_id || ':' || position || ':' || heading, ','"
                    + " order by id), '')) from issue_section",
            "select count(*), md5(coalesce(string_agg(section_id || ':' || position || ':' || news_id, ','"
                    + " order by section_id, position), '')) from issue_section_news",
            "select count(*), md5(coalesce(string_agg(issue_id || ':' || position || ':' || event_id, ','"
                    + " order by issue_id, position), '')) from issue_event",
            "select count(*), md5(coalesce(string_agg(issue_id || ':' || position || ':' || job_id, ','"
                    + " order by issue_id, position), '')) from issue_job",
            "select count(*) from access_token");

    /**
     * Problem documents are read with Jackson: REST Assured's JsonPath compiles a Groovy script for
     * every path it evaluates, which made the checks of a case cost more than the request.
     */
    private static final ObjectMapper JSON = new ObjectMapper();

    private BadInputChecks() {
    }

    /** A JSON object with one huge string property, built only when the case runs. */
    public static Supplier<byte[]> hugeJson(String prefix, String property) {
        return () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(TEN_MB + 100);
            out.writeBytes(("{" + prefix + "\"" + property + "\":\"").getBytes(StandardCharsets.UTF_8));
            out.writeBytes("x".repeat(TEN_MB).getBytes(StandardCharsets.UTF_8));
            out.writeBytes("\"}".getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        };
    }

    /** The bytes of {@code before}, then raw bytes, then {@code after}: for invalid UTF-8. */
    public static byte[] bytes(String before, int[] raw, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    public static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Asserts an answer is the expected 4xx problem document (never a 5xx) that leaks nothing,
     * and answers it parsed, for checks of the case's own.
     */
    public static JsonNode assertProblemDocument(Object label, int expected, int status, String contentType, String raw) {
        assertTrue(status < 500, label + ": a 5xx for bad input: " + status + " " + raw);
        assertEquals(expected, status, label + ": " + raw);
        assertThat(label + ": Content-Type", contentType, startsWith("application/problem+json"));
        assertFalse(raw.isBlank(), label + ": a problem document, not an empty body");
        JsonNode problem;
        try {
            problem = JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            throw new AssertionError(label + ": a problem document that is not JSON: " + raw, e);
        }
        assertTrue(problem.isObject(), label + ": a problem document is a JSON object: " + raw);
        for (String member : List.of("type", "title", "detail")) {
            JsonNode value = problem.get(member);
            assertTrue(value != null && value.isTextual(), label + ": '" + member + "' in " + raw);
            assertFalse(value.asText().isBlank(), label + ": blank '" + member + "' in " + raw);
        }
        JsonNode statusMember = problem.get("status");
        assertTrue(statusMember != null && statusMember.isInt(), label + ": 'status' in " + raw);
        assertEquals(expected, statusMember.intValue(), label + ": 'status' in " + raw);
        assertNoLeaks(label, raw);
        return problem;
    }

    /** Asserts a text shows no class name, SQL or stack trace. */
    public static void assertNoLeaks(Object label, String raw) {
        for (String leak : LEAKS) {
            assertThat(label + ": leaks '" + leak + "'", raw, not(containsString(leak)));
        }
    }

    /**
     * Asserts the answer to a case: its status as a problem document that leaks nothing, and what
     * it mentions (resolved) in {@code detail}, or for a 422 among {@code errors[].field}.
     */
    public static void assertProblem(BadInputCase c, Answer answer) {
        String raw = answer.body();
        JsonNode problem = assertProblemDocument(c, c.status(), answer.status(), answer.contentType(), raw);
        if (c.mentions() != null) {
            String mentions = BadInputTargets.resolve(c.mentions());
            if (c.status() == 422) {
                JsonNode errors = problem.get("errors");
                assertNotNull(errors, c + ": a 422 lists its field errors: " + raw);
                assertTrue(errors.isArray(), c + ": errors is an array: " + raw);
                List<String> fields = new ArrayList<>();
                errors.forEach(error -> fields.add(error.hasNonNull("field") ? error.get("field").asText() : null));
                assertThat(c + ": errors[].field", fields, hasItem(mentions));
            } else {
                assertThat(c + ": detail", problem.get("detail").asText(), containsString(mentions));
            }
        }
    }

    /** Sends a case and asserts its problem document, and that the database is exactly as it was. */
    public static void assertAnswersWithAProblemAndChangesNothing(BadInputCase c, DataSource dataSource) throws Exception {
        BadInputTargets.get();
        List<Object> before = snapshot(dataSource);
        assertProblem(c, c.send());
        assertEquals(before, snapshot(dataSource), "the database changed: " + c);
    }

    /** The values of the {@link #SNAPSHOT} queries, to compare before and after a case. */
    public static List<Object> snapshot(DataSource dataSource) throws SQLException {
        return snapshot(dataSource, SNAPSHOT);
    }

    /** The values of one-row summary queries, to compare before and after a case. */
    public static List<Object> snapshot(DataSource dataSource, List<String> queries) throws SQLException {
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
