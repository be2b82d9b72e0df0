package dev.ticker.web;

import static dev.ticker.web.BadInputChecks.base64Url;
import static dev.ticker.web.BadInputChecks.bytes;

import static dev.ticker.Fixtures.ADMIN_TOKEN;
import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.Fixtures.member;
import static dev.ticker.Fixtures.news;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Bad input of every kind against members and news: each case must answer its 4xx as a problem
 * document that leaks nothing, and must leave the database exactly as it was.
 *
 * <p>Statuses follow DESIGN.md: 400 for a body that is not JSON or does not fit the schema
 * (syntax, wrong types, unknown properties, text that is not valid Unicode, duplicate keys) and
 * for malformed parameters (cursor, sort, limit, dates, unknown parameters); 404 for a path
 * segment that names no resource (an id that is not a UUID is looked up as a slug); 413 for a
 * body over the limit; 415 for a media type an operation does not take; 422 for well-formed
 * values that fail validation (patterns, unknown or repeated related members).
 *
 * <p>Placeholders in targets and bodies: {@code $M} and {@code $N} are the ids of a member and a
 * news item made for this class; {@code $NEWS_TITLE_CURSOR} and {@code $MEMBER_CITY_CURSOR} are
 * genuine cursors of another sort than the request uses.
 */
@QuarkusTest
class BadInputTest {

    private static final String JSON = "application/json";
    private static final String M = "/v1/members";
    private static final String N = "/v1/news";
    private static final String SQL_OR = "' OR 1=1 --";
    private static final String SQL_DROP = "\"; DROP TABLE news; --";
    /** The SQL-like strings percent-encoded for a path segment or query value. */
    private static final String SQL_OR_URL = "'%20OR%201=1%20--";
    private static final String SQL_DROP_URL = "%22%3B%20DROP%20TABLE%20news%3B%20--";

    private static final List<String> SNAPSHOT = List.of(
            "select count(*), max(updated_at), sum(version) from member",
            "select count(*), max(updated_at), sum(version) from news",
            "select count(*), coalesce(sum(position), 0) from news_member");

    /** Made once: the targets of PUT and PATCH, and the ingredients of the cursor cases. */
    private static Targets targets;

    private record Targets(String member, String news, String newsTitleCursor, String memberCityCursor) {
    }

    @Inject
    AgroalDataSource dataSource;

    @BeforeEach
    void createTargets() {
        if (targets != null) {
            return;
        }
        String member = (String) createMember().get("id");
        createMember();
        Map<String, Object> body = news(unique("Ziel für schlechte Eingaben"));
        body.put("members", List.of(Map.of("id", member)));
        String news = (String) createNews(body).get("id");
        createNews();
        targets = new Targets(member, news, nextCursor(N + "?sort=title&limit=1"), nextCursor(M + "?sort=city&limit=1"));
    }

    private static String nextCursor(String list) {
        String next = given().urlEncodingEnabled(false).get(list).then().statusCode(200).extract().path("page.next");
        assertNotNull(next, "two items exist, so the first page of one has a next cursor: " + list);
        return next;
    }

    /** One bad request and the status DESIGN.md asks for; {@code detail} must contain {@code mentions}. */
    record Case(String name, String method, String target, String contentType, String json, Supplier<byte[]> bytes,
            int status, String mentions, Transport transport) {

        Case mentioning(String text) {
            return new Case(name, method, target, contentType, json, bytes, status, text, transport);
        }

        /** Sent over a plain socket, for what HTTP clients refuse to send (bad escapes, a body of unknown length). */
        Case over(Transport other) {
            return new Case(name, method, target, contentType, json, bytes, status, mentions, other);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    enum Transport {
        REST_ASSURED, SOCKET, SOCKET_CHUNKED
    }

    /** What came back, whichever way the request went. */
    record Answer(int status, String contentType, String body) {
    }

    private static Case get(String name, String target, int status) {
        return new Case(name, "GET", target, null, null, null, status, null, Transport.REST_ASSURED);
    }

    private static Case send(String name, String method, String target, String contentType, String json, int status) {
        return new Case(name, method, target, contentType, json, null, status, null, Transport.REST_ASSURED);
    }

    private static Case post(String name, String target, String json, int status) {
        return send(name, "POST", target, JSON, json, status);
    }

    private static Case put(String name, String target, String json, int status) {
        return send(name, "PUT", target, JSON, json, status);
    }

    private static Case patch(String name, String target, String json, int status) {
        return send(name, "PATCH", target, MERGE_PATCH, json, status);
    }

    private static Case raw(String name, String method, String target, String contentType, byte[] bytes, int status) {
        return new Case(name, method, target, contentType, null, () -> bytes, status, null, Transport.REST_ASSURED);
    }

    /** A JSON object with one huge string property, built only when the case runs. */
    private static Case huge(String name, String method, String target, String contentType, String prefix, String property) {
        return new Case(name, method, target, contentType, null, BadInputChecks.hugeJson(prefix, property), 413, null, Transport.REST_ASSURED);
    }

    static Stream<Case> badInput() {
        byte[] random = new byte[48];
        new java.util.Random(7396).nextBytes(random);
        String randomCursor = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        return Stream.of(
                // malformed JSON
                post("malformed JSON on POST member", M, "{\"name\":", 400),
                post("malformed JSON (trailing comma) on POST news", N, "{\"title\":\"x\",}", 400),
                post("malformed JSON on POST member, sent over a plain socket", M, "{\"name\":", 400).over(Transport.SOCKET),
                huge("10 MB name on POST member, sent over a plain socket", "POST", M, JSON, "", "name").over(Transport.SOCKET),
                put("malformed JSON (unquoted key) on PUT member", M + "/$M", "{name:\"x\"}", 400),
                patch("malformed JSON (unterminated) on PATCH news", N + "/$N", "{\"teaser\":\"x\"", 400),
                patch("malformed JSON (single quotes) on PATCH member", M + "/$M", "{'city':'Bonn'}", 400),
                patch("empty body on PATCH member", M + "/$M", "", 400),
                // JSON that is not an object
                post("array body on POST member", M, "[{\"name\":\"x\"}]", 400),
                post("string body on POST news", N, "\"Meldung\"", 400),
                put("number body on PUT news", N + "/$N", "42", 400),
                put("boolean body on PUT member", M + "/$M", "true", 400),
                patch("array merge patch on PATCH member", M + "/$M", "[\"city\"]", 400),
                patch("string merge patch on PATCH news", N + "/$N", "\"teaser\"", 400),
                patch("null merge patch on PATCH news", N + "/$N", "null", 400),
                // wrong types
                post("string for number (memberSince) on POST member", M, "{\"name\":\"x\",\"memberSince\":\"2005\"}", 400)
                        .mentioning("memberSince"),
                post("number for string (name) on POST member", M, "{\"name\":12}", 400).mentioning("name"),
                post("string for boolean (active) on POST member", M, "{\"name\":\"x\",\"active\":\"true\"}", 400)
                        .mentioning("active"),
                post("array for object (logo) on POST member", M, "{\"name\":\"x\",\"logo\":[]}", 400).mentioning("logo"),
                post("fraction for integer (memberSince) on POST member", M, "{\"name\":\"x\",\"memberSince\":2005.5}", 400)
                        .mentioning("memberSince"),
                post("integer overflow (memberSince) on POST member", M, "{\"name\":\"x\",\"memberSince\":99999999999}", 400)
                        .mentioning("memberSince"),
                post("object for array (tags) on POST news", N, "{\"title\":\"x\",\"tags\":{\"a\":\"b\"}}", 400)
                        .mentioning("tags"),
                post("object for array (members) on POST news", N, "{\"title\":\"x\",\"members\":{\"id\":\"$M\"}}", 400)
                        .mentioning("members"),
                post("text for timestamp (publishedAt) on POST news", N, "{\"title\":\"x\",\"publishedAt\":\"gestern\"}", 400)
                        .mentioning("publishedAt"),
                put("number for string (teaser) on PUT news", N + "/$N", "{\"title\":\"x\",\"teaser\":5}", 400)
                        .mentioning("teaser"),
                put("array for string (title) on PUT news", N + "/$N", "{\"title\":[\"x\"]}", 400).mentioning("title"),
                put("string for object (logo) on PUT member", M + "/$M", "{\"name\":\"x\",\"logo\":\"logo.png\"}", 400)
                        .mentioning("logo"),
                patch("string for number (memberSince) on PATCH member", M + "/$M", "{\"memberSince\":\"zwanzig\"}", 400)
                        .mentioning("memberSince"),
                patch("string for array (links) on PATCH news", N + "/$N", "{\"links\":\"https://example.org\"}", 400)
                        .mentioning("links"),
                patch("string for object (region) on PATCH news", N + "/$N", "{\"region\":\"DE-NW\"}", 400)
                        .mentioning("region"),
                // 10 MB strings
                huge("10 MB name on POST member", "POST", M, JSON, "", "name"),
                huge("10 MB body on POST news", "POST", N, JSON, "\"title\":\"x\",", "body"),
                huge("10 MB description on PUT member", "PUT", M + "/$M", JSON, "\"name\":\"x\",", "description"),
                huge("10 MB body on PATCH news", "PATCH", N + "/$N", MERGE_PATCH, "", "body"),
                // unknown properties: 400 naming them
                post("unknown property on POST member", M, "{\"name\":\"x\",\"nmae\":\"y\"}", 400).mentioning("nmae"),
                post("unknown property on POST news", N, "{\"title\":\"x\",\"teaserr\":\"y\"}", 400).mentioning("teaserr"),
                put("unknown nested property (logo) on PUT member", M + "/$M",
                        "{\"name\":\"x\",\"logo\":{\"url\":\"https://example.org/l.png\",\"alt\":\"Logo\",\"copyright\":\"x\"}}", 400)
                        .mentioning("logo.copyright"),
                put("unknown nested property (region) on PUT news", N + "/$N",
                        "{\"title\":\"x\",\"region\":{\"state\":\"DE-SN\",\"city\":\"Leipzig\"}}", 400).mentioning("region.city"),
                patch("unknown property on PATCH member", M + "/$M", "{\"website2\":\"https://example.org\"}", 400)
                        .mentioning("website2"),
                patch("unknown property in an array item on PATCH news", N + "/$N",
                        "{\"links\":[{\"label\":\"a\",\"url\":\"https://example.org\",\"title\":\"x\"}]}", 400)
                        .mentioning("links[0].title"),
                // invalid UUIDs in the path: not a UUID, so looked up as a slug, and there is none
                get("UUID with a non-hex digit on GET member", M + "/6af51c09-04bf-4ae6-8356-aaa19c09dc6z", 404),
                get("UUID with a non-hex digit on GET news", N + "/00000000-0000-0000-0000-00000000000g", 404),
                get("truncated UUID on GET news", N + "/6af51c09-04bf-4ae6-8356", 404),
                put("short-form UUID on PUT member", M + "/1-1-1-1-1", "{\"name\":\"x\"}", 404),
                patch("UUID with a suffix on PATCH news", N + "/$Nx", "{\"teaser\":\"x\"}", 404),
                // invalid UUIDs in members[].id: malformed is 400, well-formed but unknown is 422
                post("malformed members[].id on POST news", N, "{\"title\":\"x\",\"members\":[{\"id\":\"not-a-uuid\"}]}", 400)
                        .mentioning("members[0].id"),
                put("malformed second members[].id on PUT news", N + "/$N",
                        "{\"title\":\"x\",\"members\":[{\"id\":\"$M\"},{\"id\":\"12345\"}]}", 400).mentioning("members[1].id"),
                patch("number as members[].id on PATCH news", N + "/$N", "{\"members\":[{\"id\":42}]}", 400)
                        .mentioning("members[0].id"),
                post("unknown members[].id on POST news", N,
                        "{\"title\":\"x\",\"members\":[{\"id\":\"00000000-0000-0000-0000-000000000000\"}]}", 422),
                patch("repeated members[].id on PATCH news", N + "/$N", "{\"members\":[{\"id\":\"$M\"},{\"id\":\"$M\"}]}", 422),
                post("members[] item without id on POST news", N, "{\"title\":\"x\",\"members\":[{}]}", 422),
                // malformed and forged cursors
                get("random base64 cursor on news", N + "?cursor=" + randomCursor, 400),
                get("base64 of broken JSON as cursor on members", M + "?cursor=" + base64Url("[\"name\",\"x\""), 400),
                get("base64 of a JSON object as cursor on news", N + "?cursor=" + base64Url("{\"sort\":\"-publishedAt\"}"), 400),
                get("base64 of plain text as cursor on members", M + "?cursor=" + base64Url("junk"), 400),
                get("cursor with a non-date sort value on news",
                        N + "?cursor=" + base64Url("[\"-publishedAt\",\"not-a-date\",\"00000000-0000-0000-0000-000000000000\"]"), 400),
                get("cursor with an SQL-like id on news",
                        N + "?cursor=" + base64Url("[\"-publishedAt\",\"2025-11-12T08:00:00Z\",\"" + SQL_OR + "\"]"), 400),
                get("cursor with a non-integer sort value on members",
                        M + "?sort=memberSince&cursor=" + base64Url("[\"memberSince\",\"abc\",\"00000000-0000-0000-0000-000000000000\"]"),
                        400),
                get("empty cursor on news", N + "?cursor=", 400),
                get("cursor with standard base64 characters on news", N + "?cursor=%2B%2F%2B%2F", 400),
                get("valid title cursor used with the default sort on news", N + "?cursor=$NEWS_TITLE_CURSOR", 400),
                get("valid title cursor used with -title on news", N + "?sort=-title&cursor=$NEWS_TITLE_CURSOR", 400),
                get("valid city cursor used with the default sort on members", M + "?cursor=$MEMBER_CITY_CURSOR", 400),
                get("news cursor used on members", M + "?sort=name&cursor=$NEWS_TITLE_CURSOR", 400),
                // unknown sort fields
                get("unknown sort field on news", N + "?sort=bogus", 400).mentioning("bogus"),
                get("sort field of another type on members", M + "?sort=publishedAt", 400).mentioning("publishedAt"),
                get("SQL-style sort direction on news", N + "?sort=title%20desc", 400),
                get("repeated sort field on members", M + "?sort=name,name", 400),
                get("empty sort on news", N + "?sort=", 400),
                get("lone minus as sort on members", M + "?sort=-", 400),
                get("double minus sort on news", N + "?sort=--title", 400),
                // bad limits
                get("limit 0 on news", N + "?limit=0", 400),
                get("limit 101 on news", N + "?limit=101", 400),
                get("limit -1 on news", N + "?limit=-1", 400),
                get("limit abc on news", N + "?limit=abc", 400),
                get("limit 0 on members", M + "?limit=0", 400),
                get("limit 101 on members", M + "?limit=101", 400),
                get("limit -1 on members", M + "?limit=-1", 400),
                get("limit abc on members", M + "?limit=abc", 400),
                get("empty limit on members", M + "?limit=", 400),
                get("fractional limit on news", N + "?limit=1.5", 400),
                // bad dates in from/to
                get("month 13 in from", N + "?from=2025-13-01", 400).mentioning("from"),
                get("30 February in to", N + "?to=2025-02-30", 400).mentioning("to"),
                get("German date format in from", N + "?from=12.11.2025", 400).mentioning("from"),
                get("timestamp instead of date in to", N + "?to=2025-11-12T08:00:00Z", 400).mentioning("to"),
                get("empty from", N + "?from=", 400).mentioning("from"),
                get("from after to", N + "?from=2025-11-30&to=2025-11-01", 400),
                // SQL-like strings in the path: a slug that does not exist
                get("SQL-like id on GET member", M + "/" + SQL_OR_URL, 404),
                get("SQL-like id on GET news", N + "/" + SQL_DROP_URL, 404),
                put("SQL-like id on PUT member", M + "/" + SQL_OR_URL, "{\"name\":\"x\"}", 404),
                patch("SQL-like id on PATCH news", N + "/" + SQL_DROP_URL, "{\"teaser\":\"x\"}", 404),
                // SQL-like strings in parameters that only take known values
                get("SQL-like active filter on members", M + "?active=" + SQL_OR_URL, 400),
                get("SQL-like sort on news", N + "?sort=" + SQL_DROP_URL, 400),
                get("SQL-like from on news", N + "?from=" + SQL_OR_URL, 400),
                get("SQL-like limit on members", M + "?limit=1%20OR%201=1", 400),
                get("SQL-like fields on members", M + "?fields=name," + SQL_OR_URL, 400),
                get("SQL-like include on GET news item", N + "/$N?include=" + SQL_DROP_URL, 400),
                get("SQL-like parameter name on news", N + "?" + SQL_OR_URL + "=1", 400),
                // SQL-like strings in bodies where they are not valid values
                post("SQL-like memberSince on POST member", M, "{\"name\":\"x\",\"memberSince\":\"1 OR 1=1\"}", 400)
                        .mentioning("memberSince"),
                post("SQL-like state on POST member", M, "{\"name\":\"x\",\"state\":\"" + SQL_OR + "\"}", 422),
                put("SQL-like slug on PUT news", N + "/$N", "{\"title\":\"x\",\"slug\":\"\\\"; drop table news; --\"}", 422),
                patch("SQL-like members[].id on PATCH news", N + "/$N", "{\"members\":[{\"id\":\"" + SQL_OR + "\"}]}", 400)
                        .mentioning("members[0].id"),
                // control characters in body strings
                post("NUL in name on POST member", M, "{\"name\":\"a\\u0000b\"}", 400).mentioning("name"),
                put("U+0001 in teaser on PUT news", N + "/$N", "{\"title\":\"x\",\"teaser\":\"x\\u0001y\"}", 400)
                        .mentioning("teaser"),
                patch("NUL in city on PATCH member", M + "/$M", "{\"city\":\"K\\u0000ln\"}", 400).mentioning("city"),
                patch("U+0001 in a tag on PATCH news", N + "/$N", "{\"tags\":[\"ok\",\"b\\u0001\"]}", 400).mentioning("tags[1]"),
                raw("unescaped U+0001 in title on POST news", "POST", N, JSON, bytes("{\"title\":\"a", new int[] { 0x01 }, "b\"}"),
                        400),
                // control characters in query parameters
                get("NUL in the tag filter", N + "?tag=a%00b", 400),
                get("U+0001 in the state filter", M + "?state=DE%01NW", 400),
                get("NUL in fields on GET news item", N + "/$N?fields=title%00", 400),
                get("NUL as cursor", N + "?cursor=%00", 400),
                // lone surrogates
                post("lone high surrogate in name on POST member", M, "{\"name\":\"\\ud800\"}", 400).mentioning("name"),
                patch("lone low surrogate in teaser on PATCH news", N + "/$N", "{\"teaser\":\"a\\udc00b\"}", 400)
                        .mentioning("teaser"),
                put("high surrogate at the end of name on PUT member", M + "/$M", "{\"name\":\"x\\ud800\"}", 400)
                        .mentioning("name"),
                // invalid UTF-8 bytes
                raw("Latin-1 byte in name on POST member", "POST", M, JSON, bytes("{\"name\":\"M", new int[] { 0xFC }, "ller\"}"),
                        400),
                raw("broken two-byte sequence in title on PUT news", "PUT", N + "/$N", JSON,
                        bytes("{\"title\":\"", new int[] { 0xC3, 0x28 }, "\"}"), 400),
                raw("UTF-8-encoded surrogate in city on PATCH member", "PATCH", M + "/$M", MERGE_PATCH,
                        bytes("{\"city\":\"", new int[] { 0xED, 0xA0, 0x80 }, "\"}"), 400),
                // trailing garbage
                post("trailing word after the object on POST member", M, "{\"name\":\"x\"} xyz", 400),
                put("extra closing brace on PUT news", N + "/$N", "{\"title\":\"x\"}}", 400),
                patch("second object after the patch on PATCH member", M + "/$M", "{\"city\":\"Bonn\"} {\"city\":\"Köln\"}", 400),
                post("trailing comma after the object on POST news", N, "{\"title\":\"x\"},", 400),
                // duplicate keys
                patch("duplicate key on PATCH member", M + "/$M", "{\"city\":\"Bonn\",\"city\":\"Köln\"}", 400),
                patch("duplicate nested key on PATCH news", N + "/$N", "{\"region\":{\"state\":\"DE-NW\",\"state\":\"DE-BY\"}}",
                        400),
                // media types the operation does not take
                send("text/plain on POST member", "POST", M, "text/plain", "{\"name\":\"x\"}", 415),
                send("XML on POST news", "POST", N, "application/xml", "<news><title>x</title></news>", 415),
                send("form data on POST member", "POST", M, "application/x-www-form-urlencoded", "name=x", 415),
                send("merge patch media type on PUT news", "PUT", N + "/$N", MERGE_PATCH, "{\"title\":\"x\"}", 415),
                send("form data on PATCH member", "PATCH", M + "/$M", "application/x-www-form-urlencoded", "city=Bonn", 415),
                // parameters a GET does not know
                get("unknown field in fields on GET member item", M + "/$M?fields=bogus", 400).mentioning("bogus"),
                get("include on GET member item (members have no relations)", M + "/$M?include=members", 400),
                get("list parameter on GET news item", N + "/$N?limit=5", 400).mentioning("limit"),
                get("unknown filter on news", N + "?bogus=1", 400).mentioning("bogus"),
                get("repeated filter on news", N + "?tag=a&tag=b", 400).mentioning("tag"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void answersBadInputWithAProblemAndChangesNothing(Case c) throws Exception {
        List<Object> before = snapshot();
        assertProblem(c, sendCase(c));
        assertEquals(before, snapshot(), "the database changed: " + c);
    }

    /** Cases found by this table that the server once got wrong (500s, silent acceptance, bare errors). */
    static Stream<Case> formerServerBugs() {
        return Stream.of(
                // DESIGN: timestamps are RFC 3339 (years 0000-9999) and "no bad input ever gives a 500"
                post("publishedAt beyond PostgreSQL's range on POST news", N,
                        "{\"title\":\"x\",\"publishedAt\":\"+300000-01-01T00:00:00Z\"}", 400),
                put("publishedAt year 999999999 on PUT news", N + "/$N",
                        "{\"title\":\"x\",\"publishedAt\":\"+999999999-12-31T23:59:59Z\"}", 400),
                patch("publishedAt year -300000 on PATCH news", N + "/$N",
                        "{\"publishedAt\":\"-300000-01-01T00:00:00Z\"}", 400),
                get("from far beyond PostgreSQL's range", N + "?from=%2B300000-01-01", 400),
                get("to = LocalDate.MAX (plusDays overflows)", N + "?to=%2B999999999-12-31", 400),
                get("to = LocalDate.MIN", N + "?to=-999999999-01-01", 400),
                get("forged cursor with a year-300000 instant on news",
                        N + "?cursor=" + base64Url("[\"-publishedAt\",\"+300000-01-01T00:00:00Z\",\"00000000-0000-0000-0000-000000000000\"]"),
                        400),
                get("forged cursor with a year -300000 instant on members",
                        M + "?sort=createdAt&cursor="
                                + base64Url("[\"createdAt\",\"-300000-01-01T00:00:00Z\",\"00000000-0000-0000-0000-000000000000\"]"),
                        400),
                // DESIGN: JSON in camelCase, timestamps RFC 3339 strings; a number is the wrong type
                put("number for timestamp on PUT news", N + "/$N",
                        "{\"title\":\"x\",\"publishedAt\":12345}", 400),
                // RFC 3629: overlong forms are not UTF-8 (0xC0 0xAF is the classic disguised "/")
                raw("overlong UTF-8 encoding in title on POST news", "POST", N, JSON,
                        bytes("{\"title\":\"", new int[] { 0xC0, 0xAF }, "\"}"), 400),
                raw("overlong UTF-8 encoding in city on PATCH member", "PATCH", M + "/$M", MERGE_PATCH,
                        bytes("{\"city\":\"", new int[] { 0xE0, 0x80, 0xAF }, "\"}"), 400),
                // a duplicate key would silently drop the first value
                post("duplicate key on POST member", M, "{\"name\":\"a\",\"name\":\"b\"}", 400),
                put("duplicate key on PUT news", N + "/$N", "{\"title\":\"a\",\"title\":\"b\"}", 400),
                // no body at all is malformed, as [1] is: 400, not 422
                post("empty body on POST member", M, "", 400),
                put("null body on PUT news", N + "/$N", "null", 400),
                // DESIGN: every error is a problem document. Two exceptions the HTTP layer answers with
                // an empty body before any handler of ours runs (see docs/decisions.md): a chunked body
                // without Content-Length that grows past the limit (413), and a URL with malformed
                // percent-encoding such as ?cursor=%zz (400).
                post("duplicate key in a nested object on POST news", N,
                        "{\"title\":\"x\",\"region\":{\"place\":\"a\",\"place\":\"b\"}}", 400));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formerServerBugs")
    void answersFormerlyMishandledInputWithAProblemAndChangesNothing(Case c) throws Exception {
        answersBadInputWithAProblemAndChangesNothing(c);
    }

    @Test
    void storesSqlLikeTextVerbatim() throws SQLException {
        String name = "'; DROP TABLE member; -- " + unique("x");
        Map<String, Object> body = member(name);
        body.put("shortName", null);
        body.put("city", SQL_OR);
        body.put("description", SQL_DROP + " /* */ SELECT * FROM member WHERE 1=1;");
        Map<String, Object> member = admin().contentType(ContentType.JSON).body(body).post(M)
                .then().statusCode(201)
                .body("name", equalTo(name))
                .body("city", equalTo(SQL_OR))
                .body("description", equalTo(body.get("description")))
                .extract().jsonPath().getMap("$");
        given().get(M + "/" + member.get("id")).then().statusCode(200)
                .body("name", equalTo(name)).body("city", equalTo(SQL_OR)).body("description", equalTo(body.get("description")));

        String title = SQL_DROP + " " + unique("Meldung");
        Map<String, Object> item = news(title);
        item.put("teaser", SQL_OR);
        // tags made unique, so that treatsSqlLikeFilterValuesAsPlainValues never finds them
        List<String> tags = List.of(SQL_OR + " " + unique("t"), SQL_DROP + " " + unique("t"));
        item.put("tags", tags);
        String id = admin().contentType(ContentType.JSON).body(item).post(N)
                .then().statusCode(201)
                .body("title", equalTo(title))
                .body("teaser", equalTo(SQL_OR))
                .body("tags", equalTo(tags))
                .extract().path("id");
        admin().contentType(MERGE_PATCH).body("{\"teaser\":\"" + SQL_DROP.replace("\"", "\\\"") + "\"}").patch(N + "/" + id)
                .then().statusCode(200).body("teaser", equalTo(SQL_DROP)).body("title", equalTo(title));

        // both tables are still there and readable
        List<Object> tables = snapshot();
        assertTrue(((Number) tables.get(0)).longValue() > 0 && ((Number) tables.get(3)).longValue() > 0, tables.toString());
    }

    @Test
    void treatsSqlLikeFilterValuesAsPlainValues() {
        // a news item with tag, state and member exists (createTargets), so a filter that were
        // spliced into SQL as "... OR 1=1" would match it; as a plain value it matches nothing
        for (String filter : List.of("tag", "state", "member")) {
            for (String value : List.of(SQL_OR_URL, SQL_DROP_URL)) {
                given().urlEncodingEnabled(false).get(N + "?" + filter + "=" + value)
                        .then().statusCode(200).contentType(ContentType.JSON)
                        .body("page.total", equalTo(0)).body("items.size()", equalTo(0));
            }
        }
        given().urlEncodingEnabled(false).get(M + "?state=" + SQL_OR_URL)
                .then().statusCode(200).body("page.total", equalTo(0));
        String titleLikeValue = base64Url("[\"title\",\"" + SQL_OR + "\",\"00000000-0000-0000-0000-000000000000\"]");
        // a well-formed cursor whose sort value is SQL-like is just a position in the title order
        given().urlEncodingEnabled(false).get(N + "?sort=title&limit=1&cursor=" + titleLikeValue)
                .then().statusCode(200).contentType(ContentType.JSON);
    }

    private Answer sendCase(Case c) throws IOException, InterruptedException {
        byte[] bytes = c.json() != null ? resolve(c.json()).getBytes(StandardCharsets.UTF_8)
                : c.bytes() != null ? c.bytes().get() : null;
        String target = resolve(c.target());
        if (c.transport() != Transport.REST_ASSURED) {
            return overSocket(c.method(), target, c.contentType(), bytes, c.transport() == Transport.SOCKET_CHUNKED);
        }
        RequestSpecification request = given().urlEncodingEnabled(false).header("Authorization", "Bearer " + ADMIN_TOKEN);
        if (c.contentType() != null) {
            request.contentType(c.contentType());
        }
        if (bytes != null && c.contentType() != null && c.contentType().startsWith("application/x-www-form-urlencoded")) {
            // REST Assured only sends form bodies given as text
            request.body(new String(bytes, StandardCharsets.UTF_8));
        } else if (bytes != null) {
            request.body(bytes);
        }
        Response response = request.request(c.method(), target);
        return new Answer(response.statusCode(), response.contentType(), response.asString());
    }

    /**
     * One HTTP/1.1 exchange over a plain socket. The body is written by a second thread while
     * this one reads, so an answer the server sends before it has read everything (413) is seen.
     */
    private static Answer overSocket(String method, String target, String contentType, byte[] body, boolean chunked)
            throws IOException, InterruptedException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\nAuthorization: Bearer ").append(ADMIN_TOKEN).append("\r\n");
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (body != null) {
                head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = new Thread(() -> {
                try {
                    if (body != null && chunked) {
                        for (int from = 0; from < body.length; from += 65536) {
                            int length = Math.min(65536, body.length - from);
                            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            out.write(body, from, length);
                            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    } else if (body != null) {
                        out.write(body);
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server may answer and close before it has read the whole body
                }
            });
            writer.start();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1;) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketException e) {
                if (received.size() == 0) {
                    throw e;
                }
            }
            writer.join(30_000);
            return parse(received.toByteArray());
        }
    }

    private static Answer parse(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertTrue(end > 0, "an HTTP response: " + text);
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
        if (chunked) {
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            int at = 0;
            while (true) {
                int lineEnd = new String(body, StandardCharsets.ISO_8859_1).indexOf("\r\n", at);
                int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                decoded.write(body, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
            body = decoded.toByteArray();
        }
        return new Answer(status, contentType, new String(body, StandardCharsets.UTF_8));
    }

    private static String resolve(String text) {
        return text.replace("$NEWS_TITLE_CURSOR", targets.newsTitleCursor())
                .replace("$MEMBER_CITY_CURSOR", targets.memberCityCursor())
                .replace("$M", targets.member())
                .replace("$N", targets.news());
    }

    private static void assertProblem(Case c, Answer response) {
        String raw = response.body();
        JsonPath problem = BadInputChecks.assertProblemDocument(c, c.status(), response.status(), response.contentType(), raw);
        if (c.mentions() != null) {
            assertThat(c + ": detail", problem.getString("detail"), containsString(c.mentions()));
        }
    }

    private List<Object> snapshot() throws SQLException {
        return BadInputChecks.snapshot(dataSource, SNAPSHOT);
    }
}
