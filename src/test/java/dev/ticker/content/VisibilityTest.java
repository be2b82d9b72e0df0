package dev.ticker.content;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.editor;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * Readers without a token see only published content, for each of the four workflow types:
 * a draft, a scheduled and an archived item are missing from lists, from their totals and from
 * every page a cursor reaches, and looking one up by id, slug (or issue number) is the same 404
 * as for something that never existed. Token holders see everything and filter by status.
 */
@QuarkusTest
class VisibilityTest {

    /** The four types, each with a body and a filter that selects only what one test made. */
    enum Kind {
        NEWS("/v1/news", "news item") {
            @Override
            Map<String, Object> body(String marker) {
                Map<String, Object> body = Fixtures.news(unique("Meldung"));
                body.put("tags", List.of(marker));
                return body;
            }

            @Override
            String filter(String marker) {
                return "tag=" + marker;
            }
        },
        EVENTS("/v1/events", "event") {
            @Override
            Map<String, Object> body(String marker) {
                Map<String, Object> body = Fixtures.event(unique("Termin"));
                body.put("organizer", Map.of("name", marker));
                return body;
            }

            @Override
            String filter(String marker) {
                return "organizer=" + marker;
            }
        },
        JOBS("/v1/jobs", "job posting") {
            @Override
            Map<String, Object> body(String marker) {
                Map<String, Object> body = Fixtures.job(unique("Stelle"));
                body.put("employer", Map.of("name", marker));
                return body;
            }

            @Override
            String filter(String marker) {
                return "employer=" + marker;
            }
        },
        ISSUES("/v1/issues", "issue") {
            /** The marker is a date of its own, far from other tests' issues. */
            @Override
            Map<String, Object> body(String marker) {
                Map<String, Object> body = Fixtures.issue(Fixtures.freeIssueNumber());
                body.put("issueDate", marker);
                return body;
            }

            @Override
            String marker() {
                return String.format("%d-%02d-%02d", 2500 + ThreadLocalRandom.current().nextInt(400),
                        1 + ThreadLocalRandom.current().nextInt(12), 1 + ThreadLocalRandom.current().nextInt(28));
            }

            @Override
            String filter(String marker) {
                return "from=" + marker + "&to=" + marker;
            }
        };

        final String path;
        final String noun;

        Kind(String path, String noun) {
            this.path = path;
            this.noun = noun;
        }

        abstract Map<String, Object> body(String marker);

        abstract String filter(String marker);

        String marker() {
            return unique("Sichtbar").replace(" ", "-");
        }

        /** Creates one item in the given status (archived: published first, then archived). */
        Map<String, Object> create(String marker, String status) {
            Map<String, Object> body = new HashMap<>(body(marker));
            body.put("status", status.equals("archived") ? "published" : status);
            if (status.equals("scheduled")) {
                body.put("publishAt", WorkflowTransitionsTest.inFuture(86_400 * 365));
            }
            Map<String, Object> created = Fixtures.create(path, body);
            if (status.equals("archived")) {
                created = editor().contentType(MERGE_PATCH).body(Map.of("status", "archived")).patch(path + "/" + created.get("id"))
                        .then().statusCode(200).extract().jsonPath().getMap("$");
            }
            return created;
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void withoutATokenOnlyPublishedItemsAreListedCountedAndPaged(Kind kind) {
        String marker = kind.marker();
        Map<String, String> ids = new HashMap<>();
        for (String status : List.of("draft", "published", "scheduled", "archived", "published")) {
            ids.put(kind.create(marker, status).get("id") + "", status);
        }
        Set<String> published = new TreeSet<>();
        ids.forEach((id, status) -> {
            if (status.equals("published")) {
                published.add(id);
            }
        });

        // page by page, one item each: only published ones, and totals that never count the rest
        assertEquals(published, walk(RestAssured::given, kind.path + "?limit=1&" + kind.filter(marker), 2));
        assertEquals(ids.keySet(), walk(Fixtures::editor, kind.path + "?limit=1&" + kind.filter(marker), 5));
        assertEquals(2, walk(Fixtures::editor, kind.path + "?limit=1&status=draft,scheduled&" + kind.filter(marker), 2).size());
        Set<String> archived = walk(Fixtures::editor, kind.path + "?status=archived&" + kind.filter(marker), 1);
        assertEquals("archived", ids.get(archived.iterator().next()));
        // published is what anonymous readers see anyway: they may ask for it
        assertEquals(published, walk(RestAssured::given, kind.path + "?status=published&" + kind.filter(marker), 2));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void withoutATokenAskingForDraftsIsA400ThatRevealsNothing(Kind kind) {
        given().get(kind.path + "?status=draft").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("needs a bearer token"));
        given().get(kind.path + "?status=published,archived").then().statusCode(400);
        editor().get(kind.path + "?status=draft,published").then().statusCode(200);
        editor().get(kind.path + "?status=live").then().statusCode(400)
                .body("detail", containsString("draft, scheduled, published, archived"));
        editor().get(kind.path + "?status=draft,draft").then().statusCode(400);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anUnpublishedItemLookedUpWithoutATokenIsA404LikeOneThatNeverExisted(Kind kind) {
        for (String status : List.of("draft", "scheduled", "archived")) {
            Map<String, Object> item = kind.create(kind.marker(), status);
            List<String> keys = new ArrayList<>(List.of(item.get("id").toString(), item.get("slug").toString()));
            if (kind == Kind.ISSUES) {
                keys.add(item.get("number").toString());
            }
            for (String key : keys) {
                JsonPath missing = given().get(kind.path + "/" + key).then().statusCode(404)
                        .contentType("application/problem+json").extract().jsonPath();
                editor().get(kind.path + "/" + key).then().statusCode(200).body("status", equalTo(status))
                        .header("Cache-Control", containsString("private"));
                // the same answer as for a key nobody ever used, but for the key itself
                String unknown = kind == Kind.ISSUES && key.matches("\\d+") ? "999999" : key.matches("[0-9a-f-]{36}")
                        ? "00000000-0000-0000-0000-00000000dead" : "gibt-es-nicht";
                JsonPath never = given().get(kind.path + "/" + unknown).then().statusCode(404).extract().jsonPath();
                assertEquals(never.getString("title"), missing.getString("title"));
                assertEquals(never.getString("detail").replace(unknown, key), missing.getString("detail"));
            }
        }
    }

    /** Follows the cursors of a list; every page must state the same total. Answers the ids seen. */
    private static Set<String> walk(Supplier<RequestSpecification> caller, String first, int total) {
        Set<String> seen = new TreeSet<>();
        String url = first;
        for (int pages = 0; url != null; pages++) {
            JsonPath page = caller.get().get(url).then().statusCode(200).extract().jsonPath();
            assertEquals(total, page.getInt("page.total"), url);
            seen.addAll(page.getList("items.id", String.class));
            String next = page.getString("page.next");
            url = next == null ? null : first + "&cursor=" + next;
            assertEquals(true, pages <= total, "the cursors end");
        }
        assertEquals(total, seen.size(), first);
        return seen;
    }

}
