package dev.ticker.problem;

import static dev.ticker.BadInputCase.JSON;
import static dev.ticker.BadInputCase.patch;
import static dev.ticker.BadInputCase.post;
import static dev.ticker.BadInputCase.put;
import static dev.ticker.BadInputCase.raw;
import static dev.ticker.BadInputCase.write;
import static dev.ticker.BadInputChecks.bytes;
import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.member;
import static dev.ticker.Fixtures.news;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ticker.BadInputCase;
import dev.ticker.BadInputChecks;
import dev.ticker.Fixtures;
import dev.ticker.ResourceType;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Request bodies that are not what the schema describes answer 400 (DESIGN.md: "400 malformed
 * JSON"; docs/decisions.md): text that is not JSON, JSON that is not an object, values of the
 * wrong type (numbers, booleans, objects, arrays, dates not YYYY-MM-DD, times not HH:mm,
 * timestamps not RFC 3339 in the years 0001-9999, unknown enumeration values, malformed ids of
 * related resources), properties the schema does not know, text that is not valid Unicode
 * (control characters, lone surrogates, the noncharacters U+FFFE and U+FFFF, invalid or overlong
 * UTF-8) and duplicate keys. Each case
 * answers a problem document that leaks nothing and names the property where it can, and leaves
 * the database exactly as it was.
 *
 * <p>Each kind of malformation is sent to every type where it applies (generated per
 * {@link ResourceType}), followed by the cases particular to one type's fields. Targets are the
 * rows of {@link dev.ticker.BadInputTargets}.
 */
@QuarkusTest
class MalformedBodyTest {

    private static final String M = "/v1/members";
    private static final String N = "/v1/news";
    private static final String E = "/v1/events";
    private static final String J = "/v1/jobs";
    private static final String I = "/v1/issues";
    private static final String SQL_OR = "' OR 1=1 --";
    private static final String SQL_DROP = "\"; DROP TABLE news; --";
    private static final String[] WRITES = { "POST", "PUT", "PATCH" };

    @Inject
    AgroalDataSource dataSource;

    // --- generating a case per type -------------------------------------------------------------

    private static Stream<BadInputCase> perType(Function<ResourceType, BadInputCase> kind) {
        return Arrays.stream(ResourceType.values()).map(kind);
    }

    private static Stream<BadInputCase> perTypeAndWrite(BiFunction<ResourceType, String, BadInputCase> kind) {
        return Arrays.stream(ResourceType.values()).flatMap(t -> Arrays.stream(WRITES).map(method -> kind.apply(t, method)));
    }

    /** Where a write of the method goes: the collection for POST, else the target row. */
    private static String target(ResourceType t, String method) {
        return method.equals("POST") ? t.path() : t.target();
    }

    private static String event(String more) {
        return ResourceType.EVENTS.body(more);
    }

    private static String job(String more) {
        return ResourceType.JOBS.body(more);
    }

    private static String issue(String number, String more) {
        return ResourceType.issue(number, more);
    }

    /** A property the type does not have, as a JSON member: a typo of one it has. */
    private static String typo(ResourceType t) {
        return switch (t) {
            case MEMBERS -> "\"nmae\":\"y\"";
            case NEWS -> "\"teaserr\":\"y\"";
            case EVENTS -> "\"titel\":\"y\"";
            case JOBS -> "\"salaryRange\":\"viel\"";
            case ISSUES -> "\"numbr\":1";
        };
    }

    private static String typoName(ResourceType t) {
        String typo = typo(t);
        return typo.substring(1, typo.indexOf('"', 1));
    }

    /** {"<name or title>": value} */
    private static String named(ResourceType t, String value) {
        return "{\"" + t.nameProperty() + "\":" + value + "}";
    }

    // --- not JSON ----------------------------------------------------------------------------------

    static Stream<BadInputCase> notJson() {
        return Stream.of(
                perTypeAndWrite((t, m) -> write("malformed JSON (cut off) on " + m + " " + t.singular(), m, target(t, m),
                        "{\"" + t.nameProperty() + "\":", 400)),
                perTypeAndWrite((t, m) -> write("empty body on " + m + " " + t.singular(), m, target(t, m), "", 400)),
                perType(t -> post("trailing word after the object on POST " + t.singular(), t.path(), t.body() + " xyz", 400)),
                Stream.of(
                        post("malformed JSON (trailing comma) on POST news", N, "{\"title\":\"x\",}", 400),
                        put("malformed JSON (unquoted key) on PUT member", M + "/$MEMBER", "{name:\"x\"}", 400),
                        patch("malformed JSON (unterminated) on PATCH news", N + "/$NEWS", "{\"teaser\":\"x\"", 400),
                        patch("malformed JSON (single quotes) on PATCH member", M + "/$MEMBER", "{'city':'Bonn'}", 400),
                        put("malformed JSON (unquoted key) on PUT event", E + "/$EVENT", "{title:\"x\"}", 400),
                        patch("malformed JSON (trailing comma) on PATCH event", E + "/$EVENT", "{\"title\":\"x\",}", 400),
                        post("malformed JSON (single quotes) on POST job", J, "{'title':'x'}", 400),
                        put("malformed JSON (unterminated) on PUT job", J + "/$JOB", "{\"title\":\"x\"", 400),
                        post("malformed JSON on POST issue", I, "{\"number\":1,", 400),
                        put("malformed JSON (unterminated string) on PUT issue", I + "/$ISSUE", "{\"title\":\"x}", 400),
                        patch("malformed JSON (bare word) on PATCH issue", I + "/$ISSUE", "{\"title\":Ausgabe}", 400),
                        // trailing garbage
                        put("extra closing brace on PUT news", N + "/$NEWS", "{\"title\":\"x\"}}", 400),
                        patch("second object after the patch on PATCH member", M + "/$MEMBER", "{\"city\":\"Bonn\"} {\"city\":\"Köln\"}", 400),
                        post("trailing comma after the object on POST news", N, "{\"title\":\"x\"},", 400),
                        put("extra closing brace on PUT job", J + "/$JOB", job("") + "}", 400),
                        patch("second object after the patch on PATCH issue", I + "/$ISSUE", "{\"title\":\"a\"} {\"title\":\"b\"}", 400)))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notJson")
    void answersABodyThatIsNotJsonWith400(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- JSON that is not an object -----------------------------------------------------------------

    static Stream<BadInputCase> notAnObject() {
        return Stream.concat(
                perTypeAndWrite((t, m) -> write("null body on " + m + " " + t.singular(), m, target(t, m), "null", 400)),
                Stream.of(
                        post("array body on POST member", M, "[{\"name\":\"x\"}]", 400),
                        post("string body on POST news", N, "\"Meldung\"", 400),
                        put("number body on PUT news", N + "/$NEWS", "42", 400),
                        put("boolean body on PUT member", M + "/$MEMBER", "true", 400),
                        patch("array merge patch on PATCH member", M + "/$MEMBER", "[\"city\"]", 400),
                        patch("string merge patch on PATCH news", N + "/$NEWS", "\"teaser\"", 400),
                        post("array body on POST event", E, "[" + event("") + "]", 400),
                        put("string body on PUT event", E + "/$EVENT", "\"Termin\"", 400),
                        post("number body on POST job", J, "42", 400),
                        put("boolean body on PUT job", J + "/$JOB", "true", 400),
                        patch("array merge patch on PATCH job", J + "/$JOB", "[\"title\"]", 400),
                        post("number body on POST issue", I, "20", 400),
                        patch("array merge patch on PATCH issue", I + "/$ISSUE", "[{\"title\":\"x\"}]", 400),
                        patch("string merge patch on PATCH issue", I + "/$ISSUE", "\"title\"", 400)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notAnObject")
    void answersJsonThatIsNotAnObjectWith400(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- values of the wrong type ---------------------------------------------------------------------

    static Stream<BadInputCase> wrongTypes() {
        return Stream.of(
                perType(t -> post("number for string (" + t.nameProperty() + ") on POST " + t.singular(), t.path(), named(t, "12"), 400)
                        .mentioning(t.nameProperty())),
                perType(t -> patch("number for string (" + t.nameProperty() + ") on PATCH " + t.singular(), t.target(), named(t, "12"), 400)
                        .mentioning(t.nameProperty())),
                perType(t -> patch("object for string (" + t.nameProperty() + ") on PATCH " + t.singular(), t.target(),
                        named(t, "{\"de\":\"x\"}"), 400).mentioning(t.nameProperty())),
                wrongTypesOfMembers(), wrongTypesOfNews(), wrongTypesOfEvents(), wrongTypesOfJobs(), wrongTypesOfIssues())
                .flatMap(s -> s);
    }

    private static Stream<BadInputCase> wrongTypesOfMembers() {
        return Stream.of(
                post("string for number (memberSince) on POST member", M, "{\"name\":\"x\",\"memberSince\":\"2005\"}", 400)
                        .mentioning("memberSince"),
                post("string for boolean (active) on POST member", M, "{\"name\":\"x\",\"active\":\"true\"}", 400)
                        .mentioning("active"),
                post("array for object (logo) on POST member", M, "{\"name\":\"x\",\"logo\":[]}", 400).mentioning("logo"),
                post("fraction for integer (memberSince) on POST member", M, "{\"name\":\"x\",\"memberSince\":2005.5}", 400)
                        .mentioning("memberSince"),
                post("integer overflow (memberSince) on POST member", M, "{\"name\":\"x\",\"memberSince\":99999999999}", 400)
                        .mentioning("memberSince"),
                put("string for object (logo) on PUT member", M + "/$MEMBER", "{\"name\":\"x\",\"logo\":\"logo.png\"}", 400)
                        .mentioning("logo"),
                patch("string for number (memberSince) on PATCH member", M + "/$MEMBER", "{\"memberSince\":\"zwanzig\"}", 400)
                        .mentioning("memberSince"),
                post("SQL-like memberSince on POST member", M, "{\"name\":\"x\",\"memberSince\":\"1 OR 1=1\"}", 400)
                        .mentioning("memberSince"));
    }

    private static Stream<BadInputCase> wrongTypesOfNews() {
        return Stream.of(
                post("object for array (tags) on POST news", N, "{\"title\":\"x\",\"tags\":{\"a\":\"b\"}}", 400)
                        .mentioning("tags"),
                post("object for array (members) on POST news", N, "{\"title\":\"x\",\"members\":{\"id\":\"$MEMBER\"}}", 400)
                        .mentioning("members"),
                post("text for timestamp (publishedAt) on POST news", N, "{\"title\":\"x\",\"publishedAt\":\"gestern\"}", 400)
                        .mentioning("publishedAt"),
                put("number for string (teaser) on PUT news", N + "/$NEWS", "{\"title\":\"x\",\"teaser\":5}", 400)
                        .mentioning("teaser"),
                put("array for string (title) on PUT news", N + "/$NEWS", "{\"title\":[\"x\"]}", 400).mentioning("title"),
                patch("string for array (links) on PATCH news", N + "/$NEWS", "{\"links\":\"https://example.org\"}", 400)
                        .mentioning("links"),
                patch("string for object (region) on PATCH news", N + "/$NEWS", "{\"region\":\"DE-NW\"}", 400)
                        .mentioning("region"),
                // malformed members[].id is 400; well-formed but unknown is 422 (ValidationTest)
                post("malformed members[].id on POST news", N, "{\"title\":\"x\",\"members\":[{\"id\":\"not-a-uuid\"}]}", 400)
                        .mentioning("members[0].id"),
                put("malformed second members[].id on PUT news", N + "/$NEWS",
                        "{\"title\":\"x\",\"members\":[{\"id\":\"$MEMBER\"},{\"id\":\"12345\"}]}", 400).mentioning("members[1].id"),
                patch("number as members[].id on PATCH news", N + "/$NEWS", "{\"members\":[{\"id\":42}]}", 400)
                        .mentioning("members[0].id"),
                patch("SQL-like members[].id on PATCH news", N + "/$NEWS", "{\"members\":[{\"id\":\"" + SQL_OR + "\"}]}", 400)
                        .mentioning("members[0].id"),
                // timestamps are RFC 3339 in the years 0001-9999 (docs/decisions.md), never a 500
                post("publishedAt beyond PostgreSQL's range on POST news", N,
                        "{\"title\":\"x\",\"publishedAt\":\"+300000-01-01T00:00:00Z\"}", 400),
                put("publishedAt year 999999999 on PUT news", N + "/$NEWS",
                        "{\"title\":\"x\",\"publishedAt\":\"+999999999-12-31T23:59:59Z\"}", 400),
                patch("publishedAt year -300000 on PATCH news", N + "/$NEWS",
                        "{\"publishedAt\":\"-300000-01-01T00:00:00Z\"}", 400),
                // DESIGN: JSON in camelCase, timestamps RFC 3339 strings; a number is the wrong type
                put("number for timestamp on PUT news", N + "/$NEWS",
                        "{\"title\":\"x\",\"publishedAt\":12345}", 400));
    }

    private static Stream<BadInputCase> wrongTypesOfEvents() {
        return Stream.of(
                post("number for date (startDate) on POST event", E, "{\"title\":\"x\",\"startDate\":20251202,\"format\":\"online\"}", 400)
                        .mentioning("startDate"),
                post("German date (startDate) on POST event", E, "{\"title\":\"x\",\"startDate\":\"02.12.2025\",\"format\":\"online\"}",
                        400).mentioning("startDate"),
                post("timestamp for date (startDate) on POST event", E,
                        "{\"title\":\"x\",\"startDate\":\"2025-12-02T10:00:00Z\",\"format\":\"online\"}", 400).mentioning("startDate"),
                post("30 February (startDate) on POST event", E, "{\"title\":\"x\",\"startDate\":\"2025-02-30\",\"format\":\"online\"}",
                        400).mentioning("startDate"),
                post("year 0 (startDate) on POST event", E, "{\"title\":\"x\",\"startDate\":\"0000-12-02\",\"format\":\"online\"}", 400)
                        .mentioning("startDate"),
                post("year 300000 (endDate) on POST event", E, event("\"endDate\":\"+300000-01-01\""), 400).mentioning("endDate"),
                post("startTime 25:00 on POST event", E, event("\"startTime\":\"25:00\""), 400).mentioning("startTime"),
                post("startTime 9:00 on POST event", E, event("\"startTime\":\"9:00\""), 400).mentioning("startTime"),
                put("startTime 14:00:00 on PUT event", E + "/$EVENT", event("\"startTime\":\"14:00:00\""), 400).mentioning("startTime"),
                put("startTime 24:00 on PUT event", E + "/$EVENT", event("\"startTime\":\"24:00\""), 400).mentioning("startTime"),
                patch("endTime 17:60 on PATCH event", E + "/$EVENT", "{\"endTime\":\"17:60\"}", 400).mentioning("endTime"),
                patch("endTime 5pm on PATCH event", E + "/$EVENT", "{\"endTime\":\"5pm\"}", 400).mentioning("endTime"),
                patch("number for time (startTime) on PATCH event", E + "/$EVENT", "{\"startTime\":1400}", 400).mentioning("startTime"),
                post("format irl on POST event", E, "{\"title\":\"x\",\"startDate\":\"2025-12-02\",\"format\":\"irl\"}", 400)
                        .mentioning("format"),
                put("format IN_PERSON (constant name) on PUT event", E + "/$EVENT",
                        "{\"title\":\"x\",\"startDate\":\"2025-12-02\",\"format\":\"IN_PERSON\"}", 400).mentioning("format"),
                patch("format 0 (ordinal) on PATCH event", E + "/$EVENT", "{\"format\":0}", 400).mentioning("format"),
                patch("string for object (location) on PATCH event", E + "/$EVENT", "{\"location\":\"Karlsruhe\"}", 400)
                        .mentioning("location"),
                patch("string for object (organizer) on PATCH event", E + "/$EVENT", "{\"organizer\":\"KGSt\"}", 400)
                        .mentioning("organizer"),
                post("array for string (title) on POST event", E, "{\"title\":[\"x\"],\"startDate\":\"2025-12-02\",\"format\":\"online\"}",
                        400).mentioning("title"),
                put("number for string (timeZone) on PUT event", E + "/$EVENT", event("\"timeZone\":1"), 400).mentioning("timeZone"),
                post("malformed organizer.member.id on POST event", E,
                        event("\"organizer\":{\"name\":\"KGSt\",\"member\":{\"id\":\"not-a-uuid\"}}"), 400).mentioning("organizer.member.id"),
                patch("number as organizer.member.id on PATCH event", E + "/$EVENT",
                        "{\"organizer\":{\"member\":{\"id\":42}}}", 400).mentioning("organizer.member.id"),
                post("SQL-like endDate on POST event", E, event("\"endDate\":\"2025-12-02' OR 1=1 --\""), 400).mentioning("endDate"),
                patch("SQL-like format on PATCH event", E + "/$EVENT", "{\"format\":\"online' --\"}", 400).mentioning("format"));
    }

    private static Stream<BadInputCase> wrongTypesOfJobs() {
        return Stream.of(
                post("employmentType sometimes on POST job", J, job("\"employmentType\":\"sometimes\""), 400)
                        .mentioning("employmentType"),
                put("employmentType FULL_TIME (constant name) on PUT job", J + "/$JOB", job("\"employmentType\":\"FULL_TIME\""), 400)
                        .mentioning("employmentType"),
                patch("array for enumeration (employmentType) on PATCH job", J + "/$JOB", "{\"employmentType\":[\"full_time\"]}", 400)
                        .mentioning("employmentType"),
                post("remote 0 on POST job", J, job("\"remote\":0"), 400).mentioning("remote"),
                patch("remote true on PATCH job", J + "/$JOB", "{\"remote\":true}", 400).mentioning("remote"),
                put("remote yes on PUT job", J + "/$JOB", job("\"remote\":\"yes\""), 400).mentioning("remote"),
                post("validThrough 31.12.2025 on POST job", J, job("\"validThrough\":\"31.12.2025\""), 400).mentioning("validThrough"),
                patch("number for date (validThrough) on PATCH job", J + "/$JOB", "{\"validThrough\":20251231}", 400)
                        .mentioning("validThrough"),
                put("timestamp for date (validThrough) on PUT job", J + "/$JOB", job("\"validThrough\":\"2025-12-31T23:59:59Z\""), 400)
                        .mentioning("validThrough"),
                post("string for object (employer) on POST job", J, "{\"title\":\"x\",\"employer\":\"KDO\"}", 400).mentioning("employer"),
                patch("number for string (salary) on PATCH job", J + "/$JOB", "{\"salary\":4500}", 400).mentioning("salary"),
                patch("array for object (location) on PATCH job", J + "/$JOB", "{\"location\":[]}", 400).mentioning("location"),
                put("malformed employer.member.id on PUT job", J + "/$JOB",
                        "{\"title\":\"x\",\"employer\":{\"name\":\"KDO\",\"member\":{\"id\":\"12345\"}}}", 400).mentioning("employer.member.id"),
                patch("SQL-like employer.member.id on PATCH job", J + "/$JOB",
                        "{\"employer\":{\"member\":{\"id\":\"" + SQL_OR + "\"}}}", 400).mentioning("employer.member.id"));
    }

    private static Stream<BadInputCase> wrongTypesOfIssues() {
        return Stream.of(
                post("number as string on POST issue", I, issue("\"$FREE\"", ""), 400).mentioning("number"),
                post("number as string 20.5 on POST issue", I, issue("\"20.5\"", ""), 400).mentioning("number"),
                post("number 20.5 on POST issue", I, issue("20.5", ""), 400).mentioning("number"),
                put("number 99999999999 (overflow) on PUT issue", I + "/$ISSUE", issue("99999999999", ""), 400).mentioning("number"),
                patch("number true on PATCH issue", I + "/$ISSUE", "{\"number\":true}", 400).mentioning("number"),
                patch("number 1e3 on PATCH issue", I + "/$ISSUE", "{\"number\":1e3}", 400).mentioning("number"),
                post("issueDate 12.11.2025 on POST issue", I, "{\"number\":$FREE,\"title\":\"x\",\"issueDate\":\"12.11.2025\"}", 400)
                        .mentioning("issueDate"),
                patch("string for array (sections) on PATCH issue", I + "/$ISSUE", "{\"sections\":\"Aus dem Verband\"}", 400)
                        .mentioning("sections"),
                patch("object for array (events) on PATCH issue", I + "/$ISSUE", "{\"events\":{\"id\":\"$EVENT\"}}", 400)
                        .mentioning("events"),
                put("string for object (editorial) on PUT issue", I + "/$ISSUE", issue("$ISSUE", "\"editorial\":\"Liebe Leser\""), 400)
                        .mentioning("editorial"),
                patch("number for string (sections[0].heading) on PATCH issue", I + "/$ISSUE",
                        "{\"sections\":[{\"heading\":7,\"news\":[]}]}", 400).mentioning("sections[0].heading"),
                post("malformed sections[0].news[0].id on POST issue", I,
                        issue("$FREE", "\"sections\":[{\"heading\":\"Eins\",\"news\":[{\"id\":\"not-a-uuid\"}]}]"), 400)
                        .mentioning("sections[0].news[0].id"),
                patch("malformed sections[0].news[1].id on PATCH issue", I + "/$ISSUE",
                        "{\"sections\":[{\"heading\":\"Eins\",\"news\":[{\"id\":\"$NEWS\"},{\"id\":\"$NEWSx\"}]}]}", 400)
                        .mentioning("sections[0].news[1].id"),
                put("malformed events[0].id on PUT issue", I + "/$ISSUE", issue("$ISSUE", "\"events\":[{\"id\":\"1-1-1-1-1\"}]"), 400)
                        .mentioning("events[0].id"),
                patch("SQL-like events[0].id on PATCH issue", I + "/$ISSUE", "{\"events\":[{\"id\":\"" + SQL_OR + "\"}]}", 400)
                        .mentioning("events[0].id"),
                patch("number as jobs[0].id on PATCH issue", I + "/$ISSUE", "{\"jobs\":[{\"id\":7}]}", 400).mentioning("jobs[0].id"),
                post("malformed jobs[1].id on POST issue", I, issue("$FREE", "\"jobs\":[{\"id\":\"$JOB\"},{\"id\":\"$JOBx\"}]"), 400)
                        .mentioning("jobs[1].id"),
                patch("SQL-like number on PATCH issue body", I + "/$ISSUE", "{\"number\":\"20 OR 1=1\"}", 400).mentioning("number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongTypes")
    void answersAValueOfTheWrongTypeWith400NamingTheProperty(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- unknown properties -------------------------------------------------------------------------

    static Stream<BadInputCase> unknownProperties() {
        return Stream.of(
                perType(t -> post("unknown property on POST " + t.singular(), t.path(), t.body(typo(t)), 400).mentioning(typoName(t))),
                perType(t -> put("unknown property on PUT " + t.singular(), t.target(), t.replacement(typo(t)), 400)
                        .mentioning(typoName(t))),
                perType(t -> patch("unknown property on PATCH " + t.singular(), t.target(), "{" + typo(t) + "}", 400)
                        .mentioning(typoName(t))),
                Stream.of(
                        put("unknown nested property (logo) on PUT member", M + "/$MEMBER",
                                "{\"name\":\"x\",\"logo\":{\"url\":\"https://example.org/l.png\",\"alt\":\"Logo\",\"copyright\":\"x\"}}", 400)
                                .mentioning("logo.copyright"),
                        put("unknown nested property (region) on PUT news", N + "/$NEWS",
                                "{\"title\":\"x\",\"region\":{\"state\":\"DE-SN\",\"city\":\"Leipzig\"}}", 400).mentioning("region.city"),
                        patch("unknown property website2 on PATCH member", M + "/$MEMBER", "{\"website2\":\"https://example.org\"}", 400)
                                .mentioning("website2"),
                        patch("unknown property in an array item on PATCH news", N + "/$NEWS",
                                "{\"links\":[{\"label\":\"a\",\"url\":\"https://example.org\",\"title\":\"x\"}]}", 400)
                                .mentioning("links[0].title"),
                        put("unknown nested property location.country on PUT event", E + "/$EVENT",
                                event("\"location\":{\"city\":\"Karlsruhe\",\"country\":\"DE\"}"), 400).mentioning("location.country"),
                        patch("unknown nested property organizer.email on PATCH event", E + "/$EVENT",
                                "{\"organizer\":{\"name\":\"KGSt\",\"email\":\"info@kgst.de\"}}", 400).mentioning("organizer.email"),
                        patch("unknown nested property location.country on PATCH event", E + "/$EVENT",
                                "{\"location\":{\"country\":\"DE\"}}", 400).mentioning("location.country"),
                        put("unknown nested property employer.phone on PUT job", J + "/$JOB",
                                "{\"title\":\"x\",\"employer\":{\"name\":\"KDO\",\"phone\":\"0441\"}}", 400).mentioning("employer.phone"),
                        patch("unknown nested property employer.phone on PATCH job", J + "/$JOB", "{\"employer\":{\"phone\":\"0441\"}}", 400)
                                .mentioning("employer.phone"),
                        patch("unknown nested property location.zip on PATCH job", J + "/$JOB", "{\"location\":{\"zip\":\"04109\"}}", 400)
                                .mentioning("location.zip"),
                        put("unknown nested property editorial.footer on PUT issue", I + "/$ISSUE",
                                issue("$ISSUE", "\"editorial\":{\"body\":\"x\",\"footer\":\"y\"}"), 400).mentioning("editorial.footer"),
                        patch("unknown nested property editorial.footer on PATCH issue", I + "/$ISSUE",
                                "{\"editorial\":{\"footer\":\"y\"}}", 400).mentioning("editorial.footer"),
                        patch("unknown nested property heroImage.width on PATCH issue", I + "/$ISSUE",
                                "{\"heroImage\":{\"alt\":\"Bild\",\"width\":600}}", 400).mentioning("heroImage.width"),
                        post("unknown property sections[0].title on POST issue", I,
                                issue("$FREE", "\"sections\":[{\"heading\":\"Eins\",\"title\":\"Zwei\",\"news\":[]}]"), 400)
                                .mentioning("sections[0].title"),
                        patch("unknown property sections[1].title on PATCH issue", I + "/$ISSUE",
                                "{\"sections\":[{\"heading\":\"Eins\"},{\"heading\":\"Zwei\",\"title\":\"x\"}]}", 400)
                                .mentioning("sections[1].title")))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownProperties")
    void answersAnUnknownPropertyWith400NamingIt(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- text that is not valid Unicode ---------------------------------------------------------------

    static Stream<BadInputCase> notValidUnicode() {
        return Stream.of(
                perType(t -> patch("NUL in " + t.nameProperty() + " on PATCH " + t.singular(), t.target(), named(t, "\"a\\u0000b\""), 400)
                        .mentioning(t.nameProperty())),
                perType(t -> patch("lone high surrogate in " + t.nameProperty() + " on PATCH " + t.singular(), t.target(),
                        named(t, "\"\\ud800\""), 400).mentioning(t.nameProperty())),
                perType(t -> raw("Latin-1 byte in " + t.nameProperty() + " on PATCH " + t.singular(), "PATCH", t.target(), MERGE_PATCH,
                        bytes("{\"" + t.nameProperty() + "\":\"M", new int[] { 0xFC }, "ller\"}"), 400)),
                Stream.of(
                        // control characters in body strings
                        post("NUL in name on POST member", M, "{\"name\":\"a\\u0000b\"}", 400).mentioning("name"),
                        put("U+0001 in teaser on PUT news", N + "/$NEWS", "{\"title\":\"x\",\"teaser\":\"x\\u0001y\"}", 400)
                                .mentioning("teaser"),
                        patch("NUL in city on PATCH member", M + "/$MEMBER", "{\"city\":\"K\\u0000ln\"}", 400).mentioning("city"),
                        patch("U+0001 in a tag on PATCH news", N + "/$NEWS", "{\"tags\":[\"ok\",\"b\\u0001\"]}", 400).mentioning("tags[1]"),
                        raw("unescaped U+0001 in title on POST news", "POST", N, JSON, bytes("{\"title\":\"a", new int[] { 0x01 }, "b\"}"),
                                400),
                        post("NUL in title on POST event", E, "{\"title\":\"a\\u0000b\",\"startDate\":\"2025-12-02\",\"format\":\"online\"}",
                                400).mentioning("title"),
                        put("U+0001 in organizer.name on PUT event", E + "/$EVENT", event("\"organizer\":{\"name\":\"K\\u0001GSt\"}"), 400)
                                .mentioning("organizer.name"),
                        patch("U+007F in timeZone on PATCH event", E + "/$EVENT", "{\"timeZone\":\"Europe/Berlin\\u007f\"}", 400)
                                .mentioning("timeZone"),
                        post("NUL in employer.name on POST job", J, "{\"title\":\"x\",\"employer\":{\"name\":\"KDO\\u0000\"}}", 400)
                                .mentioning("employer.name"),
                        put("U+001B in description on PUT job", J + "/$JOB", job("\"description\":\"\\u001b[31mrot\""), 400)
                                .mentioning("description"),
                        patch("U+0007 in editorial.body on PATCH issue", I + "/$ISSUE", "{\"editorial\":{\"body\":\"Ding\\u0007\"}}", 400)
                                .mentioning("editorial.body"),
                        post("NUL in sections[0].heading on POST issue", I, issue("$FREE", "\"sections\":[{\"heading\":\"a\\u0000\"}]"), 400)
                                .mentioning("sections[0].heading"),
                        raw("unescaped U+0001 in title on POST event", "POST", E, JSON,
                                bytes("{\"title\":\"a", new int[] { 0x01 }, "b\",\"startDate\":\"2025-12-02\",\"format\":\"online\"}"), 400),
                        // the noncharacters XML cannot hold (found by the fuzz test: one in a title broke the Atom feed for everyone)
                        post("U+FFFE in title on POST news", N, "{\"title\":\"a\\ufffeb\"}", 400).mentioning("title"),
                        patch("U+FFFF in name on PATCH member", M + "/$MEMBER", "{\"name\":\"x\\uffff\"}", 400).mentioning("name"),
                        raw("unescaped U+FFFE in a tag on POST news", "POST", N, JSON,
                                bytes("{\"title\":\"x\",\"tags\":[\"a", new int[] { 0xEF, 0xBF, 0xBE }, "\"]}"), 400),
                        // lone surrogates
                        post("lone high surrogate in name on POST member", M, "{\"name\":\"\\ud800\"}", 400).mentioning("name"),
                        patch("lone low surrogate in teaser on PATCH news", N + "/$NEWS", "{\"teaser\":\"a\\udc00b\"}", 400)
                                .mentioning("teaser"),
                        put("high surrogate at the end of name on PUT member", M + "/$MEMBER", "{\"name\":\"x\\ud800\"}", 400)
                                .mentioning("name"),
                        patch("lone high surrogate in location.city on PATCH event", E + "/$EVENT", "{\"location\":{\"city\":\"\\ud800\"}}",
                                400).mentioning("location.city"),
                        patch("lone low surrogate in salary on PATCH job", J + "/$JOB", "{\"salary\":\"E 11 \\udc00\"}", 400)
                                .mentioning("salary"),
                        patch("high surrogate at the end of title on PATCH issue", I + "/$ISSUE", "{\"title\":\"Ausgabe \\ud83d\"}", 400)
                                .mentioning("title"),
                        put("lone surrogate in heroImage.alt on PUT issue", I + "/$ISSUE",
                                issue("$ISSUE", "\"heroImage\":{\"alt\":\"\\udfff\"}"), 400).mentioning("heroImage.alt"),
                        // invalid UTF-8 bytes
                        raw("Latin-1 byte in name on POST member", "POST", M, JSON, bytes("{\"name\":\"M", new int[] { 0xFC }, "ller\"}"),
                                400),
                        raw("broken two-byte sequence in title on PUT news", "PUT", N + "/$NEWS", JSON,
                                bytes("{\"title\":\"", new int[] { 0xC3, 0x28 }, "\"}"), 400),
                        raw("UTF-8-encoded surrogate in city on PATCH member", "PATCH", M + "/$MEMBER", MERGE_PATCH,
                                bytes("{\"city\":\"", new int[] { 0xED, 0xA0, 0x80 }, "\"}"), 400),
                        raw("Latin-1 byte in employer.name on POST job", "POST", J, JSON,
                                bytes("{\"title\":\"x\",\"employer\":{\"name\":\"M", new int[] { 0xFC }, "ller\"}}"), 400),
                        // RFC 3629: overlong forms are not UTF-8 (0xC0 0xAF is the classic disguised "/")
                        raw("overlong UTF-8 encoding in title on POST news", "POST", N, JSON,
                                bytes("{\"title\":\"", new int[] { 0xC0, 0xAF }, "\"}"), 400),
                        raw("overlong UTF-8 encoding in city on PATCH member", "PATCH", M + "/$MEMBER", MERGE_PATCH,
                                bytes("{\"city\":\"", new int[] { 0xE0, 0x80, 0xAF }, "\"}"), 400),
                        raw("overlong UTF-8 in title on PATCH issue", "PATCH", I + "/$ISSUE", MERGE_PATCH,
                                bytes("{\"title\":\"", new int[] { 0xC0, 0xAF }, "\"}"), 400)))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notValidUnicode")
    void answersTextThatIsNotValidUnicodeWith400(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- duplicate keys -----------------------------------------------------------------------------

    static Stream<BadInputCase> duplicateKeys() {
        return Stream.concat(
                perType(t -> patch("duplicate key on PATCH " + t.singular(), t.target(), "{\"" + t.nameProperty() + "\":\"a\",\""
                        + t.nameProperty() + "\":\"b\"}", 400)),
                Stream.of(
                        // a duplicate key would silently drop the first value
                        post("duplicate key on POST member", M, "{\"name\":\"a\",\"name\":\"b\"}", 400),
                        put("duplicate key on PUT news", N + "/$NEWS", "{\"title\":\"a\",\"title\":\"b\"}", 400),
                        patch("duplicate key city on PATCH member", M + "/$MEMBER", "{\"city\":\"Bonn\",\"city\":\"Köln\"}", 400),
                        patch("duplicate nested key on PATCH news", N + "/$NEWS", "{\"region\":{\"state\":\"DE-NW\",\"state\":\"DE-BY\"}}",
                                400),
                        post("duplicate key in a nested object on POST news", N,
                                "{\"title\":\"x\",\"region\":{\"place\":\"a\",\"place\":\"b\"}}", 400),
                        post("duplicate key on POST event", E,
                                "{\"title\":\"a\",\"title\":\"b\",\"startDate\":\"2025-12-02\",\"format\":\"online\"}", 400),
                        patch("duplicate nested key on PATCH job", J + "/$JOB", "{\"employer\":{\"name\":\"a\",\"name\":\"b\"}}", 400),
                        patch("duplicate nested key on PATCH issue", I + "/$ISSUE", "{\"editorial\":{\"body\":\"a\",\"body\":\"b\"}}", 400)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("duplicateKeys")
    void answersADuplicateKeyWith400(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- SQL-like text is text ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(ResourceType.class)
    void storesSqlLikeNamesVerbatim(ResourceType type) {
        String name = SQL_DROP + " " + unique("x") + " " + SQL_OR;
        Map<String, Object> body = switch (type) {
            case MEMBERS -> member(name);
            case NEWS -> news(name);
            case EVENTS -> Fixtures.event(name);
            case JOBS -> Fixtures.job(name);
            case ISSUES -> Fixtures.issue(Fixtures.freeIssueNumber());
        };
        body.put(type.nameProperty(), name);
        if (!type.textProperty().equals(type.nameProperty())) {
            body.put(type.textProperty(), SQL_OR);
        }
        Map<String, Object> created = Fixtures.create(type.path(), body);
        given().get(type.pathOf(created)).then().statusCode(200)
                .body(type.nameProperty(), equalTo(name))
                .body(type.textProperty(), equalTo(body.get(type.textProperty())));
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
        // tags made unique, so that the filter tests of BadListParametersTest never find them
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
        List<Object> tables = BadInputChecks.snapshot(dataSource);
        assertTrue(((Number) tables.get(0)).longValue() > 0 && ((Number) tables.get(3)).longValue() > 0, tables.toString());
    }
}
