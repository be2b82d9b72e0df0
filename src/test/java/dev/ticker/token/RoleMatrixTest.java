package dev.ticker.token;

import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call what: anonymous, editor and admin against every operation of the served API
 * description. The policy: reads are public, except the token list and revisions; writes and
 * revisions need an editor; managing tokens and webhooks needs an admin. Each operation must be documented as the policy says and must
 * behave so, so an operation added without the right annotation fails here.
 */
@QuarkusTest
class RoleMatrixTest {

    private static final String NO_SUCH_ID = "00000000-0000-0000-0000-000000000000";

    private enum Caller {
        ANONYMOUS, EDITOR, ADMIN
    }

    @Test
    void everyOperationIsOpenToExactlyTheRolesThePolicyNames() throws Exception {
        JsonNode doc = new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").asString());
        String editorToken = admin().contentType(ContentType.JSON).body(Map.of("name", unique("Matrix"), "role", "editor"))
                .post("/v1/tokens").then().statusCode(201).extract().path("token");
        List<String> problems = new ArrayList<>();
        int operations = 0;
        for (var path : iterable(doc.path("paths").fields())) {
            for (var op : iterable(path.getValue().fields())) {
                operations++;
                String method = op.getKey().toUpperCase();
                String template = path.getKey();
                Set<String> needed = policy(method, template);
                Set<String> documented = documentedRoles(op.getValue());
                if (!documented.equals(needed)) {
                    problems.add(method + " " + template + " is documented for " + documented + ", the policy says " + needed);
                }
                for (Caller caller : Caller.values()) {
                    Response answer = send(caller, editorToken, method, template);
                    int status = answer.statusCode();
                    if (status == 401 && !"Bearer realm=\"ticker\"".equals(answer.header("WWW-Authenticate"))) {
                        problems.add(method + " " + template + " as " + caller + ": a 401 without WWW-Authenticate");
                    }
                    int expected = expectedRefusal(caller, needed);
                    if (expected != 0 && status != expected || expected == 0 && (status == 401 || status == 403)) {
                        problems.add(method + " " + template + " as " + caller + ": " + status + ", expected "
                                + (expected == 0 ? "access (neither 401 nor 403)" : expected));
                    }
                }
            }
        }
        assertTrue(operations >= 20, "the matrix covers the whole API: " + operations + " operations");
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The roles an operation needs: none for public reads. */
    private static Set<String> policy(String method, String template) {
        if (template.startsWith("/v1/tokens") || template.startsWith("/v1/webhooks")) {
            return Set.of(Roles.ADMIN);
        }
        return method.equals("GET") && !template.contains("/revisions") ? Set.of() : Set.of(Roles.EDITOR);
    }

    /** The roles the description names (x-ticker-roles); a secured operation must ask for the bearer scheme. */
    private static Set<String> documentedRoles(JsonNode operation) {
        Set<String> roles = new TreeSet<>();
        operation.path("x-ticker-roles").forEach(role -> roles.add(role.asText()));
        boolean bearer = false;
        for (JsonNode requirement : operation.path("security")) {
            bearer |= !requirement.path("bearer").isMissingNode();
        }
        assertEquals(!roles.isEmpty(), bearer, "the bearer scheme exactly where roles are needed: " + operation.path("operationId"));
        return roles;
    }

    /** 0: the caller gets in (whatever the answer then is); 401 or 403: refused for who it is. */
    private static int expectedRefusal(Caller caller, Set<String> needed) {
        if (needed.isEmpty()) {
            return 0;
        }
        return switch (caller) {
            case ANONYMOUS -> 401;
            case EDITOR -> needed.contains(Roles.ADMIN) ? 403 : 0;
            case ADMIN -> 0;
        };
    }

    /** A request that gets past authorisation harmlessly: unknown ids (404), an empty body (400 or 422). */
    private static Response send(Caller caller, String editorToken, String method, String template) {
        String path = template.replaceAll("\\{number\\}", "999999999").replaceAll("\\{[^}]+\\}", NO_SUCH_ID);
        RequestSpecification request = switch (caller) {
            case ANONYMOUS -> given();
            case EDITOR -> given().header("Authorization", "Bearer " + editorToken);
            case ADMIN -> admin();
        };
        if (Set.of("POST", "PUT", "PATCH").contains(method)) {
            request = request.contentType(method.equals("PATCH") ? "application/merge-patch+json" : "application/json")
                    .body("{}");
        }
        Response response = request.request(method, path);
        if (caller != Caller.ANONYMOUS && method.equals("POST")) {
            assertEquals(true, response.statusCode() >= 400, "an empty body creates nothing: " + method + " " + path);
        }
        return response;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
