package dev.ticker.issue;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.editor;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * The issue as a newsletter e-mail, read as a mail client reads it (jsoup) and held against the
 * issue's JSON: every section, item, picture credit and calendar entry in its place; nothing a
 * reader without a token may not see; markup in content shown as text. The rendering of issue 20
 * is approved (src/test/resources/approved/): a change to it fails here until it is approved again
 * with {@code -Demail.approve=true}.
 */
@QuarkusTest
class IssueEmailTest {

    private static final Path APPROVED = Path.of("src/test/resources/approved");

    @Test
    void issue20HasEverySectionItemCreditAndCalendarEntryInItsPlace() {
        Response answer = given().get("/v1/issues/20/email.html");
        answer.then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"));
        byte[] bytes = answer.asByteArray();
        assertTrue(bytes.length < 102 * 1024, "under Gmail's clipping limit: " + bytes.length + " bytes");
        Document mail = Jsoup.parse(new String(bytes, StandardCharsets.UTF_8));
        JsonPath issue = given().get("/v1/issues/20").then().statusCode(200).extract().jsonPath();

        assertEquals(issue.getString("title"), mail.selectFirst("h1").text());
        assertEquals("Berlin, den 12. November 2025", mail.selectFirst(".dateline").text());
        assertEquals("VITAKO ist 20 Jahre alt geworden.", mail.selectFirst(".preheader").text());
        assertTrue(mail.selectFirst(".preheader").attr("style").contains("display:none"), "the preheader is hidden");
        assertEquals(issue.getString("editorial.salutation"), mail.selectFirst(".salutation").text());
        assertEquals(issue.getString("editorial.signoff").replace("\n", " "), mail.selectFirst(".signoff").text());
        assertEquals(issue.getString("heroImage.credit"), mail.selectFirst(".hero .credit").text());
        assertEquals(issue.getString("heroImage.caption").replace("\n", " "), mail.selectFirst(".hero .caption").text());
        assertEquals(issue.getString("heroImage.caption").split("\n").length, mail.select(".hero .caption br").size() + 1,
                "the caption keeps its lines");
        assertEquals(issue.getString("heroImage.alt"), alt(mail.selectFirst(".hero")));

        // sections and their items, in order, each picture with its alt text and credit
        List<Element> sections = mail.select("td.section");
        List<Map<String, Object>> expected = issue.getList("sections");
        assertEquals(expected.size(), sections.size());
        for (int s = 0; s < sections.size(); s++) {
            assertEquals(expected.get(s).get("heading"), sections.get(s).selectFirst("h2").text());
            List<Element> items = sections.get(s).select("table.item");
            List<Map<String, Object>> news = issue.getList("sections[" + s + "].news");
            assertEquals(news.stream().map(n -> n.get("title")).toList(), items.stream().map(i -> i.selectFirst("h3").text()).toList());
            for (int i = 0; i < items.size(); i++) {
                JsonPath item = given().get("/v1/news/" + news.get(i).get("id")).then().extract().jsonPath();
                if (item.get("image") != null) {
                    assertEquals(item.getString("image.alt"), alt(items.get(i)), "alt text of " + item.getString("title"));
                    assertEquals(item.getString("image.credit"), items.get(i).selectFirst(".credit").text());
                }
                for (Map<String, Object> link : item.<Map<String, Object>>getList("links")) {
                    assertNotNull(items.get(i).selectFirst("a[href=" + link.get("url") + "]"), "link " + link);
                }
            }
        }

        // the IT calendar: every entry with date, place and organiser; the empty job market says so
        List<Element> entries = mail.select("table.entry");
        assertEquals(issue.getList("events.title"), entries.stream().map(e -> e.selectFirst(".title").text()).toList());
        for (int e = 0; e < entries.size(); e++) {
            JsonPath event = given().get("/v1/events/" + issue.getString("events[" + e + "].id")).then().extract().jsonPath();
            String when = entries.get(e).selectFirst(".when").text();
            String[] day = event.getString("startDate").split("-");
            assertTrue(when.contains(Integer.parseInt(day[2]) + "."), when + " shows the day of " + event.getString("startDate"));
            if (event.getString("startTime") != null) {
                assertTrue(when.contains(event.getString("startTime")), when);
            }
            if (event.getString("organizer.name") != null) {
                assertEquals(event.getString("organizer.name"), entries.get(e).selectFirst(".organizer").text());
            }
            assertFalse(entries.get(e).selectFirst(".place").text().isBlank());
        }
        assertEquals(0, issue.getList("jobs").size());
        assertEquals("Derzeit sind keine Stellen ausgeschrieben.", mail.selectFirst("td.jobs .empty").text());

        // what mail clients need: no script, no stylesheet or font to load, at most 600 px
        assertTrue(mail.select("script, link, style, iframe, form").isEmpty(), "inline CSS only, no scripts");
        assertEquals("600", mail.selectFirst("table.container").attr("width"));
        assertTrue(mail.selectFirst("table.container").attr("style").contains("max-width:600px"));
        assertEquals("https://www.vitako.de/newsletter/abmelden", mail.selectFirst("a.unsubscribe").attr("href"));
    }

    @Test
    void aMailingToolsMergeTagStandsInTheFooterVerbatim() {
        for (String tag : List.of("*|UNSUB|*", "{{ UnsubscribeURL }}", "https://liste.example/abmelden?id=%%ID%%")) {
            Document mail = Jsoup.parse(given().queryParam("unsubscribe", tag).get("/v1/issues/20/email.html").then()
                    .statusCode(200).extract().asString());
            assertEquals(tag, mail.selectFirst("a.unsubscribe").attr("href"));
            given().queryParam("unsubscribe", tag).get("/v1/issues/20/email.txt").then().statusCode(200)
                    .body(containsString("<" + tag + ">"));
        }
        given().queryParam("unsubscribe", "javascript:alert(1)").get("/v1/issues/20/email.html").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("utm", "x").get("/v1/issues/20/email.html").then().statusCode(400)
                .body("detail", containsString("unsubscribe"));
    }

    @Test
    void thePlainTextHasTheSameContentInTheSameOrderWrappedAt72Columns() {
        String text = given().get("/v1/issues/20/email.txt").then().statusCode(200).contentType(startsWith("text/plain"))
                .extract().asString();
        for (String line : text.split("\n")) {
            assertTrue(line.codePointCount(0, line.length()) <= 72 || !line.strip().contains(" "), "wrapped: " + line);
        }
        JsonPath issue = given().get("/v1/issues/20").then().extract().jsonPath();
        List<String> inOrder = new ArrayList<>();
        inOrder.add(issue.getString("editorial.salutation"));
        inOrder.addAll(issue.getList("sections.heading", String.class).stream().map(String::toUpperCase).toList().subList(0, 1));
        issue.getList("sections.news.title", List.class).forEach(titles -> titles.forEach(t -> inOrder.add(t.toString())));
        inOrder.add("VITAKO IT-KALENDER");
        issue.getList("events.title", String.class).forEach(inOrder::add);
        inOrder.add("Derzeit sind keine Stellen ausgeschrieben.");
        inOrder.add("<https://www.vitako.de/newsletter/abmelden>");
        int from = 0;
        String flat = text.replaceAll("\\s+", " ");
        for (String expected : inOrder) {
            int at = flat.indexOf(expected.replaceAll("\\s+", " "), from);
            assertTrue(at >= 0, "'" + expected + "' follows in the text");
            from = at;
        }
        assertTrue(text.contains("ffm.de <https://ffm.de>"), "links in angle brackets");
        assertTrue(text.contains("Foto: Sera Z. Kurc"), "credits");
    }

    @Test
    void markupInContentIsShownAsText() {
        String title = "<script>alert(1)</script> & Co " + unique("x");
        Map<String, Object> body = Fixtures.news(title);
        body.put("teaser", "<b>fett?</b>");
        body.remove("body");
        String id = Fixtures.createNews(body).get("id").toString();
        int number = Fixtures.freeIssueNumber();
        Map<String, Object> issue = Fixtures.issue(number);
        issue.put("title", "<i>Ausgabe</i>");
        issue.put("sections", List.of(Map.of("heading", "<h1>Sektion</h1>", "news", List.of(Map.of("id", id)))));
        Fixtures.create("/v1/issues", issue);

        Document mail = Jsoup.parse(given().get("/v1/issues/" + number + "/email.html").then().statusCode(200).extract().asString());
        assertTrue(mail.select("script, b, i").isEmpty(), "no markup from content");
        assertEquals(title, mail.selectFirst("td.section h3").text());
        assertEquals("<h1>Sektion</h1>", mail.selectFirst("td.section h2").text());
        assertEquals("<i>Ausgabe</i>", mail.selectFirst("h1").text());
        assertEquals("<b>fett?</b>", mail.selectFirst("td.section .body").text());
        String text = given().get("/v1/issues/" + number + "/email.txt").then().statusCode(200).extract().asString();
        assertTrue(text.contains(title), "plain text as written");
    }

    @Test
    void readersNeverSeeWhatIsNotPublished() {
        String shown = Fixtures.createNews().get("title").toString();
        Map<String, Object> withdrawn = Fixtures.createNews();
        Map<String, Object> event = Fixtures.createEvent();
        int number = Fixtures.freeIssueNumber();
        Map<String, Object> issue = Fixtures.issue(number);
        issue.put("sections", List.of(Map.of("heading", "Meldungen",
                "news", List.of(Map.of("id", Fixtures.createNews(Fixtures.news(shown + "x")).get("id")), Map.of("id", withdrawn.get("id"))))));
        issue.put("events", List.of(Map.of("id", event.get("id"))));
        Fixtures.create("/v1/issues", issue);
        editor().contentType(MERGE_PATCH).body(Map.of("status", "archived")).patch("/v1/news/" + withdrawn.get("id")).then().statusCode(200);
        editor().contentType(MERGE_PATCH).body(Map.of("status", "archived")).patch("/v1/events/" + event.get("id")).then().statusCode(200);

        String anonymous = given().get("/v1/issues/" + number + "/email.html").then().statusCode(200).extract().asString();
        assertFalse(anonymous.contains(withdrawn.get("title").toString()));
        assertFalse(anonymous.contains(event.get("title").toString()));
        assertFalse(given().get("/v1/issues/" + number + "/email.txt").asString().contains(withdrawn.get("title").toString()));
        // the editor's preview shows all, privately
        editor().get("/v1/issues/" + number + "/email.html").then().statusCode(200).header("Cache-Control", containsString("private"))
                .body(containsString(withdrawn.get("title").toString()));

        editor().contentType(MERGE_PATCH).body(Map.of("status", "draft")).patch("/v1/issues/" + number).then().statusCode(200);
        given().get("/v1/issues/" + number + "/email.html").then().statusCode(404);
        given().get("/v1/issues/" + number + "/email.txt").then().statusCode(404);
    }

    @Test
    void conditionalGetsAnswer304() {
        String etag = given().get("/v1/issues/20/email.html").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get("/v1/issues/20/email.html").then().statusCode(304);
    }

    /**
     * The approved renderings of issue 20: any change to the e-mail shows here first. Approve a
     * deliberate one with -Demail.approve=true (and look at it: docs/outputs.md, "Looking at it").
     */
    @Test
    void theRenderingOfIssue20IsTheApprovedOne() throws IOException {
        for (String type : List.of("html", "txt")) {
            String rendered = given().get("/v1/issues/20/email." + type).then().statusCode(200).extract().asString();
            Path approved = APPROVED.resolve("issue-20-email." + type);
            if (Boolean.getBoolean("email.approve")) {
                Files.writeString(approved, rendered);
            }
            assertEquals(Files.readString(approved), rendered, approved + " (approve a deliberate change with -Demail.approve=true)");
        }
    }

    /** The alt text of the picture in a block: the image's alt, or the placeholder's label while the file is not hosted. */
    private static String alt(Element block) {
        Element image = block.selectFirst("img");
        return image != null ? image.attr("alt") : block.selectFirst(".image-placeholder").attr("aria-label");
    }
}
