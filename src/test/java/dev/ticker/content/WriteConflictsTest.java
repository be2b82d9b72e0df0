package dev.ticker.content;

import static dev.ticker.BadInputCase.delete;
import static dev.ticker.BadInputCase.patch;
import static dev.ticker.BadInputCase.post;
import static dev.ticker.BadInputCase.put;
import static dev.ticker.BadInputCase.write;

import java.util.Arrays;
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
 * Writes that conflict with what is stored answer with a problem document and change nothing
 * (DESIGN.md): 409 for a slug the client chose that another row of the type has, for an issue
 * number another issue has, and for deleting what others refer to (nothing dangles); 412 for an
 * {@code If-Match} that does not match the current strong ETag.
 *
 * <p>Slugs and preconditions on every type (generated per {@link ResourceType}); issue numbers
 * and references where they exist. Targets are the rows of {@link dev.ticker.BadInputTargets}:
 * the member is referred to by the news item, the event and the posting; the news item, the
 * event and the posting are in the target issue.
 */
@QuarkusTest
class WriteConflictsTest {

    private static final String M = "/v1/members";
    private static final String N = "/v1/news";
    private static final String E = "/v1/events";
    private static final String J = "/v1/jobs";
    private static final String I = "/v1/issues";
    private static final String[] PRECONDITIONED = { "PUT", "PATCH", "DELETE" };

    @Inject
    AgroalDataSource dataSource;

    private static BadInputCase writeOf(ResourceType t, String method, String name, int status) {
        return switch (method) {
            case "PUT" -> write(name, method, t.target(), t.replacement(), status);
            case "PATCH" -> write(name, method, t.target(), t.patch(), status);
            default -> write(name, method, t.target(), null, status);
        };
    }

    // --- 409 ----------------------------------------------------------------------------------

    static Stream<BadInputCase> takenSlugs() {
        return Arrays.stream(ResourceType.values()).flatMap(t -> {
            String slug = "$" + t.secondSlugKey();
            String property = "\"slug\":\"" + slug + "\"";
            return Stream.of(
                    post("another " + t.singular() + "'s slug chosen on POST " + t.singular(), t.path(), t.body(property), 409)
                            .mentioning(slug),
                    put("another " + t.singular() + "'s slug chosen on PUT " + t.singular(), t.target(), t.replacement(property), 409)
                            .mentioning(slug),
                    patch("another " + t.singular() + "'s slug chosen on PATCH " + t.singular(), t.target(), "{" + property + "}", 409)
                            .mentioning(slug));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("takenSlugs")
    void answersAChosenSlugThatIsTakenWith409NamingIt(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    static Stream<BadInputCase> takenIssueNumbers() {
        return Stream.of(
                post("duplicate issue number on POST issue", I, ResourceType.issue("$ISSUE2", ""), 409).mentioning("$ISSUE2"),
                put("taking another issue's number on PUT issue", I + "/$ISSUE", ResourceType.issue("$ISSUE2", ""), 409)
                        .mentioning("$ISSUE2"),
                patch("taking another issue's number on PATCH issue", I + "/$ISSUE", "{\"number\":$ISSUE2}", 409).mentioning("$ISSUE2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("takenIssueNumbers")
    void answersAnIssueNumberThatIsTakenWith409NamingIt(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    static Stream<BadInputCase> referredTo() {
        return Stream.of(
                delete("DELETE of a member that a news item, an event and a posting refer to", M + "/$MEMBER", 409),
                delete("DELETE of a news item that an issue contains", N + "/$NEWS", 409).mentioning("$ISSUE"),
                delete("DELETE of an event that an issue contains", E + "/$EVENT", 409).mentioning("$ISSUE"),
                delete("DELETE of a job posting that an issue contains", J + "/$JOB", 409).mentioning("$ISSUE"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referredTo")
    void answersTheDeletionOfWhatOthersReferToWith409(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    // --- 412 ----------------------------------------------------------------------------------

    static Stream<BadInputCase> staleIfMatch() {
        return Arrays.stream(ResourceType.values()).flatMap(t -> Arrays.stream(PRECONDITIONED).flatMap(method -> Stream.of(
                writeOf(t, method, "garbage If-Match on " + method + " " + t.singular(), 412).with("If-Match", "\"nicht-aktuell\""),
                writeOf(t, method, "weak If-Match on " + method + " " + t.singular(), 412).with("If-Match", "W/\"x\""))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("staleIfMatch")
    void answersAnIfMatchThatDoesNotMatchWith412(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }
}
