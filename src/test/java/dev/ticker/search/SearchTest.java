package dev.ticker.search;

import static dev.ticker.Fixtures.MERGE_PATCH;
import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.editor;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.ticker.Fixtures;
import dev.ticker.list.TextQuery;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * German full-text search, through {@code GET /v1/search} and {@code q} on the lists: inflections,
 * spellings and gender forms find each other, title beats teaser beats body, snippets are safe
 * HTML, no query breaks the service, readers find only what they may see, and ranked results page
 * like any list.
 */
@QuarkusTest
class SearchTest {

    private static final String PROBLEM = "application/problem+json";
    /** The title of a news item of the demo content (newsletter Nr. 20), whose body has "Bürger:innen" and "Kommunen". */
    private static final String HAGEN = "Hagen führt elektronische Wohnsitzanmeldung ein";
    private static final Pattern MARKED = Pattern.compile("<mark>(.*?)</mark>");
    /** Letters the made-up marker words are built from: consonants, which the German stemmer leaves alone. */
    private static final String LETTERS = "bcdfghjklmnpqrtvwxz";

    /** The four types with a workflow status, each with the body of an item titled with a marker. */
    enum Workflow {
        NEWS("/v1/news", "news") {
            @Override
            Map<String, Object> body(String marker) {
                return news(marker + " Meldung", "Ohne Besonderheiten.", "Nichts weiter.");
            }
        },
        ISSUES("/v1/issues", "issues") {
            @Override
            Map<String, Object> body(String marker) {
                Map<String, Object> issue = Fixtures.issue(Fixtures.freeIssueNumber());
                issue.put("title", "Branchenticker " + marker);
                return issue;
            }
        },
        EVENTS("/v1/events", "events") {
            @Override
            Map<String, Object> body(String marker) {
                return Fixtures.event(marker + " Fachtag");
            }
        },
        JOBS("/v1/jobs", "jobs") {
            @Override
            Map<String, Object> body(String marker) {
                return Fixtures.job(marker + " Referentin");
            }
        };

        final String path;
        final String type;

        Workflow(String path, String type) {
            this.path = path;
            this.type = type;
        }

        abstract Map<String, Object> body(String marker);

        /** Creates an item in the given status (archived: published first, then archived) and answers its id. */
        String create(String marker, String status) {
            Map<String, Object> body = new HashMap<>(body(marker));
            body.put("status", status.equals("archived") ? "published" : status);
            if (status.equals("scheduled")) {
                body.put("publishAt", Instant.now().plusSeconds(86_400 * 365).truncatedTo(ChronoUnit.SECONDS).toString());
            }
            String id = (String) Fixtures.create(path, body).get("id");
            if (status.equals("archived")) {
                editor().contentType(MERGE_PATCH).body(Map.of("status", "archived")).patch(path + "/" + id)
                        .then().statusCode(200).body("status", equalTo("archived"));
            }
            return id;
        }
    }

    // --- German ----------------------------------------------------------------------------------

    @Test
    void kommuneFindsKommunen() {
        String marker = marker();
        String plural = createNews(news(unique("Meldung"), "Zwölf Kommunen und " + marker + " machen mit.", "Nichts weiter."));
        createNews(news(unique("Meldung"), "Eine Stadt und " + marker + " machen mit.", "Nichts weiter."));
        // the trailing space: no type-ahead, the stem alone finds the plural
        assertEquals(List.of(plural), hitIds(marker + " Kommune "));
        assertEquals(List.of(plural), listIds(RestAssured::given, "/v1/news", marker + " Kommune "));
        assertEquals(List.of(plural), hitIds("Kommune " + marker));
    }

    @Test
    void buergerFindsEveryGenderForm() {
        String marker = marker();
        Set<String> forms = new HashSet<>();
        for (String form : List.of("Bürgerinnen", "Bürger:innen", "Bürger*innen", "Bürger_innen", "BürgerInnen", "Bürgerin",
                "Bürger/-innen")) {
            forms.add(createNews(news(unique("Meldung"), "Für " + form + " von " + marker + ".", "Nichts weiter.")));
        }
        createNews(news(unique("Meldung"), "Für Unternehmen von " + marker + ".", "Nichts weiter."));
        for (String q : List.of(marker + " Bürger ", "Bürger " + marker, marker + " Bürger:innen ", marker + " BürgerInnen ",
                marker + " Bürger_innen ", marker + " Bürger*innen ")) {
            assertEquals(forms, Set.copyOf(hitIds(q)), q);
            assertEquals(forms, Set.copyOf(listIds(RestAssured::given, "/v1/news", q)), q);
        }
    }

    @Test
    void umlautsAndTransliterationsFindEachOther() {
        String marker = marker();
        String buerger = createNews(news(unique("Meldung"), "Service für Bürger in " + marker + ".", "Nichts weiter."));
        String transliterated = createNews(news(unique("Meldung"), "Service für Buerger in " + marker + ".", "Nichts weiter."));
        String staedte = createNews(news(unique("Meldung"), "Die Städte rund um " + marker + ".", "Nichts weiter."));
        String staedteTransliterated = createNews(news(unique("Meldung"), "Die Staedte rund um " + marker + ".",
                "Nichts weiter."));
        assertEquals(Set.of(buerger, transliterated), Set.copyOf(hitIds(marker + " Buerger ")));
        assertEquals(Set.of(buerger, transliterated), Set.copyOf(hitIds(marker + " Bürger ")));
        assertEquals(Set.of(staedte, staedteTransliterated), Set.copyOf(hitIds(marker + " Städte ")));
        assertEquals(Set.of(staedte, staedteTransliterated), Set.copyOf(hitIds(marker + " Staedte ")));
        assertEquals(Set.of(staedte, staedteTransliterated),
                Set.copyOf(listIds(RestAssured::given, "/v1/news", marker + " Staedte ")));
    }

    @Test
    void wohnsitzanmeldungFindsTheDemoItemWithItsMatchesMarked() {
        Map<String, Object> hagen = hitTitled(hits(RestAssured::given, "q=Wohnsitzanmeldung&types=news&limit=100"), HAGEN);
        assertEquals("news", hagen.get("type"));
        assertEquals("hagen-fuehrt-elektronische-wohnsitzanmeldung-ein", hagen.get("slug"));
        assertTrue(((Number) hagen.get("rank")).floatValue() > 0, "a real match: " + hagen);
        assertThat((String) hagen.get("snippet"), "<mark>Wohnsitzanmeldung</mark>");
        assertTrue(listIds(RestAssured::given, "/v1/news", "Wohnsitzanmeldung").contains(hagen.get("id")));
    }

    @Test
    void theDemoItemIsFoundByGenderFormsAndInflections() {
        // its body: "… können Bürger:innen nun ihren Wohnsitz online an- oder ummelden …"
        for (String q : List.of("Bürgerinnen Hagen", "Buerger Hagen", "Kommune Hagen", "Hagen Bürger:innen",
                "Hagen Wohnsitzanmeldung ")) {
            List<Map<String, Object>> found = hits(RestAssured::given, "q=" + encode(q) + "&types=news&limit=100");
            hitTitled(found, HAGEN);
        }
    }

    @Test
    void aWordBeingTypedFindsLongerWordsUntilASpaceEndsIt() {
        String marker = marker();
        String digital = createNews(news(unique("Meldung"), "Ohne Besonderheiten.", "Die Digitalisierung in " + marker + "."));
        assertEquals(List.of(digital), hitIds(marker + " Digitalis"));
        assertEquals(List.of(digital), listIds(RestAssured::given, "/v1/news", marker + " Digitalis"));
        assertEquals(List.of(), hitIds(marker + " Digitalis "));
        assertEquals(List.of(), listIds(RestAssured::given, "/v1/news", marker + " Digitalis "));
        // only the last word is typed ahead
        assertEquals(List.of(), hitIds("Digitalis " + marker));
        // a star makes any word a prefix
        assertEquals(List.of(digital), hitIds("Digitalis* " + marker));
        assertEquals(List.of(digital), hitIds(marker.substring(0, 10) + "* "));
    }

    @Test
    void aWordBeingTypedFindsLongerWordsInEitherSpelling() {
        String marker = marker();
        String umlaut = createNews(news(unique("Meldung"), "Die Bürgermeisterin von " + marker + ".", "Nichts weiter."));
        String transliterated = createNews(news(unique("Meldung"), "Der Buergermeister von " + marker + ".", "Nichts weiter."));
        assertTrue(hitIds(marker + " Bürgermeis").contains(umlaut), "the spelling typed");
        assertTrue(hitIds(marker + " Buergermeis").contains(transliterated), "the spelling typed");
        // typed without umlauts (a keyboard without them), or with them: both spellings, as for whole words
        assertAll(() -> assertEquals(Set.of(umlaut, transliterated), Set.copyOf(hitIds(marker + " Buergermeis")), "Buergermeis"),
                () -> assertEquals(Set.of(umlaut, transliterated), Set.copyOf(hitIds(marker + " Bürgermeis")), "Bürgermeis"),
                () -> assertEquals(Set.of(umlaut, transliterated), Set.copyOf(hitIds(marker + " Buergermeister ")), "whole word"));
        assertEquals(Set.of(umlaut, transliterated), Set.copyOf(listIds(RestAssured::given, "/v1/news", marker + " Buergermeis")));
    }

    @Test
    void aPartOfACompoundInATitleFindsItBelowRealMatches() {
        String marker = marker();
        String real = createNews(news(marker + " Meldung", "Ohne Besonderheiten.", "Die Anmeldung ist offen."));
        List<Map<String, Object>> found = allHits(RestAssured::given, "q=Anmeldung&types=news");
        Map<String, Object> hagen = hitTitled(found, HAGEN);
        Map<String, Object> mine = found.stream().filter(hit -> real.equals(hit.get("id"))).findFirst().orElseThrow();
        assertEquals(0f, ((Number) hagen.get("rank")).floatValue(), "found only inside its title: " + hagen);
        assertTrue(((Number) mine.get("rank")).floatValue() > 0, "a real match: " + mine);
        assertTrue(found.indexOf(mine) < found.indexOf(hagen), "real matches first");
        assertTrue(allListIds(RestAssured::given, "/v1/news", "q=Anmeldung").contains(hagen.get("id")));
        // a query of several words looks inside no titles
        assertFalse(ids(allHits(RestAssured::given, "q=Anmeldung%20Hagen&types=news")).contains(hagen.get("id")));
    }

    // --- operators -------------------------------------------------------------------------------

    @Test
    void phrasesExclusionsAndOrWorkAsInAWebSearchBox() {
        String marker = marker();
        String other = marker();
        String phrase = createNews(news(unique("Meldung"), "Die digitale Verwaltung in " + marker + ".", "Nichts weiter."));
        String reversed = createNews(news(unique("Meldung"), "Die Verwaltung, digitale Akten in " + marker + ".",
                "Nichts weiter."));
        String neither = createNews(news(unique("Meldung"), "Ein Rathaus in " + marker + ".", "Nichts weiter."));
        String second = createNews(news(unique("Meldung"), "Ein Rathaus in " + other + ".", "Nichts weiter."));
        assertEquals(List.of(phrase), hitIds(marker + " \"digitale Verwaltung\""));
        assertEquals(Set.of(phrase, reversed), Set.copyOf(hitIds(marker + " digitale Verwaltung ")));
        assertEquals(Set.of(reversed, neither), Set.copyOf(hitIds(marker + " -\"digitale Verwaltung\"")));
        assertEquals(List.of(neither), hitIds(marker + " -Verwaltung"));
        assertEquals(Set.of(phrase, reversed, neither, second), Set.copyOf(hitIds(marker + " or " + other)));
        assertEquals(Set.of(neither, second), Set.copyOf(hitIds("Rathaus " + marker + " or " + other)));
        assertEquals(Set.of(reversed, neither),
                Set.copyOf(listIds(RestAssured::given, "/v1/news", marker + " -\"digitale Verwaltung\"")));
    }

    // --- ranking and snippets --------------------------------------------------------------------

    @Test
    void aMatchInTheTitleRanksAboveTheTeaserAboveTheBody() {
        String marker = marker();
        String inBody = createNews(news(unique("Meldung"), "Ohne Besonderheiten.", "Ein Text über " + marker + "."));
        String inTitle = createNews(news(marker + " Meldung", "Ohne Besonderheiten.", "Ein Text über nichts."));
        String inTeaser = createNews(news(unique("Meldung"), "Kurz zu " + marker + ".", "Ein Text über nichts."));
        List<Map<String, Object>> found = hits(RestAssured::given, "q=" + marker);
        assertEquals(List.of(inTitle, inTeaser, inBody), ids(found));
        float title = ((Number) found.get(0).get("rank")).floatValue();
        float teaser = ((Number) found.get(1).get("rank")).floatValue();
        float body = ((Number) found.get(2).get("rank")).floatValue();
        assertTrue(title > teaser && teaser > body && body > 0,
                "ranks strictly decreasing: " + title + ", " + teaser + ", " + body);
        assertEquals(List.of(inTitle, inTeaser, inBody), listIds(RestAssured::given, "/v1/news", marker));
        // a place (other text) ranks below the body
        Map<String, Object> placed = news(unique("Meldung"), "Ohne Besonderheiten.", "Ein Text über nichts.");
        placed.put("region", Map.of("state", "DE-SN", "place", marker));
        String inPlace = createNews(placed);
        assertEquals(List.of(inTitle, inTeaser, inBody, inPlace), hitIds(marker));
    }

    @Test
    void aSnippetIsEscapedHtmlWithOnlyTheMatchesMarked() {
        String marker = marker();
        String text = "Vorher <b>fett</b> & \"Zitat\" 'x' 3 < 4 > 2 " + marker
                + " danach & <i>mehr</i> <script>alert(1)</script>";
        Map<String, Object> member = Fixtures.member(unique("Zweckverband"));
        member.put("description", text);
        String memberId = (String) Fixtures.createMember(member).get("id");
        String newsId = createNews(news("Titelwort " + marker, text, "Nichts weiter."));
        List<Map<String, Object>> found = hits(RestAssured::given, "q=" + marker);
        assertEquals(Set.of(memberId, newsId), Set.copyOf(ids(found)));
        for (Map<String, Object> hit : found) {
            String snippet = (String) hit.get("snippet");
            assertThat(snippet, "<mark>" + marker + "</mark>");
            Matcher marked = MARKED.matcher(snippet);
            while (marked.find()) {
                assertEquals(marker, marked.group(1), "only the match is marked: " + snippet);
            }
            String rest = snippet.replace("<mark>", "").replace("</mark>", "");
            assertFalse(rest.contains("<") || rest.contains(">") || rest.contains("\"") || rest.contains("'"),
                    "everything else escaped: " + snippet);
            assertTrue(rest.replaceAll("&(amp|lt|gt|quot|#39);", "").indexOf('&') < 0, "every & escaped: " + snippet);
            assertThat(snippet, "&amp;");
            assertThat(snippet, "&quot;Zitat&quot;");
            assertThat(snippet, "&#39;x&#39;");
            assertFalse(snippet.contains("Titelwort"), "the title is not part of the snippet: " + snippet);
        }
    }

    @Test
    void markdownIsSearchedAndShownAsItsText() {
        String marker = marker();
        String hidden = marker();
        String id = createNews(news(unique("Meldung"), "Ohne Besonderheiten.",
                "## Neu\n\nDie **" + marker + "** im [Serviceportal](https://example.org/" + hidden + ") und `Code`."));
        List<Map<String, Object>> found = hits(RestAssured::given, "q=" + marker);
        assertEquals(List.of(id), ids(found));
        String snippet = (String) found.get(0).get("snippet");
        assertThat(snippet, "<mark>" + marker + "</mark> im Serviceportal");
        assertFalse(snippet.contains("**") || snippet.contains("](") || snippet.contains("##") || snippet.contains("`"), snippet);
        assertEquals(List.of(id), hitIds(marker + " Serviceportal "));
        assertEquals(List.of(), hitIds(hidden), "a link's address is not text");
    }

    // --- hostile and overlong queries ------------------------------------------------------------

    @Test
    void noQueryBreaksTheServiceOrChangesAnything() {
        String marker = marker();
        String id = createNews(news(marker + " Meldung", "Ohne Besonderheiten.", "Nichts weiter."));
        List<String> queries = List.of("'", "\"", "\\", "a\\b", "'Bürger'", "\"unbalanced phrase", "a\"b\"c\"d", ":*", "a:*b",
                "a:A", "a & b | c", "!a", "a <-> b", "((a | b) & !c", "<script>alert(1)</script>", "x'); drop table news; --",
                "' or 1=1 --", "$$; select pg_sleep(10); $$", "a%b_c", "%", "_", "/* a */", "Bürger:*innen", "E--Akte", "-\"",
                "'&|!", "-", "***", "\"\"", "or", "日本語", "a\u00a0b", "die der das", "-Verwaltung", "%anmeldung_",
                "Wohnsitz\\anmeldung");
        for (String q : queries) {
            boolean words = q.codePoints().anyMatch(Character::isLetterOrDigit) && !q.strip().equalsIgnoreCase("or");
            for (Response response : List.of(given().queryParam("q", q).queryParam("limit", 1).get("/v1/search"),
                    editor().queryParam("q", q).queryParam("limit", 1).get("/v1/news"))) {
                assertTrue(response.statusCode() < 500, q + ": " + response.statusCode() + " " + response.asString());
                assertEquals(words ? 200 : 400, response.statusCode(), q + ": " + response.asString());
            }
            // with the marker: at most the item itself (unless an "or" accepts other words instead)
            List<String> found = given().queryParam("q", marker + " " + q).get("/v1/search").then().statusCode(200).extract()
                    .jsonPath().getList("items.id", String.class);
            assertTrue(List.of(id).containsAll(found) || q.matches("(?i).*\\bor\\b.*"), q + ": " + found);
        }
        assertEquals(List.of(id), hitIds(marker));
        given().get("/v1/news/" + id).then().statusCode(200).body("title", equalTo(marker + " Meldung"));
        hitTitled(hits(RestAssured::given, "q=Wohnsitzanmeldung&types=news&limit=100"), HAGEN);
    }

    @Test
    void aQueryOfMoreThan200CharactersIsA400() {
        String marker = marker();
        String id = createNews(news(marker + " Meldung", "Ohne Besonderheiten.", "Nichts weiter."));
        String longest = marker + " " + "x".repeat(198 - marker.length()) + " ";
        assertEquals(200, longest.length());
        assertEquals(List.of(), hitIds(longest));
        String fine = marker + " " + "ü".repeat(198 - marker.length()) + " ";
        given().queryParam("q", fine).get("/v1/search").then().statusCode(200);
        for (String q : List.of(longest + "x", marker + " " + "ü".repeat(200), "x".repeat(3000))) {
            for (String path : List.of("/v1/search", "/v1/news", "/v1/issues", "/v1/events", "/v1/jobs", "/v1/members")) {
                given().queryParam("q", q).get(path).then().statusCode(400).contentType(PROBLEM)
                        .body("detail", containsString("200"));
            }
        }
        // 10 KB do not even fit the URL the HTTP layer takes (4096 bytes): 414, as the contract declares
        given().queryParam("q", "x".repeat(10_240)).get("/v1/search").then().statusCode(414);
        given().queryParam("q", "x".repeat(10_240)).get("/v1/news").then().statusCode(414);
        assertEquals(List.of(id), hitIds(marker));
    }

    @Test
    void aQueryOfMoreThan16WordsIsA400() {
        String marker = marker();
        String words = "qa qb qc qd qf qg qh qj qk ql qm qn qp qr qt";
        String id = createNews(news(marker + " Meldung", "Ohne Besonderheiten.", "Wörter: " + words + " qv."));
        assertEquals(List.of(id), hitIds(marker + " " + words));
        assertEquals(List.of(id), listIds(RestAssured::given, "/v1/news", marker + " " + words));
        for (String q : List.of(marker + " " + words + " qv", "\"qa qb\" ".repeat(17),
                marker + " -" + words.replace(" ", " -") + " -qz")) {
            given().queryParam("q", q).get("/v1/search").then().statusCode(400).contentType(PROBLEM)
                    .body("detail", containsString("16"));
            given().queryParam("q", q).get("/v1/news").then().statusCode(400).contentType(PROBLEM);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v1/search", "/v1/news", "/v1/issues", "/v1/events", "/v1/jobs", "/v1/members" })
    void aBlankOrWordlessQueryIsA400(String path) {
        for (String q : List.of("", " ", "   ", "'&|!", "-", "\"\"", "*")) {
            given().queryParam("q", q).get(path).then().statusCode(400).contentType(PROBLEM);
        }
        given().queryParam("q", "a\u0001b").get(path).then().statusCode(400).contentType(PROBLEM);
    }

    // --- visibility ------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Workflow.class)
    void readersWithoutATokenFindOnlyPublishedItems(Workflow type) {
        String marker = marker();
        Map<String, String> ids = new LinkedHashMap<>();
        for (String status : List.of("draft", "scheduled", "archived", "published")) {
            ids.put(status, type.create(marker, status));
        }
        Set<String> all = Set.copyOf(ids.values());
        assertEquals(List.of(ids.get("published")), hitIds(marker));
        assertEquals(List.of(ids.get("published")), listIds(RestAssured::given, type.path, marker));
        JsonPath anonymous = given().queryParam("q", marker).get("/v1/search").then().statusCode(200).extract().jsonPath();
        assertEquals(1, anonymous.getInt("page.total"), "the total counts nothing hidden");
        assertEquals(type.type, anonymous.getString("items[0].type"));

        JsonPath withToken = editor().queryParam("q", marker).get("/v1/search").then().statusCode(200)
                .header("Cache-Control", containsString("private")).extract().jsonPath();
        assertEquals(all, Set.copyOf(withToken.getList("items.id", String.class)));
        assertEquals(4, withToken.getInt("page.total"));
        assertEquals(all, Set.copyOf(listIds(Fixtures::editor, type.path, marker)));
        assertEquals(Set.of(ids.get("draft"), ids.get("scheduled")),
                Set.copyOf(allListIds(Fixtures::editor, type.path, "q=" + marker + "&status=draft,scheduled")));
    }

    @Test
    void anExpiredJobPostingIsNotFound() {
        String marker = marker();
        Map<String, Object> expired = Fixtures.job(marker + " Sachbearbeiter");
        expired.put("validThrough", LocalDate.now(ZoneId.of("Europe/Berlin")).minusDays(1).toString());
        String expiredId = (String) Fixtures.createJob(expired).get("id");
        Map<String, Object> lastDay = Fixtures.job(marker + " Sachbearbeiterin");
        lastDay.put("validThrough", LocalDate.now(ZoneId.of("Europe/Berlin")).toString());
        String lastDayId = (String) Fixtures.createJob(lastDay).get("id");

        assertEquals(List.of(lastDayId), hitIds(marker));
        assertEquals(List.of(lastDayId), ids(hits(Fixtures::editor, "q=" + marker)));
        assertEquals(List.of(lastDayId), listIds(RestAssured::given, "/v1/jobs", marker));
        assertEquals(List.of(lastDayId), listIds(Fixtures::editor, "/v1/jobs", marker));
        assertEquals(Set.of(expiredId, lastDayId),
                Set.copyOf(allListIds(Fixtures::editor, "/v1/jobs", "q=" + marker + "&includeExpired=true")));
        given().queryParam("q", marker).queryParam("includeExpired", true).get("/v1/jobs").then().statusCode(401);

        // a later last day brings it back at once
        editor().contentType(MERGE_PATCH).body(Map.of("validThrough", "2099-12-31")).patch("/v1/jobs/" + expiredId)
                .then().statusCode(200);
        assertEquals(Set.of(expiredId, lastDayId), Set.copyOf(hitIds(marker)));
    }

    @Test
    void whatReadersMayNotSeeIsNotFoundInsideTitlesEither() {
        String part = marker().toLowerCase(Locale.ROOT);
        // one word each, with the query inside: found only by the title's compound part
        Map<String, Object> draft = news("Vorab" + part + "plan", "Ohne Besonderheiten.", "Nichts weiter.");
        draft.put("status", "draft");
        String draftId = createNews(draft);
        Map<String, Object> expired = Fixtures.job("Vorab" + part + "stelle");
        expired.put("validThrough", LocalDate.now(ZoneId.of("Europe/Berlin")).minusDays(1).toString());
        String expiredId = (String) Fixtures.createJob(expired).get("id");
        String published = createNews(news("Nach" + part + "plan", "Ohne Besonderheiten.", "Nichts weiter."));

        assertEquals(List.of(published), hitIds(part));
        assertEquals(List.of(published), listIds(RestAssured::given, "/v1/news", part));
        assertEquals(List.of(), listIds(RestAssured::given, "/v1/jobs", part));
        assertEquals(Set.of(published, draftId), Set.copyOf(ids(hits(Fixtures::editor, "q=" + part))));
        assertEquals(Set.of(published, draftId), Set.copyOf(listIds(Fixtures::editor, "/v1/news", part)));
        assertEquals(List.of(), listIds(Fixtures::editor, "/v1/jobs", part));
        assertEquals(List.of(expiredId), allListIds(Fixtures::editor, "/v1/jobs", "q=" + part + "&includeExpired=true"));
        assertEquals(0f, ((Number) hits(RestAssured::given, "q=" + part).get(0).get("rank")).floatValue());
    }

    @Test
    void publishingMakesAnItemFindableAtOnce() {
        String marker = marker();
        Map<String, Object> body = news(marker + " Meldung", "Ohne Besonderheiten.", "Nichts weiter.");
        body.put("status", "draft");
        String id = createNews(body);
        assertEquals(List.of(), hitIds(marker));
        assertEquals(List.of(), listIds(RestAssured::given, "/v1/news", marker));
        editor().contentType(MERGE_PATCH).body(Map.of("status", "published")).patch("/v1/news/" + id).then().statusCode(200);
        assertEquals(List.of(id), hitIds(marker));
        assertEquals(List.of(id), listIds(RestAssured::given, "/v1/news", marker));
        editor().contentType(MERGE_PATCH).body(Map.of("status", "archived")).patch("/v1/news/" + id).then().statusCode(200);
        assertEquals(List.of(), hitIds(marker));
    }

    @Test
    void aDeletedItemIsNoLongerFound() {
        String marker = marker();
        String news = createNews(news(marker + " Meldung", "Ohne Besonderheiten.", "Nichts weiter."));
        Map<String, Object> member = Fixtures.member(marker + " Zweckverband");
        String memberId = (String) Fixtures.createMember(member).get("id");
        assertEquals(Set.of(news, memberId), Set.copyOf(hitIds(marker)));
        admin().delete("/v1/news/" + news).then().statusCode(204);
        admin().delete("/v1/members/" + memberId).then().statusCode(204);
        assertEquals(List.of(), hitIds(marker));
        assertEquals(List.of(), ids(hits(Fixtures::editor, "q=" + marker)));
        assertEquals(List.of(), listIds(Fixtures::editor, "/v1/news", marker));
        assertEquals(List.of(), listIds(RestAssured::given, "/v1/members", marker));
    }

    @Test
    void aChangedTitleIsFoundByItsNewWordsAtOnce() {
        String before = marker();
        String after = marker();
        String id = createNews(news(before + " Meldung", "Ohne Besonderheiten.", "Nichts weiter."));
        Map<String, Object> member = Fixtures.member(before + " Zweckverband");
        String memberId = (String) Fixtures.createMember(member).get("id");
        assertEquals(Set.of(id, memberId), Set.copyOf(hitIds(before)));
        editor().contentType(MERGE_PATCH).body(Map.of("title", after + " Meldung")).patch("/v1/news/" + id).then().statusCode(200);
        editor().contentType(MERGE_PATCH).body(Map.of("name", after + " Zweckverband", "shortName", "ZV"))
                .patch("/v1/members/" + memberId).then().statusCode(200);
        assertEquals(Set.of(id, memberId), Set.copyOf(hitIds(after)));
        assertEquals(List.of(), hitIds(before));
        Map<String, Object> hit = hits(RestAssured::given, "q=" + after).stream().filter(h -> id.equals(h.get("id"))).findFirst()
                .orElseThrow();
        assertEquals(after + " Meldung", hit.get("title"));
        assertEquals(List.of(id), listIds(RestAssured::given, "/v1/news", after));
        assertEquals(List.of(memberId), listIds(RestAssured::given, "/v1/members", after));
    }

    // --- types -----------------------------------------------------------------------------------

    @Test
    void everyTypeIsFoundUnderItsCollectionName() {
        String marker = marker();
        Map<String, String> ids = new HashMap<>();
        ids.put("news", createNews(news(marker + " Meldung", "Ohne Besonderheiten.", "Nichts weiter.")));
        ids.put("issues", Workflow.ISSUES.create(marker, "published"));
        ids.put("events", Workflow.EVENTS.create(marker, "published"));
        ids.put("jobs", Workflow.JOBS.create(marker, "published"));
        ids.put("members", (String) Fixtures.createMember(Fixtures.member(marker + " Zweckverband")).get("id"));
        List<Map<String, Object>> found = hits(RestAssured::given, "q=" + marker);
        assertEquals(5, found.size(), found.toString());
        for (Map<String, Object> hit : found) {
            String type = (String) hit.get("type");
            assertEquals(ids.get(type), hit.get("id"), type);
            String slug = (String) hit.get("slug");
            // the slug reads it from its collection
            given().get("/v1/" + type + "/" + slug).then().statusCode(200).body("id", equalTo(ids.get(type)));
            assertTrue(((String) hit.get("title")).contains(marker), hit.toString());
            assertEquals(List.of(ids.get(type)), listIds(RestAssured::given, "/v1/" + type, marker), type);
        }
        assertEquals(List.of(ids.get("events")), ids(hits(RestAssured::given, "q=" + marker + "&types=events")));
        assertEquals(Set.of(ids.get("news"), ids.get("members")),
                Set.copyOf(ids(hits(RestAssured::given, "q=" + marker + "&types=news,members"))));
        assertEquals(5, hits(RestAssured::given, "q=" + marker + "&types=news,issues,events,jobs,members").size());
    }

    @Test
    void badTypesAreA400() {
        for (String types : List.of("bogus", "news,bogus", "News", "", "news,,events", "job", "member")) {
            given().queryParam("q", "Hagen").queryParam("types", types).get("/v1/search").then().statusCode(400)
                    .contentType(PROBLEM);
        }
    }

    // --- paging ----------------------------------------------------------------------------------

    @Test
    void pagesThroughRankedSearchResultsVisitingEveryHitOnce() {
        String marker = marker();
        Set<String> created = createRanked(marker, 25);
        List<String> seen = new ArrayList<>();
        float previous = Float.MAX_VALUE;
        Set<Float> ranks = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = given().queryParam("q", marker).queryParam("limit", 7);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/search").then().statusCode(200).body("page.total", equalTo(25))
                    .body("page.limit", equalTo(7)).body("page.totalCapped", nullValue()).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            assertEquals(++pages < 4 ? 7 : 4, items.size());
            for (Map<String, Object> hit : items) {
                float rank = ((Number) hit.get("rank")).floatValue();
                assertTrue(rank <= previous, "ranks never rise: " + rank + " after " + previous);
                previous = rank;
                ranks.add(rank);
                seen.add((String) hit.get("id"));
            }
            cursor = page.getString("page.next");
        } while (cursor != null && pages < 10);
        assertEquals(4, pages);
        assertEquals(25, seen.size());
        assertEquals(created, Set.copyOf(seen), "each hit exactly once");
        assertTrue(ranks.size() > 1 && ranks.size() < 25, "different ranks, and ties broken by id: " + ranks);
        // one page of all of them has the same order
        assertEquals(seen, hitIds(marker));
    }

    @Test
    void pagesThroughAListWithQByItsLinksInTheOrderOfTheSearch() {
        String marker = marker();
        Set<String> created = createRanked(marker, 25);
        // quotes, an umlaut, a minus and spaces: the Link of the next page keeps the query as it was
        String q = "„" + marker + "“ -Ärger -\"über & unter\"";
        List<String> ranked = hitIds(q);
        assertEquals(created, Set.copyOf(ranked));
        List<String> seen = new ArrayList<>();
        Response response = given().queryParam("q", q).queryParam("limit", 7).get("/v1/news");
        int pages = 1;
        while (true) {
            JsonPath page = response.then().statusCode(200).body("page.total", equalTo(25)).extract().jsonPath();
            assertNull(page.get("page.totalCapped"));
            seen.addAll(page.getList("items.id", String.class));
            String link = response.header("Link");
            if (page.getString("page.next") == null) {
                assertNull(link, "no Link on the last page");
                break;
            }
            assertNotNull(link, "a next page has a Link");
            assertTrue(pages++ < 10, "the cursors end");
            response = given().urlEncodingEnabled(false).get(link.substring(1, link.indexOf('>')));
        }
        assertEquals(4, pages);
        assertEquals(25, seen.size());
        assertEquals(created, Set.copyOf(seen), "each item exactly once");
        assertEquals(ranked, seen, "ranked like the search");
    }

    @Test
    void onlyTheNewest200MatchesAreRankedAndTheTotalSaysSo() throws Exception {
        String marker = marker();
        String tag = unique("Suchtag").replace(" ", "-");
        Map<String, Object> oldest = news(unique("Meldung"), "Ohne Besonderheiten.", "Ein Text über " + marker + " Altbestand.");
        oldest.put("tags", List.of(tag));
        oldest.put("publishedAt", "2020-01-02T08:00:00Z");
        String oldestId = createNews(oldest);
        Set<String> newer = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> created = new ArrayList<>();
            for (int i = 0; i < TextQuery.WINDOW; i++) {
                int n = i;
                created.add(pool.submit(() -> newer.add(createNews(news(unique("Meldung"), "Ohne Besonderheiten.",
                        "Ein Text über " + (marker + " ").repeat(1 + n % 3))))));
            }
            for (Future<?> future : created) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        JsonPath first = given().queryParam("q", marker).queryParam("limit", 100).get("/v1/search").then().statusCode(200)
                .body("page.total", equalTo(TextQuery.WINDOW)).body("page.totalCapped", equalTo(true)).extract().jsonPath();
        List<String> seen = new ArrayList<>(first.getList("items.id", String.class));
        JsonPath second = given().queryParam("q", marker).queryParam("limit", 100).queryParam("cursor", first.getString("page.next"))
                .get("/v1/search").then().statusCode(200).body("page.totalCapped", equalTo(true)).body("page.next", nullValue())
                .extract().jsonPath();
        seen.addAll(second.getList("items.id", String.class));
        assertEquals(newer, Set.copyOf(seen), "the newest 200, each once; the oldest match is not ranked");
        assertEquals(TextQuery.WINDOW, seen.size());
        given().queryParam("q", marker).get("/v1/news").then().statusCode(200).body("page.total", equalTo(TextQuery.WINDOW))
                .body("page.totalCapped", equalTo(true));
        // a filter or a narrower query reaches the others; an exact total has no totalCapped
        given().queryParam("q", marker).queryParam("tag", tag).get("/v1/news").then().statusCode(200)
                .body("items.id", equalTo(List.of(oldestId))).body("page.total", equalTo(1)).body("page", not(hasKey("totalCapped")));
        given().queryParam("q", marker + " Altbestand").get("/v1/search").then().statusCode(200)
                .body("items.id", equalTo(List.of(oldestId))).body("page.total", equalTo(1)).body("page", not(hasKey("totalCapped")));
    }

    @Test
    void aCursorOnlyWorksWithTheKindOfListItCameFrom() {
        String marker = marker();
        String tag = unique("Suchtag").replace(" ", "-");
        for (int i = 0; i < 3; i++) {
            Map<String, Object> body = news(marker + " Meldung " + i, "Ohne Besonderheiten.", "Nichts weiter.");
            body.put("tags", List.of(tag));
            createNews(body);
        }
        String ranked = given().queryParam("q", marker).queryParam("limit", 1).get("/v1/news").then().statusCode(200)
                .extract().jsonPath().getString("page.next");
        String sorted = given().queryParam("tag", tag).queryParam("limit", 1).get("/v1/news").then().statusCode(200)
                .extract().jsonPath().getString("page.next");
        String searched = given().queryParam("q", marker).queryParam("limit", 1).get("/v1/search").then().statusCode(200)
                .extract().jsonPath().getString("page.next");
        assertNotNull(ranked);
        assertNotNull(sorted);
        assertNotNull(searched);
        // a cursor of a search used without q, and the other way round
        given().queryParam("tag", tag).queryParam("cursor", ranked).get("/v1/news").then().statusCode(400).contentType(PROBLEM);
        given().queryParam("tag", tag).queryParam("cursor", searched).get("/v1/news").then().statusCode(400).contentType(PROBLEM);
        given().queryParam("q", marker).queryParam("cursor", sorted).get("/v1/news").then().statusCode(400).contentType(PROBLEM);
        given().queryParam("q", marker).queryParam("cursor", sorted).get("/v1/search").then().statusCode(400).contentType(PROBLEM);
        // the cursor of one search goes on with the same q
        given().queryParam("q", marker).queryParam("cursor", ranked).queryParam("limit", 1).get("/v1/news").then().statusCode(200)
                .body("items.size()", equalTo(1));
        for (String bad : List.of("x", "bm90IGpzb24", "WyJyYW5rIiwiTmFOIiwieCJd", "WyJyYW5rIl0", "%%%")) {
            given().queryParam("q", marker).queryParam("cursor", bad).get("/v1/search").then().statusCode(400).contentType(PROBLEM);
            given().queryParam("q", marker).queryParam("cursor", bad).get("/v1/news").then().statusCode(400).contentType(PROBLEM);
        }
    }

    // --- parameters ------------------------------------------------------------------------------

    @Test
    void qCombinesWithTheFiltersOfAList() {
        String marker = marker();
        String tag = unique("Suchtag").replace(" ", "-");
        Map<String, Object> tagged = news(marker + " Meldung", "Ohne Besonderheiten.", "Nichts weiter.");
        tagged.put("tags", List.of(tag));
        String taggedId = createNews(tagged);
        String untagged = createNews(news(marker + " Meldung", "Ohne Besonderheiten.", "Nichts weiter."));
        Map<String, Object> draft = news(marker + " Meldung", "Ohne Besonderheiten.", "Nichts weiter.");
        draft.put("tags", List.of(tag));
        draft.put("status", "draft");
        String draftId = createNews(draft);
        assertEquals(Set.of(taggedId, untagged), Set.copyOf(listIds(RestAssured::given, "/v1/news", marker)));
        given().queryParam("q", marker).queryParam("tag", tag).get("/v1/news").then().statusCode(200)
                .body("items.id", equalTo(List.of(taggedId))).body("page.total", equalTo(1));
        assertEquals(List.of(draftId), allListIds(Fixtures::editor, "/v1/news", "q=" + marker + "&status=draft"));
        assertEquals(Set.of(taggedId, draftId), Set.copyOf(allListIds(Fixtures::editor, "/v1/news", "q=" + marker + "&tag=" + tag)));
        String yesterday = LocalDate.now(ZoneId.of("Europe/Berlin")).minusDays(1).toString();
        assertEquals(List.of(), allListIds(RestAssured::given, "/v1/news", "q=" + marker + "&to=2000-01-01"));
        assertEquals(Set.of(taggedId, untagged),
                Set.copyOf(allListIds(RestAssured::given, "/v1/news", "q=" + marker + "&from=" + yesterday)));
        // and with fields
        given().queryParam("q", marker).queryParam("tag", tag).queryParam("fields", "title").get("/v1/news").then().statusCode(200)
                .body("items[0].title", equalTo(marker + " Meldung")).body("items[0].teaser", nullValue());
    }

    @ParameterizedTest
    @ValueSource(strings = { "/v1/news", "/v1/issues", "/v1/events", "/v1/jobs", "/v1/members" })
    void sortTogetherWithQIsA400(String path) {
        given().queryParam("q", "Hagen").queryParam("sort", "-createdAt").get(path).then().statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("sort"));
        given().queryParam("q", "Hagen").get(path).then().statusCode(200);
    }

    @Test
    void searchParametersAreChecked() {
        given().get("/v1/search").then().statusCode(400).contentType(PROBLEM).body("detail", containsString("q"));
        given().queryParam("types", "news").get("/v1/search").then().statusCode(400).contentType(PROBLEM);
        given().queryParam("q", "Hagen").queryParam("sort", "-rank").get("/v1/search").then().statusCode(400).contentType(PROBLEM);
        given().queryParam("q", "Hagen").queryParam("tag", "x").get("/v1/search").then().statusCode(400).contentType(PROBLEM);
        given().queryParam("q", "Hagen").queryParam("q", "Bonn").get("/v1/search").then().statusCode(400).contentType(PROBLEM);
        for (String limit : List.of("0", "101", "-1", "abc", "1.5", "")) {
            given().queryParam("q", "Hagen").queryParam("limit", limit).get("/v1/search").then().statusCode(400).contentType(PROBLEM);
        }
        Response full = given().queryParam("q", "Hagen").queryParam("limit", 100).get("/v1/search");
        full.then().statusCode(200).body("page.limit", equalTo(100));
        String etag = full.header("ETag");
        assertNotNull(etag, "a search page has an ETag");
        given().queryParam("q", "Hagen").queryParam("limit", 100).header("If-None-Match", etag).get("/v1/search").then()
                .statusCode(304);
    }

    // --- helpers ---------------------------------------------------------------------------------

    /** A made-up word no other item contains, e.g. "Zqxvkbtdmhpr". */
    private static String marker() {
        StringBuilder marker = new StringBuilder("Zqxv");
        for (int i = 0; i < 8; i++) {
            marker.append(LETTERS.charAt(ThreadLocalRandom.current().nextInt(LETTERS.length())));
        }
        return marker.toString();
    }

    /** A published news item with exactly this text: no tag, place or teaser of the fixture that a query could match. */
    private static Map<String, Object> news(String title, String teaser, String body) {
        Map<String, Object> news = Fixtures.news(title);
        news.put("teaser", teaser);
        news.put("body", body);
        news.put("tags", List.of("Suchtest"));
        news.put("region", Map.of("state", "DE-SN", "place", "Leipzig"));
        return news;
    }

    private static String createNews(Map<String, Object> body) {
        return (String) Fixtures.createNews(body).get("id");
    }

    /** Items with the marker in their title, teaser or body, once or twice: ranks that differ and ties. */
    private static Set<String> createRanked(String marker, int count) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String word = (marker + " ").repeat(1 + i % 2);
            Map<String, Object> body = switch (i % 3) {
                case 0 -> news(word + "Meldung " + i, "Ohne Besonderheiten.", "Nichts weiter.");
                case 1 -> news(unique("Meldung"), "Kurz zu " + word, "Nichts weiter.");
                default -> news(unique("Meldung"), "Ohne Besonderheiten.", "Ein Text über " + word);
            };
            ids.add(createNews(body));
        }
        return ids;
    }

    /** The hits of the first page of {@code /v1/search} with this query string (unencoded values must be safe in a URL). */
    private static List<Map<String, Object>> hits(Supplier<RequestSpecification> caller, String query) {
        return caller.get().urlEncodingEnabled(false).get("/v1/search?" + query).then().statusCode(200).extract().jsonPath()
                .getList("items");
    }

    /** The ids of the hits of an anonymous search, best first (one page of at most 100). */
    private static List<String> hitIds(String q) {
        return given().queryParam("q", q).queryParam("limit", 100).get("/v1/search").then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class);
    }

    /** Every hit of a search, following the cursors. */
    private static List<Map<String, Object>> allHits(Supplier<RequestSpecification> caller, String query) {
        List<Map<String, Object>> all = new ArrayList<>();
        String next = null;
        for (int pages = 0; pages < 5; pages++) {
            JsonPath page = caller.get().urlEncodingEnabled(false)
                    .get("/v1/search?limit=100&" + query + (next == null ? "" : "&cursor=" + next)).then().statusCode(200)
                    .extract().jsonPath();
            all.addAll(page.getList("items"));
            next = page.getString("page.next");
            if (next == null) {
                return all;
            }
        }
        throw new AssertionError("more pages than a search has");
    }

    /** The ids of the first page of a list with this q (at most 100). */
    private static List<String> listIds(Supplier<RequestSpecification> caller, String path, String q) {
        return caller.get().queryParam("q", q).queryParam("limit", 100).get(path).then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class);
    }

    /** The ids of a list with this query string, following the cursors. */
    private static List<String> allListIds(Supplier<RequestSpecification> caller, String path, String query) {
        List<String> all = new ArrayList<>();
        String next = null;
        for (int pages = 0; pages < 5; pages++) {
            JsonPath page = caller.get().urlEncodingEnabled(false)
                    .get(path + "?limit=100&" + query + (next == null ? "" : "&cursor=" + next)).then().statusCode(200)
                    .extract().jsonPath();
            all.addAll(page.getList("items.id", String.class));
            next = page.getString("page.next");
            if (next == null) {
                return all;
            }
        }
        throw new AssertionError("more pages than a search has");
    }

    private static List<String> ids(List<Map<String, Object>> hits) {
        return hits.stream().map(hit -> (String) hit.get("id")).toList();
    }

    private static Map<String, Object> hitTitled(List<Map<String, Object>> hits, String title) {
        return hits.stream().filter(hit -> title.equals(hit.get("title"))).findFirst()
                .orElseThrow(() -> new AssertionError("no hit titled " + title + " in " + ids(hits)));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static void assertThat(String text, String part) {
        assertTrue(text.contains(part), "expected " + part + " in: " + text);
    }
}
