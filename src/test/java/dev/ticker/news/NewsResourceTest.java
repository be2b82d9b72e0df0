package dev.ticker.news;

import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.Fixtures.news;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class NewsResourceTest {

    @Test
    void createsANewsItemWithEveryField() {
        Map<String, Object> member = createMember();
        Map<String, Object> body = news(unique("regio iT engagiert sich per Mitgliedschaft für Open Source"));
        body.put("image", Map.of("url", "https://example.org/civitas.jpg", "alt", "Dieter Ludwigs, Ralf Leufkes und Peter Zink",
                "credit", "Urheberrecht: regio iT"));
        body.put("links", List.of(Map.of("label", "Civitas Connect", "url", "https://civitasconnect.digital")));
        body.put("tags", List.of("Open Source", "Datenplattform"));
        body.put("members", List.of(Map.of("id", member.get("id"), "name", "ignored on writes")));
        body.put("publishedAt", "2025-11-12T08:00:00Z");
        admin().contentType(ContentType.JSON).body(body).post("/v1/news")
                .then().statusCode(201)
                .header("ETag", notNullValue())
                .body("title", equalTo(body.get("title")))
                .body("image.credit", equalTo("Urheberrecht: regio iT"))
                .body("links[0].label", equalTo("Civitas Connect"))
                .body("tags", contains("Open Source", "Datenplattform"))
                .body("region.state", equalTo("DE-SN"))
                .body("members[0].id", equalTo(member.get("id")))
                .body("members[0].slug", equalTo(member.get("slug")))
                .body("members[0].name", equalTo(member.get("name")))
                .body("members[0]", not(hasKey("city")))
                .body("publishedAt", equalTo("2025-11-12T08:00:00Z"))
                .body("bodyHtml", equalTo("<p>Ein <strong>wichtiger</strong> Text über Verwaltung.</p>"))
                .body("version", equalTo(1));
    }

    @Test
    void setsPublishedAtToNowWhenNoneIsGiven() {
        Map<String, Object> created = createNews();
        assertEquals(created.get("createdAt"), created.get("publishedAt"));
    }

    @Test
    void sanitisesHtmlAndScriptLinksInTheBody() {
        Map<String, Object> body = news(unique("XSS"));
        body.put("body", "Hallo <script>alert(1)</script> [klick](javascript:alert(2)) <img src=x onerror=alert(3)>");
        String html = createNews(body).get("bodyHtml").toString();
        org.junit.jupiter.api.Assertions.assertFalse(html.contains("<script"), html);
        org.junit.jupiter.api.Assertions.assertFalse(html.contains("javascript:"), html);
        org.junit.jupiter.api.Assertions.assertFalse(html.contains("<img"), html);
        org.junit.jupiter.api.Assertions.assertTrue(html.contains("&lt;script&gt;"), html);
    }

    @Test
    void embedsWholeMemberSummariesWithIncludeMembers() {
        Map<String, Object> first = createMember();
        Map<String, Object> second = createMember();
        Map<String, Object> body = news(unique("Zwei Mitglieder"));
        body.put("members", List.of(Map.of("id", second.get("id")), Map.of("id", first.get("id"))));
        Map<String, Object> created = createNews(body);
        given().queryParam("include", "members").get("/v1/news/" + created.get("slug"))
                .then().statusCode(200)
                .body("members.id", contains(second.get("id"), first.get("id")))
                .body("members[0].city", equalTo("Aachen"))
                .body("members[0].state", equalTo("DE-NW"));
    }

    @Test
    void returns422NamingAnUnknownMember() {
        Map<String, Object> body = news(unique("Unbekannt"));
        body.put("members", List.of(Map.of("id", "00000000-0000-0000-0000-00000000abcd")));
        admin().contentType(ContentType.JSON).body(body).post("/v1/news")
                .then().statusCode(422).body("errors[0].field", equalTo("members[0].id"))
                .body("errors[0].message", containsString("00000000-0000-0000-0000-00000000abcd"));
    }

    @Test
    void returns422ForAMemberListedTwice() {
        Map<String, Object> member = createMember();
        Map<String, Object> body = news(unique("Doppelt"));
        body.put("members", List.of(Map.of("id", member.get("id")), Map.of("id", member.get("id"))));
        admin().contentType(ContentType.JSON).body(body).post("/v1/news")
                .then().statusCode(422).body("errors[0].field", equalTo("members[1].id"));
    }

    @Test
    void reordersRelatedMembersOnPatch() {
        Map<String, Object> first = createMember();
        Map<String, Object> second = createMember();
        Map<String, Object> body = news(unique("Reihenfolge"));
        body.put("members", List.of(Map.of("id", first.get("id")), Map.of("id", second.get("id"))));
        Map<String, Object> created = createNews(body);
        admin().contentType(Fixtures.MERGE_PATCH)
                .body(Map.of("members", List.of(Map.of("id", second.get("id")), Map.of("id", first.get("id")))))
                .patch("/v1/news/" + created.get("id"))
                .then().statusCode(200).body("members.id", contains(second.get("id"), first.get("id")));
        given().get("/v1/news/" + created.get("id")).then().body("members.id", contains(second.get("id"), first.get("id")));
    }

    @Test
    void patchRendersTheNewBodyAndKeepsTheRest() {
        Map<String, Object> created = createNews();
        admin().contentType(Fixtures.MERGE_PATCH).body("{\"body\":\"_Neu_\",\"image\":null}")
                .patch("/v1/news/" + created.get("id"))
                .then().statusCode(200)
                .body("bodyHtml", equalTo("<p><em>Neu</em></p>"))
                .body("title", equalTo(created.get("title")))
                .body("tags", contains("Verwaltung"))
                .body("image", nullValue())
                .body("version", equalTo(2));
    }

    @Test
    void putKeepsTheSlugAndPublicationTimeWhenLeftOut() {
        Map<String, Object> created = createNews();
        Map<String, Object> body = news("Ganz neuer Titel");
        admin().contentType(ContentType.JSON).body(body).put("/v1/news/" + created.get("slug"))
                .then().statusCode(200)
                .body("slug", equalTo(created.get("slug")))
                .body("publishedAt", equalTo(created.get("publishedAt")))
                .body("title", equalTo("Ganz neuer Titel"));
    }

    @Test
    void deletesANewsItem() {
        Map<String, Object> created = createNews();
        admin().delete("/v1/news/" + created.get("slug")).then().statusCode(204);
        given().get("/v1/news/" + created.get("id")).then().statusCode(404);
    }

    @Test
    void listsNewestPublishedFirst() {
        String tag = unique("Reihe");
        for (String when : List.of("2025-11-10T08:00:00Z", "2025-11-12T08:00:00Z", "2025-11-11T08:00:00Z")) {
            Map<String, Object> body = news(unique("Datum " + when));
            body.put("tags", List.of(tag));
            body.put("publishedAt", when);
            createNews(body);
        }
        given().queryParam("tag", tag).get("/v1/news").then().statusCode(200)
                .body("items.publishedAt", contains("2025-11-12T08:00:00Z", "2025-11-11T08:00:00Z", "2025-11-10T08:00:00Z"))
                .body("page.total", equalTo(3));
        given().queryParam("tag", tag).queryParam("sort", "publishedAt").get("/v1/news").then().statusCode(200)
                .body("items.publishedAt", contains("2025-11-10T08:00:00Z", "2025-11-11T08:00:00Z", "2025-11-12T08:00:00Z"));
    }

    @Test
    void combinesFiltersWithAnd() {
        String tag = unique("Filter");
        Map<String, Object> member = createMember();
        Map<String, Object> match = news(unique("Treffer"));
        match.put("tags", List.of(tag));
        match.put("members", List.of(Map.of("id", member.get("id"))));
        match.put("region", Map.of("state", "DE-HE", "place", "Schwalm-Eder-Kreis"));
        match.put("publishedAt", "2025-11-12T07:00:00Z");
        createNews(match);
        Map<String, Object> otherState = news(unique("Anderes Land"));
        otherState.put("tags", List.of(tag));
        otherState.put("members", List.of(Map.of("id", member.get("id"))));
        otherState.put("publishedAt", "2025-11-12T07:00:00Z");
        createNews(otherState);
        Map<String, Object> noMember = news(unique("Ohne Mitglied"));
        noMember.put("tags", List.of(tag));
        noMember.put("region", Map.of("state", "DE-HE"));
        noMember.put("publishedAt", "2025-11-12T07:00:00Z");
        createNews(noMember);
        Map<String, Object> tooEarly = news(unique("Zu früh"));
        tooEarly.put("tags", List.of(tag));
        tooEarly.put("members", List.of(Map.of("id", member.get("id"))));
        tooEarly.put("region", Map.of("state", "DE-HE"));
        tooEarly.put("publishedAt", "2025-10-01T07:00:00Z");
        createNews(tooEarly);

        given().queryParam("tag", tag).queryParam("state", "DE-HE").queryParam("member", member.get("slug"))
                .queryParam("from", "2025-11-12").queryParam("to", "2025-11-12")
                .get("/v1/news").then().statusCode(200)
                .body("items.title", contains(match.get("title")))
                .body("page.total", equalTo(1));
        given().queryParam("tag", tag).queryParam("member", member.get("id")).get("/v1/news").then()
                .body("page.total", equalTo(3));
        given().queryParam("tag", tag).queryParam("to", "2025-10-31").get("/v1/news").then()
                .body("items.title", contains(tooEarly.get("title")));
    }

    @Test
    void datesInFiltersAreDaysInBerlin() {
        String tag = unique("Mitternacht");
        Map<String, Object> body = news(unique("Kurz nach Mitternacht"));
        body.put("tags", List.of(tag));
        body.put("publishedAt", "2025-11-11T23:30:00Z"); // 00:30 on 12 November in Berlin
        createNews(body);
        given().queryParam("tag", tag).queryParam("from", "2025-11-12").get("/v1/news").then().body("page.total", equalTo(1));
        given().queryParam("tag", tag).queryParam("to", "2025-11-11").get("/v1/news").then().body("page.total", equalTo(0));
    }

    @Test
    void anUnknownMemberFilterMatchesNothing() {
        given().queryParam("member", "kein-solches-mitglied").get("/v1/news").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty()).body("page.total", equalTo(0));
    }

    @Test
    void returns400ForFromAfterTo() {
        given().queryParam("from", "2025-12-01").queryParam("to", "2025-11-01").get("/v1/news")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void includesMembersInListsInOrder() {
        Map<String, Object> member = createMember();
        String tag = unique("Liste");
        Map<String, Object> body = news(unique("Mit Mitglied"));
        body.put("tags", List.of(tag));
        body.put("members", List.of(Map.of("id", member.get("id"))));
        createNews(body);
        given().queryParam("tag", tag).queryParam("include", "members").get("/v1/news").then().statusCode(200)
                .body("items[0].members[0].shortName", equalTo(member.get("shortName")))
                .body("items.members.flatten().id", everyItem(equalTo(member.get("id"))));
        given().queryParam("include", "authors").get("/v1/news").then().statusCode(400);
    }

    @Test
    void roundTripsGermanTextAndEmojiByteExact() {
        String title = unique("Größenordnung: Öffentliche Übergänge – „Straße“ 🎙️🎧 ß ẞ");
        Map<String, Object> body = news(title);
        body.put("teaser", "Bürger:innen, Einwohner:innen & Behörden 👩‍💻 — «Ä Ö Ü»");
        Map<String, Object> created = createNews(body);
        byte[] raw = given().get("/v1/news/" + created.get("id")).then().statusCode(200)
                .contentType(ContentType.JSON).extract().asByteArray();
        String json = new String(raw, java.nio.charset.StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(json.contains(title), json);
        org.junit.jupiter.api.Assertions.assertTrue(json.contains("Bürger:innen, Einwohner:innen & Behörden 👩‍💻 — «Ä Ö Ü»"), json);
        given().queryParam("tag", "Verwaltung").queryParam("limit", 100).get("/v1/news").then().body("items.title", hasItem(title));
    }
}
