package dev.ticker;

import static dev.ticker.Fixtures.createEvent;
import static dev.ticker.Fixtures.createIssue;
import static dev.ticker.Fixtures.createJob;
import static dev.ticker.Fixtures.createMember;
import static dev.ticker.Fixtures.createNews;
import static dev.ticker.Fixtures.event;
import static dev.ticker.Fixtures.freeIssueNumber;
import static dev.ticker.Fixtures.issue;
import static dev.ticker.Fixtures.job;
import static dev.ticker.Fixtures.news;
import static dev.ticker.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows that bad input is aimed at, made once and shared by the bad-input suites. Every case
 * must leave them as they were, so they never change. Placeholders ({@code $NAME}) in the targets,
 * bodies and expected texts of a case stand for them:
 * <ul>
 * <li>{@code $MEMBER}, {@code $NEWS}, {@code $EVENT}, {@code $JOB}: ids. The news item, the event
 * (as organiser) and the posting (as employer) refer to the member, so it cannot be deleted.
 * <li>{@code $ISSUE}: the number of an issue whose section holds the news item and whose calendar
 * and job market hold the event and the posting (so neither can be deleted); {@code $ISSUE_ID}
 * its id; {@code $ISSUE2} the number of a second issue (of 1 June 2024); {@code $FREE} an issue
 * number that no issue has.
 * <li>{@code $MEMBER2_SLUG}, {@code $NEWS2_SLUG}, {@code $EVENT2_SLUG}, {@code $JOB2_SLUG},
 * {@code $ISSUE2_SLUG}: slugs of a second row of each type, to collide with.
 * <li>Genuine cursors of a sort other than the default: {@code $MEMBER_CITY_CURSOR},
 * {@code $NEWS_TITLE_CURSOR}, {@code $EVENT_TITLE_CURSOR}, {@code $JOB_VALID_CURSOR}
 * (sort=validThrough), {@code $ISSUE_DATE_CURSOR} (sort=issueDate); and {@code $EVENT_CURSOR}, one
 * of the default sort of events.
 * </ul>
 */
public final class BadInputTargets {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$([A-Z][A-Z0-9_]*)");
    private static volatile Map<String, String> targets;

    private BadInputTargets() {
    }

    /** What the placeholders stand for; the rows are made on the first call. */
    public static Map<String, String> get() {
        if (targets == null) {
            synchronized (BadInputTargets.class) {
                if (targets == null) {
                    targets = make();
                }
            }
        }
        return targets;
    }

    private static Map<String, String> make() {
        Map<String, String> t = new HashMap<>();
        String member = (String) createMember().get("id");
        t.put("MEMBER", member);
        t.put("MEMBER2_SLUG", (String) createMember().get("slug"));

        Map<String, Object> news = news(unique("Ziel für schlechte Eingaben"));
        news.put("members", List.of(Map.of("id", member)));
        t.put("NEWS", (String) createNews(news).get("id"));
        t.put("NEWS2_SLUG", (String) createNews().get("slug"));

        // a timed one-day event (14:00-17:00) organised by the member, and a second one for slugs and cursors
        Map<String, Object> event = event(unique("Ziel für schlechte Eingaben"));
        event.put("startTime", "14:00");
        event.put("endTime", "17:00");
        event.put("format", "hybrid");
        event.put("location", Map.of("city", "Karlsruhe", "venue", "Kongresszentrum"));
        event.put("organizer", Map.of("name", unique("Veranstalter"), "member", Map.of("id", member)));
        t.put("EVENT", (String) createEvent(event).get("id"));
        Map<String, Object> second = event(unique("Zweiter Termin"));
        second.put("startDate", "2025-12-03");
        second.put("format", "online");
        t.put("EVENT2_SLUG", (String) createEvent(second).get("slug"));

        Map<String, Object> job = job(unique("Ziel-Stelle"));
        job.put("employer", Map.of("name", unique("Arbeitgeber"), "member", Map.of("id", member)));
        job.put("location", Map.of("city", "Leipzig", "state", "DE-SN"));
        job.put("remote", "hybrid");
        t.put("JOB", (String) createJob(job).get("id"));
        t.put("JOB2_SLUG", (String) createJob().get("slug"));

        int number = freeIssueNumber();
        Map<String, Object> issue = issue(number);
        issue.put("sections", List.of(Map.of("heading", "Aus dem Verband", "news", List.of(Map.of("id", t.get("NEWS"))))));
        issue.put("events", List.of(Map.of("id", t.get("EVENT"))));
        issue.put("jobs", List.of(Map.of("id", t.get("JOB"))));
        t.put("ISSUE_ID", (String) createIssue(issue).get("id"));
        t.put("ISSUE", String.valueOf(number));
        int number2 = freeIssueNumber();
        Map<String, Object> issue2 = issue(number2);
        issue2.put("issueDate", "2024-06-01");
        t.put("ISSUE2_SLUG", (String) createIssue(issue2).get("slug"));
        t.put("ISSUE2", String.valueOf(number2));
        t.put("FREE", String.valueOf(freeIssueNumber()));

        t.put("MEMBER_CITY_CURSOR", nextCursor("/v1/members?sort=city&limit=1"));
        t.put("NEWS_TITLE_CURSOR", nextCursor("/v1/news?sort=title&limit=1"));
        t.put("EVENT_CURSOR", nextCursor("/v1/events?limit=1"));
        t.put("EVENT_TITLE_CURSOR", nextCursor("/v1/events?sort=title&limit=1"));
        t.put("JOB_VALID_CURSOR", nextCursor("/v1/jobs?sort=validThrough&limit=1"));
        t.put("ISSUE_DATE_CURSOR", nextCursor("/v1/issues?sort=issueDate&limit=1"));
        return Map.copyOf(t);
    }

    private static String nextCursor(String list) {
        String next = given().urlEncodingEnabled(false).get(list).then().statusCode(200).extract().path("page.next");
        assertNotNull(next, "two items exist, so the first page of one has a next cursor: " + list);
        return next;
    }

    /** Replaces the placeholders in a text; an unknown placeholder is a mistake in a table. */
    public static String resolve(String text) {
        Map<String, String> t = get();
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = t.get(m.group(1));
            assertNotNull(value, "unknown placeholder " + m.group() + " in " + text);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** One of the targets, by its placeholder name. */
    public static String get(String name) {
        String value = get().get(name);
        assertNotNull(value, "no target " + name);
        return value;
    }
}
