package dev.ticker.content;

import static dev.ticker.BadInputCase.patch;
import static dev.ticker.BadInputCase.post;
import static dev.ticker.BadInputCase.put;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ticker.BadInputCase;
import dev.ticker.BadInputChecks;
import dev.ticker.ResourceType;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Well-formed bodies whose values fail validation answer 422 with a problem document that names
 * each failing field in {@code errors[].field} (DESIGN.md), and change nothing: required values
 * missing, blank or too long; slugs that are not slugs; state codes that are not ISO 3166-2;
 * URLs that are neither http(s) nor mailto; time zones that do not exist; event dates and times
 * that contradict each other; and related ids that are well-formed but name nothing of the right
 * type, or name it twice.
 *
 * <p>The checks of the properties every type has run on every type (generated per
 * {@link ResourceType}); then the cases particular to one type. Targets are the rows of
 * {@link dev.ticker.BadInputTargets}.
 */
@QuarkusTest
class ValidationTest {

    private static final String M = "/v1/members";
    private static final String N = "/v1/news";
    private static final String E = "/v1/events";
    private static final String J = "/v1/jobs";
    private static final String I = "/v1/issues";
    private static final String SQL_OR = "' OR 1=1 --";
    private static final String NO_SUCH_ID = "00000000-0000-0000-0000-000000000000";

    @Inject
    AgroalDataSource dataSource;

    private static Stream<BadInputCase> perType(Function<ResourceType, BadInputCase> kind) {
        return Arrays.stream(ResourceType.values()).map(kind);
    }

    private static String event(String more) {
        return ResourceType.EVENTS.body(more);
    }

    private static String issue(String number, String more) {
        return ResourceType.issue(number, more);
    }

    // --- what every type has: a name or title, and a slug -------------------------------------------

    static Stream<BadInputCase> everyType() {
        return Stream.of(
                perType(t -> patch("blank " + t.nameProperty() + " on PATCH " + t.singular(), t.target(),
                        "{\"" + t.nameProperty() + "\":\"\"}", 422).mentioning(t.nameProperty())),
                perType(t -> patch(t.nameProperty() + " null on PATCH " + t.singular(), t.target(),
                        "{\"" + t.nameProperty() + "\":null}", 422).mentioning(t.nameProperty())),
                perType(t -> patch(t.nameProperty() + " of 301 characters on PATCH " + t.singular(), t.target(),
                        "{\"" + t.nameProperty() + "\":\"" + "x".repeat(301) + "\"}", 422).mentioning(t.nameProperty())),
                perType(t -> post("blank " + t.nameProperty() + " on POST " + t.singular(), t.path(),
                        t.body("\" \"", ""), 422)
                        .mentioning(t.nameProperty())),
                perType(t -> patch("slug with spaces and capitals on PATCH " + t.singular(), t.target(), "{\"slug\":\"Kein Slug\"}", 422)
                        .mentioning("slug")),
                perType(t -> patch("slug of 81 characters on PATCH " + t.singular(), t.target(), "{\"slug\":\"" + "a".repeat(81) + "\"}",
                        422).mentioning("slug")),
                perType(t -> put("slug with a slash on PUT " + t.singular(), t.target(), t.replacement("\"slug\":\"a/b\""), 422)
                        .mentioning("slug")))
                .flatMap(s -> s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void answersAnInvalidNameOrSlugWith422NamingIt(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- related resources: well-formed ids that name nothing, or name it twice ------------------------

    static Stream<BadInputCase> relations() {
        return Stream.of(
                post("unknown members[].id on POST news", N,
                        "{\"title\":\"x\",\"members\":[{\"id\":\"00000000-0000-0000-0000-000000000000\"}]}", 422)
                        .mentioning("members[0].id"),
                patch("repeated members[].id on PATCH news", N + "/$NEWS", "{\"members\":[{\"id\":\"$MEMBER\"},{\"id\":\"$MEMBER\"}]}", 422)
                        .mentioning("members[1].id"),
                post("members[] item without id or slug on POST news", N, "{\"title\":\"x\",\"members\":[{}]}", 422)
                        .mentioning("members[0]"),
                post("unknown members[].slug on POST news", N, "{\"title\":\"x\",\"members\":[{\"slug\":\"gibt-es-nicht\"}]}", 422)
                        .mentioning("members[0].slug"),
                post("unknown organizer.member.id on POST event", E,
                        event("\"organizer\":{\"name\":\"KGSt\",\"member\":{\"id\":\"" + NO_SUCH_ID + "\"}}"), 422)
                        .mentioning("organizer.member.id"),
                patch("unknown organizer.member.id on PATCH event", E + "/$EVENT",
                        "{\"organizer\":{\"member\":{\"id\":\"" + NO_SUCH_ID + "\"}}}", 422).mentioning("organizer.member.id"),
                patch("an event id as organizer.member.id on PATCH event", E + "/$EVENT",
                        "{\"organizer\":{\"member\":{\"id\":\"$EVENT\"}}}", 422).mentioning("organizer.member.id"),
                patch("organizer.member without id or slug on PATCH event", E + "/$EVENT",
                        "{\"organizer\":{\"member\":{\"id\":null,\"slug\":null}}}", 422).mentioning("organizer.member"),
                put("unknown employer.member.id on PUT job", J + "/$JOB",
                        "{\"title\":\"x\",\"employer\":{\"name\":\"KDO\",\"member\":{\"id\":\"" + NO_SUCH_ID + "\"}}}", 422)
                        .mentioning("employer.member.id"),
                post("a news id as employer.member.id on POST job", J,
                        "{\"title\":\"x\",\"employer\":{\"name\":\"KDO\",\"member\":{\"id\":\"$NEWS\"}}}", 422)
                        .mentioning("employer.member.id"),
                post("unknown sections[0].news[0].id on POST issue", I,
                        issue("$FREE", "\"sections\":[{\"heading\":\"Eins\",\"news\":[{\"id\":\"" + NO_SUCH_ID + "\"}]}]"), 422)
                        .mentioning("sections[0].news[0].id"),
                patch("an event id as sections[0].news[0].id on PATCH issue", I + "/$ISSUE",
                        "{\"sections\":[{\"heading\":\"Eins\",\"news\":[{\"id\":\"$EVENT\"}]}]}", 422).mentioning("sections[0].news[0].id"),
                patch("repeated news in a section on PATCH issue", I + "/$ISSUE",
                        "{\"sections\":[{\"heading\":\"Eins\",\"news\":[{\"id\":\"$NEWS\"},{\"id\":\"$NEWS\"}]}]}", 422)
                        .mentioning("sections[0].news[1].id"),
                put("unknown events[0].id on PUT issue", I + "/$ISSUE", issue("$ISSUE", "\"events\":[{\"id\":\"" + NO_SUCH_ID + "\"}]"),
                        422).mentioning("events[0].id"),
                patch("a job id as events[0].id on PATCH issue", I + "/$ISSUE", "{\"events\":[{\"id\":\"$JOB\"}]}", 422)
                        .mentioning("events[0].id"),
                patch("repeated event on PATCH issue", I + "/$ISSUE", "{\"events\":[{\"id\":\"$EVENT\"},{\"id\":\"$EVENT\"}]}", 422)
                        .mentioning("events[1].id"),
                patch("unknown jobs[1].id on PATCH issue", I + "/$ISSUE", "{\"jobs\":[{\"id\":\"$JOB\"},{\"id\":\"" + NO_SUCH_ID + "\"}]}",
                        422).mentioning("jobs[1].id"),
                post("an event id as jobs[0].id on POST issue", I, issue("$FREE", "\"jobs\":[{\"id\":\"$EVENT\"}]"), 422)
                        .mentioning("jobs[0].id"),
                patch("events item without id or slug on PATCH issue", I + "/$ISSUE", "{\"events\":[{}]}", 422).mentioning("events[0]"),
                patch("null in jobs on PATCH issue", I + "/$ISSUE", "{\"jobs\":[null]}", 422).mentioning("jobs[0]"),
                patch("null section on PATCH issue", I + "/$ISSUE", "{\"sections\":[null]}", 422).mentioning("sections[0]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("relations")
    void answersARelationToNothingOrTheSameTwiceWith422NamingIt(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- the values of one type --------------------------------------------------------------------

    static Stream<BadInputCase> valuesOfOneType() {
        return Stream.of(
                // members
                post("SQL-like state on POST member", M, "{\"name\":\"x\",\"state\":\"" + SQL_OR + "\"}", 422).mentioning("state"),
                // news
                put("SQL-like slug on PUT news", N + "/$NEWS", "{\"title\":\"x\",\"slug\":\"\\\"; drop table news; --\"}", 422)
                        .mentioning("slug"),
                // events
                post("timeZone Mars/Olympus on POST event", E, event("\"timeZone\":\"Mars/Olympus\""), 422).mentioning("timeZone"),
                patch("timeZone Mars/Olympus on PATCH event", E + "/$EVENT", "{\"timeZone\":\"Mars/Olympus\"}", 422)
                        .mentioning("timeZone"),
                put("offset as timeZone on PUT event", E + "/$EVENT", event("\"timeZone\":\"+01:00\""), 422).mentioning("timeZone"),
                patch("lowercase timeZone on PATCH event", E + "/$EVENT", "{\"timeZone\":\"europe/berlin\"}", 422).mentioning("timeZone"),
                patch("SQL-like timeZone on PATCH event", E + "/$EVENT", "{\"timeZone\":\"Europe/Berlin'; DROP TABLE event; --\"}", 422)
                        .mentioning("timeZone"),
                post("endDate before startDate on POST event", E, event("\"endDate\":\"2025-12-01\""), 422).mentioning("endDate"),
                patch("endDate before startDate on PATCH event", E + "/$EVENT", "{\"endDate\":\"2025-11-30\"}", 422).mentioning("endDate"),
                patch("startDate after endDate on PATCH event", E + "/$EVENT", "{\"startDate\":\"2025-12-05\",\"endDate\":\"2025-12-04\"}",
                        422).mentioning("endDate"),
                post("endTime before startTime on a one-day event on POST event", E,
                        event("\"startTime\":\"14:00\",\"endTime\":\"13:59\""), 422).mentioning("endTime"),
                patch("endTime before startTime on a one-day event on PATCH event", E + "/$EVENT", "{\"endTime\":\"09:00\"}", 422)
                        .mentioning("endTime"),
                put("endTime before startTime with endDate = startDate on PUT event", E + "/$EVENT",
                        event("\"endDate\":\"2025-12-02\",\"startTime\":\"18:00\",\"endTime\":\"12:30\""), 422).mentioning("endTime"),
                patch("removing startTime but keeping endTime on PATCH event", E + "/$EVENT", "{\"startTime\":null}", 422)
                        .mentioning("endTime"),
                post("missing startDate on POST event", E, "{\"title\":\"x\",\"format\":\"online\"}", 422).mentioning("startDate"),
                patch("format null on PATCH event", E + "/$EVENT", "{\"format\":null}", 422).mentioning("format"),
                patch("blank organizer.name on PATCH event", E + "/$EVENT", "{\"organizer\":{\"name\":\" \"}}", 422)
                        .mentioning("organizer.name"),
                post("organizer member without name on POST event", E, event("\"organizer\":{\"member\":{\"id\":\"$MEMBER\"}}"), 422)
                        .mentioning("organizer.name"),
                patch("ftp url on PATCH event", E + "/$EVENT", "{\"url\":\"ftp://example.org/termin\"}", 422).mentioning("url"),
                // jobs
                patch("employer null on PATCH job", J + "/$JOB", "{\"employer\":null}", 422).mentioning("employer"),
                post("employer without name on POST job", J, "{\"title\":\"x\",\"employer\":{}}", 422).mentioning("employer.name"),
                patch("location.state Sachsen on PATCH job", J + "/$JOB", "{\"location\":{\"state\":\"Sachsen\"}}", 422)
                        .mentioning("location.state"),
                patch("SQL-like location.state on PATCH job", J + "/$JOB", "{\"location\":{\"state\":\"" + SQL_OR + "\"}}", 422)
                        .mentioning("location.state"),
                patch("javascript applyUrl on PATCH job", J + "/$JOB", "{\"applyUrl\":\"javascript:alert(1)\"}", 422)
                        .mentioning("applyUrl"),
                // issues
                post("number 0 on POST issue", I, issue("0", ""), 422).mentioning("number"),
                post("number -1 on POST issue", I, issue("-1", ""), 422).mentioning("number"),
                put("number 1000001 (above the maximum) on PUT issue", I + "/$ISSUE", issue("1000001", ""), 422).mentioning("number"),
                patch("number null on PATCH issue", I + "/$ISSUE", "{\"number\":null}", 422).mentioning("number"),
                patch("number -1 on PATCH issue", I + "/$ISSUE", "{\"number\":-1}", 422).mentioning("number"),
                patch("heroImage without alt on PATCH issue", I + "/$ISSUE", "{\"heroImage\":{\"url\":\"https://example.org/a.jpg\"}}", 422)
                        .mentioning("heroImage.alt"),
                post("section without heading on POST issue", I, issue("$FREE", "\"sections\":[{\"news\":[]}]"), 422)
                        .mentioning("sections[0].heading"),
                put("SQL-like slug on PUT issue", I + "/$ISSUE", issue("$ISSUE", "\"slug\":\"\\\"; DROP TABLE event; --\""), 422)
                        .mentioning("slug"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesOfOneType")
    void answersAnInvalidValueWith422NamingTheField(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }
}
