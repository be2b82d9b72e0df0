package dev.ticker.token;

import static dev.ticker.BadInputCase.get;
import static dev.ticker.BadInputCase.write;

import java.util.Arrays;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.ticker.BadInputCase.Auth;
import dev.ticker.BadInputCase;
import dev.ticker.BadInputChecks;
import dev.ticker.ResourceType;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Writes without a valid bearer token answer 401 with a problem document and change nothing
 * (DESIGN.md: "Writes and drafts need Authorization: Bearer"; "401 missing or bad token"): no
 * Authorization header, a bearer token that is not one of ours, and credentials of another
 * scheme. The token is checked first: before the body is read, and before the target is looked
 * up. A token that is not valid is refused on reads too, rather than read as anonymous.
 *
 * <p>Every write method of every type (generated per {@link ResourceType}) against the rows of
 * {@link dev.ticker.BadInputTargets}.
 */
@QuarkusTest
class MissingTokenTest {

    private static final String NO_SUCH_ID = "00000000-0000-0000-0000-000000000000";
    private static final String[] METHODS = { "POST", "PUT", "PATCH", "DELETE" };

    @Inject
    AgroalDataSource dataSource;

    private static String describe(Auth auth) {
        return switch (auth) {
            case NONE -> "without token";
            case WRONG_TOKEN -> "with a wrong token";
            case NOT_BEARER -> "with Basic credentials";
            case ADMIN -> "as the admin";
        };
    }

    private static BadInputCase writeOf(ResourceType t, String method, Auth auth) {
        String name = method + " " + t.singular() + " " + describe(auth);
        BadInputCase c = switch (method) {
            case "POST" -> write(name, method, t.path(), t.body(), 401);
            case "PUT" -> write(name, method, t.target(), t.replacement(), 401);
            case "PATCH" -> write(name, method, t.target(), t.patch(), 401);
            default -> write(name, method, t.target(), null, 401);
        };
        return c.as(auth);
    }

    static Stream<BadInputCase> writes() {
        return Stream.of(Auth.NONE, Auth.WRONG_TOKEN, Auth.NOT_BEARER)
                .flatMap(auth -> Arrays.stream(ResourceType.values())
                        .flatMap(t -> Arrays.stream(METHODS).map(method -> writeOf(t, method, auth))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void answersAWriteWithoutAValidBearerTokenWith401(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    static Stream<BadInputCase> tokenFirst() {
        return Arrays.stream(ResourceType.values()).flatMap(t -> Stream.of(
                write("malformed JSON on POST " + t.singular() + " without token", "POST", t.path(), "{\"" + t.nameProperty() + "\":", 401)
                        .as(Auth.NONE),
                write("DELETE of an unknown " + t.singular() + " without token", "DELETE",
                        t.path() + "/" + (t == ResourceType.ISSUES ? "$FREE" : NO_SUCH_ID), null, 401).as(Auth.NONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tokenFirst")
    void checksTheTokenBeforeTheBodyAndTheTarget(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }

    static Stream<BadInputCase> reads() {
        return Stream.concat(
                Arrays.stream(ResourceType.values()).flatMap(t -> Stream.of(
                        get("list of " + t + " with a wrong token", t.path(), 401).as(Auth.WRONG_TOKEN),
                        get("GET " + t.singular() + " with a wrong token", t.target(), 401).as(Auth.WRONG_TOKEN))),
                Stream.of(get("includeExpired=true without token", "/v1/jobs?includeExpired=true", 401).as(Auth.NONE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reads")
    void answersAReadWithATokenThatIsNotValidWith401(BadInputCase c) throws Exception {
        BadInputChecks.assertAnswersWithAProblemAndChangesNothing(c, dataSource);
    }
}
