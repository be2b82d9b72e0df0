package dev.ticker;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Small helpers that create exactly the rows a test needs, with unique values: a valid request
 * body of each of the five types ({@code member}, {@code news}, {@code event}, {@code job},
 * {@code issue}) that a test may change before sending (published, so that readers without a
 * token see it; workflow tests set another {@code status}), a {@code create...} that sends it as the
 * admin and answers the created resource, and the tokens to write with.
 */
public final class Fixtures {

    /** The admin token of the test profile (application.properties: %test.ticker.admin-token). */
    public static final String ADMIN_TOKEN = "test-admin-token";
    /** RestAssured would otherwise declare (and encode) ISO-8859-1 for this media type. */
    public static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    /**
     * Issue numbers handed out in rising order from a random start between 100 000 and 400 000:
     * above the demo issue (20), below the blocks the pagination tests draw (700 000 and up) and
     * the maximum (1 000 000).
     */
    private static final AtomicInteger ISSUE_NUMBERS = new AtomicInteger(100_000 + ThreadLocalRandom.current().nextInt(300_000));
    private static volatile String editorToken;

    private Fixtures() {
    }

    /** A value no other test uses. */
    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8) + SEQUENCE.incrementAndGet();
    }

    // --- tokens --------------------------------------------------------------------------------

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

    /** The secret of an editor token, made by the admin once and shared by the tests that need one. */
    public static String editorToken() {
        if (editorToken == null) {
            synchronized (Fixtures.class) {
                if (editorToken == null) {
                    editorToken = createToken("editor").get("token").toString();
                }
            }
        }
        return editorToken;
    }

    public static RequestSpecification editor() {
        return given().header("Authorization", "Bearer " + editorToken());
    }

    /** A new token of the given role with a unique name; the answer carries its secret in {@code token}. */
    public static Map<String, Object> createToken(String role) {
        return create("/v1/tokens", Map.of("name", unique("Token"), "role", role));
    }

    // --- members -------------------------------------------------------------------------------

    public static Map<String, Object> member(String name) {
        Map<String, Object> member = new HashMap<>();
        member.put("name", name);
        member.put("shortName", name);
        member.put("city", "Aachen");
        member.put("state", "DE-NW");
        member.put("memberSince", 2005);
        return member;
    }

    /** Creates a member and answers its JSON as a map. */
    public static Map<String, Object> createMember(Map<String, Object> member) {
        return create("/v1/members", member);
    }

    public static Map<String, Object> createMember() {
        return createMember(member(unique("Mitglied")));
    }

    // --- news ----------------------------------------------------------------------------------

    public static Map<String, Object> news(String title) {
        Map<String, Object> news = new HashMap<>();
        news.put("title", title);
        news.put("teaser", "Kurzer Anreißer für „" + title + "“.");
        news.put("body", "Ein **wichtiger** Text über Verwaltung.");
        news.put("tags", List.of("Verwaltung"));
        news.put("region", Map.of("state", "DE-SN", "place", "Leipzig"));
        news.put("status", "published");
        return news;
    }

    public static Map<String, Object> createNews(Map<String, Object> news) {
        return create("/v1/news", news);
    }

    public static Map<String, Object> createNews() {
        return createNews(news(unique("Meldung")));
    }

    // --- events --------------------------------------------------------------------------------

    /** A one-day, all-day event on 2 December 2025 in Karlsruhe, organised by a unique name. */
    public static Map<String, Object> event(String title) {
        Map<String, Object> event = new HashMap<>();
        event.put("title", title);
        event.put("startDate", "2025-12-02");
        event.put("format", "in_person");
        event.put("location", Map.of("city", "Karlsruhe"));
        event.put("organizer", Map.of("name", unique("Veranstalter")));
        event.put("status", "published");
        return event;
    }

    public static Map<String, Object> createEvent(Map<String, Object> event) {
        return create("/v1/events", event);
    }

    public static Map<String, Object> createEvent() {
        return createEvent(event(unique("KGSt-Festival")));
    }

    // --- job postings --------------------------------------------------------------------------

    /** An open-ended full-time posting in Oldenburg with the usual fields filled in, by a unique employer name. */
    public static Map<String, Object> job(String title) {
        Map<String, Object> job = new HashMap<>();
        job.put("title", title);
        job.put("employer", Map.of("name", unique("Arbeitgeber")));
        job.put("location", Map.of("city", "Oldenburg", "state", "DE-NW"));
        job.put("employmentType", "full_time");
        job.put("salary", "E 11 TVöD");
        job.put("description", "Wir suchen **Verstärkung**.");
        job.put("applyUrl", "https://www.kdo.de/karriere");
        job.put("status", "published");
        return job;
    }

    public static Map<String, Object> createJob(Map<String, Object> job) {
        return create("/v1/jobs", job);
    }

    public static Map<String, Object> createJob() {
        return createJob(job(unique("Stelle")));
    }

    // --- issues --------------------------------------------------------------------------------

    /**
     * An issue number that no issue has; numbers come in rising order, so a test that needs a
     * higher and a lower one draws the lower first.
     */
    public static int freeIssueNumber() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int number = ISSUE_NUMBERS.incrementAndGet();
            if (admin().get("/v1/issues/" + number).statusCode() == 404) { // drafts too
                return number;
            }
        }
        throw new IllegalStateException("no free issue number found");
    }

    /** An issue of 12 November 2025 with an editorial and no sections, events or jobs. */
    public static Map<String, Object> issue(int number) {
        Map<String, Object> issue = new HashMap<>();
        issue.put("number", number);
        issue.put("title", "Branchenticker Nr. " + number);
        issue.put("issueDate", "2025-11-12");
        issue.put("place", "Berlin");
        issue.put("editorial", Map.of("salutation", "Liebe Leserinnen und Leser,", "body", "Text", "signoff", "Ihr Team"));
        issue.put("status", "published");
        return issue;
    }

    public static Map<String, Object> createIssue(Map<String, Object> issue) {
        return create("/v1/issues", issue);
    }

    public static Map<String, Object> createIssue() {
        return createIssue(issue(freeIssueNumber()));
    }

    // --- shared --------------------------------------------------------------------------------

    /** POSTs a body as the admin, expects 201, and answers the JSON of the created resource. */
    public static Map<String, Object> create(String path, Map<String, Object> body) {
        return admin().contentType(ContentType.JSON).body(body).post(path)
                .then().statusCode(201).extract().jsonPath().getMap("$");
    }
}
