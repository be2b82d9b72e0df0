package dev.ticker.list;

import static dev.ticker.BadInputCase.get;
import static dev.ticker.BadInputChecks.base64Url;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ticker.BadInputCase;
import dev.ticker.BadInputChecks;
import dev.ticker.BadInputTargets;
import dev.ticker.ResourceType;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Query parameters that a list or a read does not take answer 400 with a problem document,
 * never ignored (DESIGN.md: "An unknown filter, sort field or malformed cursor is a 400"): a
 * {@code limit} outside 1-100 or not a number; a {@code cursor} that is not one of ours, is
 * forged, holds values out of range, or belongs to another sort or list; a {@code sort} field
 * that is not whitelisted or is malformed; a {@code fields} or {@code include} the type does
 * not have; unknown and repeated parameters; filter values that are not of the filter's kind
 * (dates, booleans, enumerations) or hold control characters. Each leaves the database as it
 * was. SQL-like values of text filters are plain values that match nothing.
 *
 * <p>What every list takes is checked on every type (generated per {@link ResourceType}), then
 * the filters, sorts and cursors particular to one type. Targets are the rows of
 * {@link BadInputTargets}.
 */
@QuarkusTest
class BadListParametersTest {

    private static final String M = "/v1/members";
    private static final String N = "/v1/news";
    private static final String E = "/v1/events";
    private static final String J = "/v1/jobs";
    private static final String I = "/v1/issues";
    private static final String SQL_OR = "' OR 1=1 --";
    /** The SQL-like strings percent-encoded for a query value. */
    private static final String SQL_OR_URL = "'%20OR%201=1%20--";
    private static final String SQL_DROP_NEWS_URL = "%22%3B%20DROP%20TABLE%20news%3B%20--";
    private static final String SQL_DROP_JOB_URL = "%22%3B%20DROP%20TABLE%20job%3B%20--";
    private static final String NO_SUCH_ID = "00000000-0000-0000-0000-000000000000";
    /** The lists with from/to date filters. */
    private static final List<ResourceType> DATED = List.of(ResourceType.NEWS, ResourceType.EVENTS, ResourceType.ISSUES);

    @Inject
    AgroalDataSource dataSource;

    private static Stream<BadInputCase> perType(Function<ResourceType, BadInputCase> kind) {
        return Arrays.stream(ResourceType.values()).map(kind);
    }

    private static String randomCursor(long seed) {
        byte[] random = new byte[48];
        new Random(seed).nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** A genuine cursor of the type's list with a sort other than its default. */
    private static String otherSortCursor(ResourceType t) {
        return switch (t) {
            case MEMBERS -> "$MEMBER_CITY_CURSOR";
            case NEWS -> "$NEWS_TITLE_CURSOR";
            case EVENTS -> "$EVENT_TITLE_CURSOR";
            case JOBS -> "$JOB_VALID_CURSOR";
            case ISSUES -> "$ISSUE_DATE_CURSOR";
        };
    }

    // --- limit ---------------------------------------------------------------------------------

    static Stream<BadInputCase> limits() {
        return Stream.of("0", "101", "-1", "abc", "", "1.5", "99999999999", "1%20OR%201=1", "1&limit=2")
                .flatMap(limit -> perType(t -> get("limit=" + limit.replace("%20", " ") + " on " + t, t.path() + "?limit=" + limit, 400)
                        .mentioning("limit")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limits")
    void answersALimitOutsideOneToAHundredWith400(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- cursor --------------------------------------------------------------------------------

    static Stream<BadInputCase> cursors() {
        String random = randomCursor(5545);
        return Stream.of(
                perType(t -> get("empty cursor on " + t, t.path() + "?cursor=", 400)),
                perType(t -> get("NUL as cursor on " + t, t.path() + "?cursor=%00", 400)),
                perType(t -> get("random base64 cursor on " + t, t.path() + "?cursor=" + random, 400)),
                perType(t -> get("cursor with standard base64 characters on " + t, t.path() + "?cursor=%2B%2F%2B%2F", 400)),
                perType(t -> get("base64 of plain text as cursor on " + t, t.path() + "?cursor=" + base64Url("junk"), 400)),
                perType(t -> get("cursor of another sort with the default sort on " + t, t.path() + "?cursor=" + otherSortCursor(t), 400)),
                Stream.of(
                        // members and news
                        get("another random base64 cursor on news", N + "?cursor=" + randomCursor(7396), 400),
                        get("base64 of broken JSON as cursor on members", M + "?cursor=" + base64Url("[\"name\",\"x\""), 400),
                        get("base64 of a JSON object as cursor on news", N + "?cursor=" + base64Url("{\"sort\":\"-publishedAt\"}"), 400),
                        get("cursor with a non-date sort value on news",
                                N + "?cursor=" + base64Url("[\"-publishedAt\",\"not-a-date\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("cursor with an SQL-like id on news",
                                N + "?cursor=" + base64Url("[\"-publishedAt\",\"2025-11-12T08:00:00Z\",\"" + SQL_OR + "\"]"), 400),
                        get("cursor with a non-integer sort value on members",
                                M + "?sort=memberSince&cursor=" + base64Url("[\"memberSince\",\"abc\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("valid title cursor used with -title on news", N + "?sort=-title&cursor=$NEWS_TITLE_CURSOR", 400),
                        get("news cursor used on members", M + "?sort=name&cursor=$NEWS_TITLE_CURSOR", 400),
                        // forged cursors with instants PostgreSQL cannot hold: 400, never a 500
                        get("forged cursor with a year-300000 instant on news",
                                N + "?cursor=" + base64Url("[\"-publishedAt\",\"+300000-01-01T00:00:00Z\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("forged cursor with a year -300000 instant on members",
                                M + "?sort=createdAt&cursor=" + base64Url("[\"createdAt\",\"-300000-01-01T00:00:00Z\",\"" + NO_SUCH_ID + "\"]"),
                                400),
                        // events
                        get("base64 of broken JSON as cursor on events", E + "?cursor=" + base64Url("[\"startDate\",\"2025-12-02T00:00\""), 400),
                        get("cursor with a date instead of a date-time on events",
                                E + "?cursor=" + base64Url("[\"startDate\",\"2025-12-02\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("cursor with month 13 on events",
                                E + "?cursor=" + base64Url("[\"startDate\",\"2025-13-02T00:00\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("cursor with a number as sort value on events",
                                E + "?cursor=" + base64Url("[\"startDate\",5,\"" + NO_SUCH_ID + "\"]"), 400),
                        get("cursor with an SQL-like id on events",
                                E + "?cursor=" + base64Url("[\"startDate\",\"2025-12-02T00:00\",\"" + SQL_OR + "\"]"), 400),
                        get("cursor with a null sort value on events",
                                E + "?cursor=" + base64Url("[\"startDate\",null,\"" + NO_SUCH_ID + "\"]"), 400),
                        get("cursor with a year-300000 start on events",
                                E + "?cursor=" + base64Url("[\"startDate\",\"+300000-01-01T00:00\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("cursor with a year -300000 start on events",
                                E + "?cursor=" + base64Url("[\"startDate\",\"-300000-01-01T00:00\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("cursor with a year-300000 start on events sorted by -startDate",
                                E + "?sort=-startDate&cursor=" + base64Url("[\"-startDate\",\"+300000-01-01T00:00\",\"" + NO_SUCH_ID + "\"]"),
                                400),
                        get("cursor with a year-10000 start on events",
                                E + "?cursor=" + base64Url("[\"startDate\",\"+10000-01-01T00:00\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("title cursor with -title on events", E + "?sort=-title&cursor=$EVENT_TITLE_CURSOR", 400),
                        get("default cursor with sort=title on events", E + "?sort=title&cursor=$EVENT_CURSOR", 400),
                        // jobs
                        get("base64 of a JSON object as cursor on jobs", J + "?cursor=" + base64Url("{\"sort\":\"-createdAt\"}"), 400),
                        get("cursor with a year-300000 instant on jobs",
                                J + "?cursor=" + base64Url("[\"-createdAt\",\"+300000-01-01T00:00:00Z\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("cursor with a year-300000 date on jobs sorted by validThrough",
                                J + "?sort=validThrough&cursor=" + base64Url("[\"validThrough\",\"+300000-01-01\",\"" + NO_SUCH_ID + "\"]"),
                                400),
                        get("cursor with a non-date on jobs sorted by validThrough",
                                J + "?sort=validThrough&cursor=" + base64Url("[\"validThrough\",\"31.12.2025\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("validThrough cursor with -validThrough on jobs", J + "?sort=-validThrough&cursor=$JOB_VALID_CURSOR", 400),
                        get("issueDate cursor used on jobs sorted by validThrough", J + "?sort=validThrough&cursor=$ISSUE_DATE_CURSOR", 400),
                        // issues
                        get("base64 of plain text as cursor on issues", I + "?cursor=" + base64Url("20"), 400),
                        get("cursor with a non-integer number on issues",
                                I + "?cursor=" + base64Url("[\"-number\",\"1e3\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("cursor with an overflowing number on issues",
                                I + "?cursor=" + base64Url("[\"-number\",\"99999999999\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("cursor with an SQL-like number on issues",
                                I + "?cursor=" + base64Url("[\"-number\",\"20 OR 1=1\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("cursor with too many values on issues",
                                I + "?cursor=" + base64Url("[\"-number\",\"20\",\"21\",\"" + NO_SUCH_ID + "\"]"), 400),
                        get("event cursor used on issues", I + "?cursor=$EVENT_CURSOR", 400)))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cursors")
    void answersACursorThatIsNotOneOfThisListAndSortWith400(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- sort ----------------------------------------------------------------------------------

    static Stream<BadInputCase> sorts() {
        return Stream.of(
                perType(t -> get("unknown sort field bogus on " + t, t.path() + "?sort=bogus", 400).mentioning("bogus")),
                perType(t -> get("empty sort on " + t, t.path() + "?sort=", 400)),
                perType(t -> get("lone minus as sort on " + t, t.path() + "?sort=-", 400)),
                perType(t -> get("double minus sort on " + t, t.path() + "?sort=--createdAt", 400)),
                perType(t -> get("trailing comma in sort on " + t, t.path() + "?sort=createdAt,", 400)),
                perType(t -> get("repeated sort field on " + t, t.path() + "?sort=createdAt,-createdAt", 400).mentioning("createdAt")),
                perType(t -> get("SQL-style sort direction on " + t, t.path() + "?sort=createdAt%20desc", 400)),
                perType(t -> get("SQL-like sort on " + t, t.path() + "?sort=" + SQL_DROP_JOB_URL, 400)),
                Stream.of(
                        get("sort field of another type on members", M + "?sort=publishedAt", 400).mentioning("publishedAt"),
                        get("SQL-style sort direction on news", N + "?sort=title%20desc", 400),
                        get("repeated sort field on members", M + "?sort=name,name", 400),
                        get("double minus sort on news", N + "?sort=--title", 400),
                        get("SQL-like sort on news", N + "?sort=" + SQL_DROP_NEWS_URL, 400),
                        get("unknown sort field startTime on events", E + "?sort=startTime", 400).mentioning("startTime"),
                        get("repeated sort field on events", E + "?sort=startDate,-startDate", 400),
                        get("SQL-style sort direction on events", E + "?sort=title%20desc", 400),
                        get("unknown sort field salary on jobs", J + "?sort=salary", 400).mentioning("salary"),
                        get("unknown sort field title on issues", I + "?sort=title", 400).mentioning("title"),
                        get("repeated sort field on issues", I + "?sort=-number,number", 400).mentioning("number"),
                        get("trailing comma in sort on issues", I + "?sort=number,", 400),
                        get("SQL-like sort on issues", I + "?sort=number;DROP%20TABLE%20issue", 400)))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sorts")
    void answersASortThatIsNotWhitelistedWith400(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- fields, include and parameters a read does not know ---------------------------------------

    static Stream<BadInputCase> unknownParameters() {
        return Stream.of(
                perType(t -> get("unknown field in fields on GET " + t.singular(), t.target() + "?fields=bogus", 400).mentioning("bogus")),
                perType(t -> get("unknown field in fields on " + t + " list", t.path() + "?fields=bogus", 400).mentioning("bogus")),
                perType(t -> get("NUL in fields on GET " + t.singular(), t.target() + "?fields=" + t.nameProperty() + "%00", 400)),
                perType(t -> t == ResourceType.NEWS
                        ? get("unknown include on GET news item", t.target() + "?include=authors", 400).mentioning("authors")
                        : get("include on GET " + t.singular() + " (nothing to include)", t.target() + "?include=members", 400)),
                perType(t -> t == ResourceType.NEWS
                        ? get("unknown include on news list", t.path() + "?include=authors", 400).mentioning("authors")
                        : get("include on " + t + " list (nothing to include)", t.path() + "?include=members", 400)),
                perType(t -> get("unknown parameter on " + t + " list", t.path() + "?bogus=1", 400).mentioning("bogus")),
                perType(t -> get("unknown parameter on GET " + t.singular(), t.target() + "?bogus=1", 400).mentioning("bogus")),
                perType(t -> get("SQL-like parameter name on " + t, t.path() + "?" + SQL_OR_URL + "=1", 400)),
                perType(t -> get("list parameter on GET " + t.singular(), t.target() + "?limit=5", 400).mentioning("limit")),
                Stream.of(
                        get("SQL-like fields on members", M + "?fields=name," + SQL_OR_URL, 400),
                        get("SQL-like include on GET news item", N + "/$NEWS?include=" + SQL_DROP_NEWS_URL, 400),
                        get("unknown field in fields on issues list", I + "?fields=number,secret", 400).mentioning("secret"),
                        get("SQL-like fields on GET job", J + "/$JOB?fields=title," + SQL_OR_URL, 400)))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unknownParameters")
    void answersAFieldIncludeOrParameterTheTypeDoesNotHaveWith400(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- filter values --------------------------------------------------------------------------

    static Stream<BadInputCase> filterValues() {
        return Stream.of(
                DATED.stream().flatMap(t -> Stream.of(
                        get("month 13 in from on " + t, t.path() + "?from=2025-13-01", 400).mentioning("from"),
                        get("30 February in to on " + t, t.path() + "?to=2025-02-30", 400).mentioning("to"),
                        get("German date in from on " + t, t.path() + "?from=12.11.2025", 400).mentioning("from"),
                        get("timestamp in to on " + t, t.path() + "?to=2025-11-12T08:00:00Z", 400).mentioning("to"),
                        get("empty from on " + t, t.path() + "?from=", 400).mentioning("from"),
                        get("from after to on " + t, t.path() + "?from=2025-12-31&to=2025-12-01", 400),
                        // dates PostgreSQL cannot hold, or LocalDate arithmetic would overflow on: 400, never a 500
                        get("year 300000 in to on " + t, t.path() + "?to=%2B300000-01-01", 400).mentioning("to"),
                        get("LocalDate.MAX in to on " + t, t.path() + "?to=%2B999999999-12-31", 400).mentioning("to"),
                        get("LocalDate.MIN in to on " + t, t.path() + "?to=-999999999-01-01", 400).mentioning("to"),
                        get("SQL-like from on " + t, t.path() + "?from=" + SQL_OR_URL, 400).mentioning("from"))),
                Stream.of(ResourceType.MEMBERS, ResourceType.JOBS)
                        .map(t -> get("from on " + t + " (no such filter)", t.path() + "?from=2025-01-01", 400).mentioning("from")),
                Stream.of(
                        // members
                        get("SQL-like active filter on members", M + "?active=" + SQL_OR_URL, 400),
                        get("U+0001 in the state filter on members", M + "?state=DE%01NW", 400),
                        // news
                        get("from after to (a month) on news", N + "?from=2025-11-30&to=2025-11-01", 400),
                        get("from far beyond PostgreSQL's range on news", N + "?from=%2B300000-01-01", 400),
                        get("NUL in the tag filter on news", N + "?tag=a%00b", 400),
                        get("repeated filter on news", N + "?tag=a&tag=b", 400).mentioning("tag"),
                        // events
                        get("German date (day first) in from on events", E + "?from=02.12.2025", 400).mentioning("from"),
                        get("format=irl on events", E + "?format=irl", 400).mentioning("format"),
                        get("format=IN_PERSON on events", E + "?format=IN_PERSON", 400).mentioning("format"),
                        get("empty format on events", E + "?format=", 400).mentioning("format"),
                        get("SQL-like format filter on events", E + "?format=" + SQL_OR_URL, 400).mentioning("format"),
                        get("repeated organizer on events", E + "?organizer=a&organizer=b", 400).mentioning("organizer"),
                        get("employer filter on events (no such filter)", E + "?employer=KDO", 400).mentioning("employer"),
                        get("NUL in the organizer filter on events", E + "?organizer=a%00b", 400).mentioning("organizer"),
                        // jobs
                        get("includeExpired=yes on jobs", J + "?includeExpired=yes", 400).mentioning("includeExpired"),
                        get("includeExpired=TRUE on jobs", J + "?includeExpired=TRUE", 400).mentioning("includeExpired"),
                        get("empty includeExpired on jobs", J + "?includeExpired=", 400).mentioning("includeExpired"),
                        get("includeExpired=1 on jobs", J + "?includeExpired=1", 400).mentioning("includeExpired"),
                        get("repeated includeExpired on jobs", J + "?includeExpired=true&includeExpired=false", 400)
                                .mentioning("includeExpired"),
                        get("SQL-like includeExpired on jobs", J + "?includeExpired=" + SQL_OR_URL, 400).mentioning("includeExpired"),
                        get("U+0001 in the employer filter on jobs", J + "?employer=KDO%01", 400).mentioning("employer"),
                        get("NUL in the state filter on jobs", J + "?state=DE%00SN", 400).mentioning("state"),
                        // issues
                        get("timestamp in from on issues", I + "?from=2025-11-12T08:00:00Z", 400).mentioning("from"),
                        get("empty to on issues", I + "?to=", 400).mentioning("to"),
                        get("SQL-like to on issues", I + "?to=" + SQL_DROP_JOB_URL, 400).mentioning("to"),
                        get("NUL in from on issues", I + "?from=%00", 400),
                        get("format filter on issues (no such filter)", I + "?format=online", 400).mentioning("format"),
                        get("includeExpired on issues (no such filter)", I + "?includeExpired=true", 400).mentioning("includeExpired")))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filterValues")
    void answersAFilterValueThatIsNotOfItsKindWith400(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- SQL-like values are plain values ---------------------------------------------------------

    /** The text filters of a type; each matches a target row with its real value. */
    private static List<String> textFilters(ResourceType t) {
        return switch (t) {
            case MEMBERS -> List.of("state");
            case NEWS -> List.of("tag", "state", "member");
            case EVENTS -> List.of("organizer");
            case JOBS -> List.of("employer", "state");
            case ISSUES -> List.of();
        };
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ResourceType.class, names = { "MEMBERS", "NEWS", "EVENTS", "JOBS" })
    void treatsSqlLikeFilterValuesAsPlainValues(ResourceType type) {
        BadInputTargets.get();
        // a target of each type matches each filter with its real value, so a value spliced into
        // SQL as "... OR 1=1" would find it; as a plain value it finds nothing
        for (String filter : textFilters(type)) {
            for (String value : List.of(SQL_OR_URL, SQL_DROP_NEWS_URL, SQL_DROP_JOB_URL, "KDO'%20OR%20'1'='1")) {
                given().urlEncodingEnabled(false).get(type.path() + "?" + filter + "=" + value)
                        .then().statusCode(200).contentType(ContentType.JSON)
                        .body("page.total", equalTo(0)).body("items.size()", equalTo(0));
            }
        }
        // a well-formed cursor whose sort value is SQL-like is just a position in the text order
        String text = type == ResourceType.MEMBERS ? "name" : "title";
        given().urlEncodingEnabled(false).get(type.path() + "?sort=" + text + "&limit=1&cursor="
                + base64Url("[\"" + text + "\",\"" + SQL_OR + "\",\"" + NO_SUCH_ID + "\"]"))
                .then().statusCode(200).contentType(ContentType.JSON);
        // and every target is still there
        given().get(BadInputTargets.resolve(type.target())).then().statusCode(200);
        given().get(BadInputTargets.resolve(ResourceType.ISSUES.target())).then().statusCode(200).body("events.size()", equalTo(1));
    }
}
