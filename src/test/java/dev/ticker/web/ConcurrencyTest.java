package dev.ticker.web;

import static dev.ticker.web.WriteRace.assertStatusesAllowed;
import static dev.ticker.web.WriteRace.race;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.createNews;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.ticker.web.WriteRace.Outcome;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Concurrent writers of one resource never silently overwrite each other (DESIGN.md: optimistic
 * locking on version, 412 for a stale If-Match): every write that is acknowledged with 200 is a
 * version of its own, and the last of them is what a reader sees.
 */
@QuarkusTest
class ConcurrencyTest {


    /** What one writer sent and got back. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentMergePatchesOfANewsItemAllCountAndTheLastOneWins() throws Exception {
        String path = "/v1/news/" + createNews().get("id");
        List<Outcome> outcomes = race(i -> "t-" + i,
                (i, value) -> admin().contentType(MERGE_PATCH).body("{\"teaser\":\"" + value + "\"}").patch(path));
        assertEveryAcknowledgedWriteCounts(path, "teaser", outcomes);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void concurrentMergePatchesOfAMemberAllCountAndTheLastOneWins() throws Exception {
        String path = "/v1/members/" + createMember().get("id");
        List<Outcome> outcomes = race(i -> "c-" + i,
                (i, value) -> admin().contentType(MERGE_PATCH).body("{\"city\":\"" + value + "\"}").patch(path));
        assertEveryAcknowledgedWriteCounts(path, "city", outcomes);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ofConcurrentPatchesWithTheSameIfMatchOnlyOneSucceedsOnANewsItem() throws Exception {
        String path = "/v1/news/" + createNews().get("id");
        assertOnlyOneIfMatchWriterWins(path, "teaser");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ofConcurrentPatchesWithTheSameIfMatchOnlyOneSucceedsOnAMember() throws Exception {
        String path = "/v1/members/" + createMember().get("id");
        assertOnlyOneIfMatchWriterWins(path, "city");
    }

    private void assertOnlyOneIfMatchWriterWins(String path, String field) throws Exception {
        Response read = given().get(path);
        assertEquals(200, read.statusCode());
        String etag = read.header("ETag");
        assertNotNull(etag, "GET sends an ETag");
        int version = read.path("version");

        List<Outcome> outcomes = race(i -> field.charAt(0) + "-" + i, (i, value) -> admin().contentType(MERGE_PATCH)
                .header("If-Match", etag).body("{\"" + field + "\":\"" + value + "\"}").patch(path));

        assertStatusesAllowed(outcomes);
        List<Outcome> won = outcomes.stream().filter(o -> o.status() == 200).toList();
        assertEquals(1, won.size(), "exactly one writer with the read ETag succeeds: " + outcomes);
        for (Outcome o : outcomes) {
            if (o.status() != 200) {
                assertTrue(o.status() == 412 || o.status() == 409, "a losing writer gets 412 (or 409): " + o);
            }
        }
        JsonPath now = given().get(path).then().statusCode(200).extract().jsonPath();
        assertEquals(version + 1, now.getInt("version"), "one change, one new version");
        assertEquals(won.get(0).value(), now.getString(field), "the winner's value is stored");
        assertEquals(version + 1, won.get(0).json().getInt("version"));
    }

    private static void assertEveryAcknowledgedWriteCounts(String path, String field, List<Outcome> outcomes) {
        assertStatusesAllowed(outcomes);
        List<Outcome> acknowledged = outcomes.stream().filter(o -> o.status() == 200).toList();
        assertFalse(acknowledged.isEmpty(), "of concurrent writers, at least the first to commit succeeds: " + outcomes);

        JsonPath now = given().get(path).then().statusCode(200).extract().jsonPath();
        assertEquals(1 + acknowledged.size(), now.getInt("version"),
                "version = 1 + number of acknowledged writes, so none was lost: " + outcomes);
        Set<String> written = new TreeSet<>(acknowledged.stream().map(Outcome::value).toList());
        assertTrue(written.contains(now.getString(field)), "the stored " + field + " '" + now.getString(field)
                + "' is one that a 200 acknowledged: " + written);

        // each acknowledged write answered with a version of its own: 2, 3, ... 1 + n
        List<Integer> versions = acknowledged.stream().map(o -> o.json().getInt("version")).sorted().toList();
        assertEquals(IntStream.rangeClosed(2, 1 + acknowledged.size()).boxed().toList(), versions, outcomes.toString());
        // and the write with the highest version is the one a reader sees
        Outcome last = acknowledged.stream().max(Comparator.comparingInt(o -> o.json().getInt("version"))).orElseThrow();
        assertEquals(last.value(), now.getString(field), "the last acknowledged write is what is stored");
        for (Outcome o : acknowledged) {
            assertEquals(o.value(), o.json().getString(field), "a 200 shows the writer's own value: " + o);
        }
    }
}
