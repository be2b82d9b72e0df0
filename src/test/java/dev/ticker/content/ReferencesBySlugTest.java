package dev.ticker.content;

import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.Fixtures.news;
import static dev.ticker.Fixtures.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Relations in request bodies name the related resource by id, or by slug where no id is given (DESIGN.md). */
@QuarkusTest
class ReferencesBySlugTest {

    @Test
    void aNewsItemNamesItsMembersBySlug() {
        Map<String, Object> first = createMember();
        Map<String, Object> second = createMember();
        Map<String, Object> body = news(unique("Per Slug verknüpft"));
        body.put("members", List.of(Map.of("slug", second.get("slug")), Map.of("id", first.get("id"))));
        admin().contentType(ContentType.JSON).body(body).post("/v1/news").then().statusCode(201)
                .body("members.id", contains(second.get("id"), first.get("id")))
                .body("members.slug", contains(second.get("slug"), first.get("slug")));
    }

    @Test
    void anIdWinsOverASlugSentWithIt() {
        Map<String, Object> meant = createMember();
        Map<String, Object> other = createMember();
        Map<String, Object> body = news(unique("Id vor Slug"));
        // what a client read and sends back carries both: the id counts
        body.put("members", List.of(Map.of("id", meant.get("id"), "slug", other.get("slug"))));
        admin().contentType(ContentType.JSON).body(body).post("/v1/news").then().statusCode(201)
                .body("members.id", contains(meant.get("id")));
    }

    @Test
    void returns422NamingAnUnknownSlugAReferenceWithNeitherAndOneMemberTwice() {
        Map<String, Object> member = createMember();
        Map<String, Object> body = news(unique("Falsch verknüpft"));
        body.put("members", List.of(Map.of("slug", "gibt-es-nicht"), Map.of(), Map.of("slug", member.get("slug")),
                Map.of("id", member.get("id"))));
        admin().contentType(ContentType.JSON).body(body).post("/v1/news").then().statusCode(422)
                .body("errors.field", contains("members[0].slug", "members[1]", "members[3].id"))
                .body("errors[0].message", equalTo("no member with slug 'gibt-es-nicht'"));
    }

    @Test
    void anIssueNamesItsNewsEventsAndOrganisersBySlug() {
        Map<String, Object> item = createNews();
        Map<String, Object> member = createMember();
        String event = admin().contentType(ContentType.JSON).body(Map.of("title", unique("Termin"), "startDate", "2025-12-02",
                "format", "online", "organizer", Map.of("name", "KDO", "member", Map.of("slug", member.get("slug")))))
                .post("/v1/events").then().statusCode(201).body("organizer.member.id", equalTo(member.get("id")))
                .extract().path("slug");
        int number = Fixtures.freeIssueNumber();
        admin().contentType(ContentType.JSON).body(Map.of("number", number, "title", unique("Ausgabe"), "issueDate", "2025-12-01",
                "sections", List.of(Map.of("heading", "Meldungen", "news", List.of(Map.of("slug", item.get("slug"))))),
                "events", List.of(Map.of("slug", event)))).post("/v1/issues").then().statusCode(201)
                .body("sections[0].news[0].id", equalTo(item.get("id")))
                .body("events[0].slug", equalTo(event));
    }
}
