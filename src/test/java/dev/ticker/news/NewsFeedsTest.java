package dev.ticker.news;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.Fixtures.editor;
import static dev.ticker.Fixtures.news;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.atom.Category;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;

import dev.ticker.TickerConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The news feeds, read as a feed reader reads them: the Atom feed parsed by Rome, the JSON Feed by
 * Jackson. Each test selects only the items it made by a tag of its own.
 */
@QuarkusTest
class NewsFeedsTest {

    private static final String ATOM = "/v1/news/feed.atom";
    private static final String JSON = "/v1/news/feed.json";

    @Inject
    TickerConfig config;

    @Inject
    SessionFactory sessionFactory;

    @Test
    void carriesTheNewestPublishedItemsNewestFirst() {
        String tag = unique("Feed");
        String older = id(createNews(dated(tag, "2025-10-01T08:00:00Z")));
        String newest = id(createNews(dated(tag, "2025-10-03T08:00:00Z")));
        String middle = id(createNews(dated(tag, "2025-10-02T08:00:00Z")));
        assertEquals(List.of(newest, middle, older), ids(atom(given(), Map.of("tag", tag))));
        assertEquals(List.of(newest, middle, older), ids(json(given(), Map.of("tag", tag))));
    }

    @Test
    void carriesOnlyPublishedItemsAlsoForATokenHolder() {
        String tag = unique("Feed");
        String published = id(createNews(dated(tag, "2025-10-01T08:00:00Z")));
        Map<String, Object> draft = dated(tag, "2025-10-02T08:00:00Z");
        draft.remove("status");
        Map<String, Object> scheduled = news(unique("Geplant"));
        scheduled.put("tags", List.of(tag));
        scheduled.put("status", "scheduled");
        scheduled.put("publishAt", Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString());
        Map<String, Object> archived = dated(tag, "2025-10-03T08:00:00Z");
        archived.put("status", "archived");
        for (Map<String, Object> unpublished : List.of(draft, scheduled, archived)) {
            createNews(unpublished);
        }
        Map<String, Supplier<RequestSpecification>> callers = Map.of("anonymous", () -> given(),
                "an editor", () -> editor(), "an admin", () -> admin());
        callers.forEach((who, caller) -> {
            assertEquals(List.of(published), ids(atom(caller.get(), Map.of("tag", tag))), who + ", Atom");
            assertEquals(List.of(published), ids(json(caller.get(), Map.of("tag", tag))), who + ", JSON Feed");
        });
    }

    @Test
    void anAtomEntryCarriesTheItem() {
        String tag = unique("Feed");
        Map<String, Object> member = createMember();
        Map<String, Object> item = createNews(everyField(tag, member));
        Feed feed = atom(given(), Map.of("tag", tag));

        assertEquals("VITAKO", feed.getAuthors().get(0).getName());
        Link self = feed.getOtherLinks().stream().filter(l -> "self".equals(l.getRel())).findFirst().orElseThrow();
        URI selfUri = URI.create(self.getHrefResolved());
        assertEquals(ATOM, selfUri.getPath());
        assertEquals("tag=" + tag, selfUri.getQuery());
        assertEquals(instant(item.get("updatedAt")), feed.getUpdated().toInstant(), "the newest change");

        Entry entry = feed.getEntries().get(0);
        assertEquals("urn:uuid:" + item.get("id"), entry.getId());
        assertEquals(item.get("title"), entry.getTitleEx().getValue());
        assertEquals(instant(item.get("publishedAt")), entry.getPublished().toInstant());
        assertEquals(instant(item.get("updatedAt")), entry.getUpdated().toInstant());
        assertEquals("text", entry.getSummary().getType());
        assertEquals(item.get("teaser"), entry.getSummary().getValue());
        assertEquals("html", entry.getContents().get(0).getType());
        assertEquals(item.get("bodyHtml"), entry.getContents().get(0).getValue());
        assertEquals(item.get("tags"), entry.getCategories().stream().map(Category::getTerm).toList());
        assertEquals(List.of(member.get("name")), entry.getAuthors().stream().map(SyndPerson::getName).toList());
        Link image = entry.getOtherLinks().stream().filter(l -> "enclosure".equals(l.getRel())).findFirst().orElseThrow();
        assertEquals("https://example.org/civitas.jpg", image.getHref());
        assertEquals("image/jpeg", image.getType());
        String link = entry.getAlternateLinks().get(0).getHref();
        assertTrue(URI.create(link).isAbsolute(), link);
        given().get(link).then().statusCode(200).body("id", equalTo(item.get("id")));
    }

    @Test
    void aJsonFeedItemCarriesTheItem() throws IOException {
        String tag = unique("Feed");
        Map<String, Object> member = createMember();
        Map<String, Object> item = createNews(everyField(tag, member));
        JsonNode feed = json(given(), Map.of("tag", tag));

        assertEquals("https://jsonfeed.org/version/1.1", feed.path("version").asText());
        assertEquals("VITAKO", feed.path("authors").path(0).path("name").asText());
        URI self = URI.create(feed.path("feed_url").asText());
        assertTrue(self.isAbsolute(), self.toString());
        assertEquals(JSON, self.getPath());
        assertEquals("tag=" + tag, self.getQuery());

        JsonNode entry = feed.path("items").path(0);
        assertEquals("urn:uuid:" + item.get("id"), entry.path("id").asText());
        assertEquals(item.get("title"), entry.path("title").asText());
        assertEquals(item.get("teaser"), entry.path("summary").asText());
        assertEquals(item.get("bodyHtml"), entry.path("content_html").asText());
        assertTrue(entry.path("content_text").isMissingNode(), "the body is there");
        assertEquals("https://example.org/civitas.jpg", entry.path("image").asText());
        assertEquals(item.get("publishedAt"), entry.path("date_published").asText());
        assertEquals(item.get("updatedAt"), entry.path("date_modified").asText());
        assertEquals(item.get("tags"), new ObjectMapper().convertValue(entry.path("tags"), List.class));
        assertEquals(member.get("name"), entry.path("authors").path(0).path("name").asText());
        String url = entry.path("url").asText();
        assertTrue(URI.create(url).isAbsolute(), url);
        given().get(url).then().statusCode(200).body("id", equalTo(item.get("id")));
        given().get(entry.path("authors").path(0).path("url").asText()).then().statusCode(200).body("id", equalTo(member.get("id")));
    }

    @Test
    void anItemWithoutBodyHasPlainTextContentInTheJsonFeed() {
        String tag = unique("Feed");
        Map<String, Object> body = dated(tag, "2025-10-01T08:00:00Z");
        body.remove("body");
        Map<String, Object> item = createNews(body);
        JsonNode entry = json(given(), Map.of("tag", tag)).path("items").path(0);
        assertTrue(entry.path("content_html").isMissingNode(), entry.toString());
        assertEquals(item.get("teaser"), entry.path("content_text").asText());
        assertTrue(atom(given(), Map.of("tag", tag)).getEntries().get(0).getContents().isEmpty());
    }

    @Test
    void aTitleWithMarkupIsText() {
        String tag = unique("Feed");
        Map<String, Object> body = dated(tag, "2025-10-01T08:00:00Z");
        body.put("title", "<script>alert(1)</script> & Co");
        createNews(body);
        Entry entry = atom(given(), Map.of("tag", tag)).getEntries().get(0);
        assertTrue(entry.getTitleEx().getType() == null || entry.getTitleEx().getType().equals("text"), "Atom's default: text");
        assertEquals("<script>alert(1)</script> & Co", entry.getTitleEx().getValue());
        assertEquals("<script>alert(1)</script> & Co", json(given(), Map.of("tag", tag)).path("items").path(0).path("title").asText());
    }

    @Test
    void filtersByTagMemberAndStateAsTheListDoes() {
        String tag = unique("Feed");
        Map<String, Object> member = createMember();
        Map<String, Object> saxony = dated(tag, "2025-10-01T08:00:00Z"); // DE-SN
        saxony.put("members", List.of(Map.of("id", member.get("id"))));
        String related = id(createNews(saxony));
        Map<String, Object> bavaria = dated(tag, "2025-10-02T08:00:00Z");
        bavaria.put("region", Map.of("state", "DE-BY", "place", "München"));
        String other = id(createNews(bavaria));

        assertEquals(List.of(other, related), ids(atom(given(), Map.of("tag", tag))));
        assertEquals(List.of(related), ids(atom(given(), Map.of("member", member.get("slug").toString()))));
        assertEquals(List.of(related), ids(json(given(), Map.of("member", member.get("id").toString()))));
        assertEquals(List.of(other), ids(atom(given(), Map.of("tag", tag, "state", "DE-BY"))));
        assertEquals(List.of(other), ids(json(given(), Map.of("tag", tag, "state", "DE-BY"))));
        assertEquals(List.of(), ids(atom(given(), Map.of("tag", tag, "member", unique("niemand").replace(' ', '-')))));
    }

    @Test
    void carriesAtMostTheConfiguredNumberOfItems() {
        String tag = unique("Feed");
        int size = config.feed().size();
        List<String> newestFirst = new ArrayList<>();
        Instant day = Instant.parse("2025-01-01T08:00:00Z");
        for (int i = 0; i <= size; i++) {
            Map<String, Object> body = news(unique("Meldung"));
            body.put("tags", List.of(tag));
            body.put("publishedAt", day.plus(i, ChronoUnit.DAYS).toString());
            newestFirst.add(0, id(createNews(body)));
        }
        List<String> expected = newestFirst.subList(0, size);
        assertEquals(expected, ids(atom(given(), Map.of("tag", tag))));
        assertEquals(expected, ids(json(given(), Map.of("tag", tag))));
    }

    @Test
    void answersOtherParametersWithA400Problem() {
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("limit", "5");
        refused.put("cursor", "abc");
        refused.put("sort", "title");
        refused.put("status", "published");
        refused.put("issue", "20");
        refused.put("utm_source", "newsletter");
        for (String path : List.of(ATOM, JSON)) {
            refused.forEach((name, value) -> given().queryParam(name, value).get(path).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("Unknown query parameter '" + name + "'. Allowed: member, state, tag.")));
            editor().queryParam("status", "draft").get(path).then().statusCode(400).contentType("application/problem+json");
            given().queryParam("tag", "a").queryParam("tag", "b").get(path).then().statusCode(400)
                    .body("detail", equalTo("Query parameter 'tag' is given more than once."));
        }
    }

    @Test
    void answersAConditionalGetWith304AndRepeatedReadsFromTheCache() {
        String tag = unique("Feed");
        createNews(dated(tag, "2025-10-01T08:00:00Z"));
        for (String path : List.of(ATOM, JSON)) {
            Response first = given().queryParam("tag", tag).get(path);
            first.then().statusCode(200).header("ETag", notNullValue()).header("Cache-Control", equalTo("public, max-age=60"));
            String etag = first.header("ETag");
            given().queryParam("tag", tag).header("If-None-Match", etag).get(path).then().statusCode(304);
            admin().queryParam("tag", tag).get(path).then().statusCode(200).header("ETag", equalTo(etag))
                    .header("Cache-Control", equalTo("private, no-cache"));

            var statistics = sessionFactory.getStatistics();
            long deadline = System.currentTimeMillis() + 5000;
            long statements;
            Response cached;
            do { // until the notification of the item's creation has come and gone
                given().queryParam("tag", tag).get(path).then().statusCode(200);
                statistics.clear();
                cached = given().queryParam("tag", tag).get(path);
                statements = statistics.getPrepareStatementCount();
            } while (statements > 0 && System.currentTimeMillis() < deadline && sleep());
            assertEquals(0, statements, path + ": served from the cache");
            cached.then().statusCode(200).header("ETag", equalTo(etag)).header("Content-Type", equalTo(first.contentType()));
            given().queryParam("tag", tag).header("If-None-Match", etag).get(path).then().statusCode(304);
        }
    }

    @Test
    void aDraftAppearsOnceItIsPublished() {
        String tag = unique("Feed");
        Map<String, Object> body = dated(tag, "2025-10-01T08:00:00Z");
        body.remove("status");
        Map<String, Object> draft = createNews(body);
        for (int i = 0; i < 2; i++) { // the second answer may come from the cache
            assertEquals(List.of(), ids(atom(given(), Map.of("tag", tag))));
            assertEquals(List.of(), ids(json(given(), Map.of("tag", tag))));
        }
        admin().contentType(MERGE_PATCH).body("{\"status\":\"published\"}").patch("/v1/news/" + draft.get("id")).then().statusCode(200);
        assertEquals(List.of(id(draft)), ids(atom(given(), Map.of("tag", tag))));
        assertEquals(List.of(id(draft)), ids(json(given(), Map.of("tag", tag))));
    }

    @Test
    void theFeedsAreNotNewsItemsAndSayTheirMediaType() {
        given().get(ATOM).then().statusCode(200).header("Content-Type", equalTo("application/atom+xml;charset=utf-8"));
        given().get(JSON).then().statusCode(200).header("Content-Type", equalTo("application/feed+json;charset=utf-8"));
        given().accept(ContentType.JSON).get(ATOM).then().statusCode(406).contentType("application/problem+json");
        // other methods reach the news items, of which none can have such a slug
        admin().delete(ATOM).then().statusCode(404).contentType("application/problem+json");
        // the newest items of all, as the news list shows them
        List<String> listed = given().queryParam("limit", config.feed().size()).get("/v1/news").then().statusCode(200)
                .extract().jsonPath().getList("items.id", String.class);
        assertEquals(listed.stream().map(id -> "urn:uuid:" + id).toList(), ids(atom(given(), Map.of())));
    }

    // --- helpers -------------------------------------------------------------------------------

    /** A published news item with this tag, published at this moment. */
    private static Map<String, Object> dated(String tag, String publishedAt) {
        Map<String, Object> body = news(unique("Meldung"));
        body.put("tags", List.of(tag));
        body.put("publishedAt", publishedAt);
        return body;
    }

    private static Map<String, Object> everyField(String tag, Map<String, Object> member) {
        Map<String, Object> body = dated(tag, "2025-11-12T08:00:00Z");
        body.put("title", unique("regio iT engagiert sich für Open Source"));
        body.put("tags", List.of(tag, "Open Source"));
        body.put("image", Map.of("url", "https://example.org/civitas.jpg", "alt", "Dieter Ludwigs, Ralf Leufkes und Peter Zink",
                "credit", "Urheberrecht: regio iT"));
        body.put("members", List.of(Map.of("id", member.get("id"))));
        return body;
    }

    private static String id(Map<String, Object> created) {
        return "urn:uuid:" + created.get("id");
    }

    private static Feed atom(RequestSpecification request, Map<String, String> query) {
        Response response = request.queryParams(query).get(ATOM);
        response.then().statusCode(200).contentType("application/atom+xml");
        try {
            return (Feed) new WireFeedInput().build(new XmlReader(new ByteArrayInputStream(response.asByteArray())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FeedException e) {
            throw new AssertionError("not an Atom feed: " + response.asString(), e);
        }
    }

    private static JsonNode json(RequestSpecification request, Map<String, String> query) {
        Response response = request.queryParams(query).get(JSON);
        response.then().statusCode(200).contentType("application/feed+json");
        try {
            return new ObjectMapper().readTree(response.asByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> ids(Feed feed) {
        return feed.getEntries().stream().map(Entry::getId).toList();
    }

    private static List<String> ids(JsonNode feed) {
        List<String> ids = new ArrayList<>();
        feed.path("items").forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    /** An instant of the API, as Atom writes it: to the second. */
    private static Instant instant(Object value) {
        return Instant.parse(value.toString()).truncatedTo(ChronoUnit.SECONDS);
    }

    private static boolean sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** Found by the fuzz test: U+FFFE in a stored title or in a filter made the Atom feed a 500, for every reader. */
    @Test
    void aNoncharacterThatXmlCannotHoldIsRefusedSoTheAtomFeedStaysWhole() {
        Map<String, Object> item = news(unique("Ungültig\uFFFE"));
        admin().contentType(ContentType.JSON).body(item).post("/v1/news").then().statusCode(400)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("title"));
        given().urlEncodingEnabled(false).get("/v1/news/feed.atom?tag=a%EF%BF%BE").then().statusCode(400)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("tag"));
        given().urlEncodingEnabled(false).get("/v1/news/feed.atom?member=%EF%BF%BF").then().statusCode(400)
                .contentType("application/problem+json");
        given().get("/v1/news/feed.atom").then().statusCode(200);
    }
}
