package dev.ticker;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Small helpers that create exactly the rows a test needs, with unique values. */
public final class Fixtures {

    /** The admin token of the test profile (application.properties: %test.ticker.admin-token). */
    public static final String ADMIN_TOKEN = "test-admin-token";
    /** RestAssured would otherwise declare (and encode) ISO-8859-1 for this media type. */
    public static final String MERGE_PATCH = "application/merge-patch+json; charset=UTF-8";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Fixtures() {
    }

    /** A value no other test uses. */
    public static String unique(String prefix) {
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8) + SEQUENCE.incrementAndGet();
    }

    public static RequestSpecification admin() {
        return given().header("Authorization", "Bearer " + ADMIN_TOKEN);
    }

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
        return admin().contentType(ContentType.JSON).body(member)
                .post("/v1/members").then().statusCode(201).extract().jsonPath().getMap("$");
    }

    public static Map<String, Object> createMember() {
        return createMember(member(unique("Mitglied")));
    }

    public static Map<String, Object> news(String title) {
        Map<String, Object> news = new HashMap<>();
        news.put("title", title);
        news.put("teaser", "Kurzer Anreißer für „" + title + "“.");
        news.put("body", "Ein **wichtiger** Text über Verwaltung.");
        news.put("tags", List.of("Verwaltung"));
        news.put("region", Map.of("state", "DE-SN", "place", "Leipzig"));
        return news;
    }

    public static Map<String, Object> createNews(Map<String, Object> news) {
        return admin().contentType(ContentType.JSON).body(news)
                .post("/v1/news").then().statusCode(201).extract().jsonPath().getMap("$");
    }

    public static Map<String, Object> createNews() {
        return createNews(news(unique("Meldung")));
    }
}
