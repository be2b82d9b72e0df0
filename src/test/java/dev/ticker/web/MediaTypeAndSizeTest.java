package dev.ticker.web;

import static dev.ticker.BadInputCase.JSON;
import static dev.ticker.BadInputCase.delete;
import static dev.ticker.BadInputCase.get;
import static dev.ticker.BadInputCase.huge;
import static dev.ticker.BadInputCase.patch;
import static dev.ticker.BadInputCase.post;
import static dev.ticker.BadInputCase.put;
import static dev.ticker.BadInputCase.send;
import static dev.ticker.Fixtures.MERGE_PATCH;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ticker.BadInputCase.Answer;
import dev.ticker.BadInputCase.Transport;
import dev.ticker.BadInputCase;
import dev.ticker.BadInputChecks;
import dev.ticker.BadInputTargets;
import dev.ticker.ResourceType;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * What the HTTP layer refuses before a body is understood, with a problem document that leaks
 * nothing and no change to the database: a body over the limit (413), a media type the operation
 * does not take (415), and a path segment that names no resource (404: an id that is not a UUID
 * is looked up as a slug, an issue path that is not a plain number as an id or slug). Some
 * requests go over a plain socket, for what HTTP clients refuse to send.
 *
 * <p>Media types and paths are checked on every type (generated per {@link ResourceType}); the
 * 10 MB bodies once per type and method as before, since each costs seconds.
 */
@QuarkusTest
class MediaTypeAndSizeTest {

    private static final String M = "/v1/members";
    private static final String N = "/v1/news";
    private static final String E = "/v1/events";
    private static final String J = "/v1/jobs";
    private static final String I = "/v1/issues";
    /** The SQL-like strings percent-encoded for a path segment. */
    private static final String SQL_OR_URL = "'%20OR%201=1%20--";
    private static final String SQL_DROP_NEWS_URL = "%22%3B%20DROP%20TABLE%20news%3B%20--";
    private static final String SQL_DROP_JOB_URL = "%22%3B%20DROP%20TABLE%20job%3B%20--";

    @Inject
    AgroalDataSource dataSource;

    private static Stream<BadInputCase> perType(Function<ResourceType, BadInputCase> kind) {
        return Arrays.stream(ResourceType.values()).map(kind);
    }

    // --- 413 ----------------------------------------------------------------------------------

    static Stream<BadInputCase> tooLarge() {
        return Stream.of(
                huge("10 MB name on POST member", "POST", M, JSON, "", "name"),
                huge("10 MB name on POST member, sent over a plain socket", "POST", M, JSON, "", "name").over(Transport.SOCKET),
                huge("10 MB description on PUT member", "PUT", M + "/$MEMBER", JSON, "\"name\":\"x\",", "description"),
                huge("10 MB body on POST news", "POST", N, JSON, "\"title\":\"x\",", "body"),
                huge("10 MB body on PATCH news", "PATCH", N + "/$NEWS", MERGE_PATCH, "", "body"),
                huge("10 MB description on POST event", "POST", E, JSON, "\"title\":\"x\",\"startDate\":\"2025-12-02\",\"format\":\"online\",",
                        "description"),
                huge("10 MB title on PATCH event", "PATCH", E + "/$EVENT", MERGE_PATCH, "", "title"),
                huge("10 MB description on PUT job", "PUT", J + "/$JOB", JSON, "\"title\":\"x\",\"employer\":{\"name\":\"KDO\"},",
                        "description"),
                huge("10 MB salary on PATCH job", "PATCH", J + "/$JOB", MERGE_PATCH, "", "salary"),
                huge("10 MB title on POST issue", "POST", I, JSON, "\"number\":$FREE,\"issueDate\":\"2025-11-12\",", "title"),
                huge("10 MB place on PATCH issue", "PATCH", I + "/$ISSUE", MERGE_PATCH, "", "place"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tooLarge")
    void answersABodyOverTheLimitWith413(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- 415 ----------------------------------------------------------------------------------

    private static String form(ResourceType t) {
        return switch (t) {
            case MEMBERS -> "name=x";
            case ISSUES -> "number=5";
            default -> "title=x";
        };
    }

    static Stream<BadInputCase> mediaTypes() {
        return Stream.of(
                perType(t -> send("text/plain on POST " + t.singular(), "POST", t.path(), "text/plain", t.body(), 415)),
                perType(t -> send("form data on POST " + t.singular(), "POST", t.path(), "application/x-www-form-urlencoded", form(t), 415)),
                perType(t -> send("merge patch media type on PUT " + t.singular(), "PUT", t.target(), MERGE_PATCH, t.replacement(), 415)),
                perType(t -> send("form data on PATCH " + t.singular(), "PATCH", t.target(), "application/x-www-form-urlencoded", form(t), 415)),
                Stream.of(send("XML on POST news", "POST", N, "application/xml", "<news><title>x</title></news>", 415)))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mediaTypes")
    void answersAMediaTypeTheOperationDoesNotTakeWith415(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- 404 ----------------------------------------------------------------------------------

    static Stream<BadInputCase> pathsToNothing() {
        return Stream.of(
                // not a UUID, so looked up as a slug, and there is none
                perType(t -> get("UUID with a non-hex digit on GET " + t.singular(), t.path() + "/6af51c09-04bf-4ae6-8356-aaa19c09dc6z", 404)),
                perType(t -> patch("UUID with a suffix on PATCH " + t.singular(), t.path() + "/$" + t.idKey() + "x", t.patch(), 404)),
                perType(t -> delete("truncated UUID on DELETE " + t.singular(), t.path() + "/6af51c09-04bf-4ae6-8356", 404)),
                perType(t -> put("short-form UUID on PUT " + t.singular(), t.path() + "/1-1-1-1-1", t.replacement(), 404)),
                perType(t -> get("UUID with braces on GET " + t.singular(), t.path() + "/%7B$" + t.idKey() + "%7D", 404)),
                perType(t -> get("NUL in the path of " + t.singular(), t.path() + "/a%00b", 404)),
                // SQL-like strings in the path: a slug that does not exist
                perType(t -> get("SQL-like id on GET " + t.singular(), t.path() + "/" + SQL_OR_URL, 404)),
                perType(t -> put("SQL-like id on PUT " + t.singular(), t.path() + "/" + SQL_DROP_JOB_URL, t.replacement(), 404)),
                perType(t -> patch("SQL-like id on PATCH " + t.singular(), t.path() + "/" + SQL_DROP_JOB_URL, t.patch(), 404)),
                perType(t -> delete("SQL-like id on DELETE " + t.singular(), t.path() + "/" + SQL_OR_URL, 404)),
                Stream.of(
                        get("UUID with a non-hex digit (g) on GET news", N + "/00000000-0000-0000-0000-00000000000g", 404),
                        get("truncated UUID on GET news", N + "/6af51c09-04bf-4ae6-8356", 404),
                        delete("UUID with a suffix on DELETE job", J + "/$JOBff", 404),
                        get("UUID with a non-hex digit (g) on GET issue", I + "/00000000-0000-0000-0000-00000000000g", 404),
                        get("SQL-like id on GET news", N + "/" + SQL_DROP_NEWS_URL, 404),
                        put("SQL-like id on PUT member", M + "/" + SQL_OR_URL, "{\"name\":\"x\"}", 404),
                        patch("SQL-like id on PATCH news", N + "/" + SQL_DROP_NEWS_URL, "{\"teaser\":\"x\"}", 404),
                        get("SQL-like number on GET issue", I + "/1%20OR%201=1", 404),
                        delete("SQL-like number on DELETE issue", I + "/$ISSUE%20OR%201=1", 404),
                        get("U+0001 in the path of an issue", I + "/2%010", 404),
                        // issue numbers in the path that are no issue number
                        get("issue 0", I + "/0", 404),
                        get("issue -1", I + "/-1", 404),
                        get("issue 99999999999", I + "/99999999999", 404),
                        get("issue 1e3", I + "/1e3", 404),
                        get("issue 20abc", I + "/20abc", 404),
                        get("issue $ISSUEabc", I + "/$ISSUEabc", 404),
                        get("issue 20.0", I + "/20.0", 404),
                        get("issue +20", I + "/%2B20", 404),
                        get("issue 2147483648", I + "/2147483648", 404),
                        put("PUT issue 0", I + "/0", ResourceType.issue("$FREE", ""), 404),
                        patch("PATCH issue -1", I + "/-1", "{\"title\":\"x\"}", 404),
                        delete("DELETE issue 1e3", I + "/1e3", 404),
                        delete("DELETE issue 99999999999", I + "/99999999999", 404)))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pathsToNothing")
    void answersAPathThatNamesNoResourceWith404(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    @Test
    void findsTheIssueByItsPlainNumberOnly() {
        // the number that the bad paths above are variations of is a real issue
        String issue = BadInputTargets.get("ISSUE");
        given().get(I + "/" + issue).then().statusCode(200).body("number", equalTo(Integer.valueOf(issue)));
        given().get(I + "/" + issue + "abc").then().statusCode(404).contentType("application/problem+json");
    }

    // --- over a plain socket --------------------------------------------------------------------

    static Stream<BadInputCase> overASocket() {
        return Stream.of(post("malformed JSON on POST member, sent over a plain socket", M, "{\"name\":", 400).over(Transport.SOCKET));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overASocket")
    void answersMalformedJsonSentOverAPlainSocketWith400(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    /**
     * Two answers of the HTTP layer (Vert.x) come before any handler of Ticker runs, and so
     * without a problem document (docs/decisions.md): a chunked body without a length that grows
     * past the limit (an empty 413), and malformed percent-encoding in the URL (an empty 400).
     * They must still be those 4xx, and change nothing.
     */
    static Stream<BadInputCase> refusedByTheHttpLayer() {
        return Stream.of(
                huge("chunked 10 MB name on POST member", "POST", M, JSON, "", "name").over(Transport.SOCKET_CHUNKED),
                get("malformed percent-encoding in the cursor on news", N + "?cursor=%zz", 400).over(Transport.SOCKET),
                get("malformed percent-encoding in the path of a member", M + "/%zz", 400).over(Transport.SOCKET));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedByTheHttpLayer")
    void answersWhatTheHttpLayerRefusesWithA4xxAndChangesNothing(BadInputCase c) throws Exception {
        BadInputTargets.get();
        List<Object> before = BadInputChecks.snapshot(dataSource);
        Answer answer = c.send();
        assertTrue(answer.status() < 500, c + ": a 5xx for bad input: " + answer);
        assertEquals(c.status(), answer.status(), c + ": " + answer);
        BadInputChecks.assertNoLeaks(c, answer.body());
        assertEquals(before, BadInputChecks.snapshot(dataSource), "the database changed: " + c);
        // and the service still answers
        given().get(M + "?limit=1").then().statusCode(200);
    }
}
