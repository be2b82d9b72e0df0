package dev.ticker.web;

import static dev.ticker.Fixtures.admin;
import static dev.ticker.Fixtures.createMember;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;


import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import dev.ticker.Fixtures;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/** Cached reads are fast and never outlive a change, whoever makes it. */
@QuarkusTest
class ReadCacheTest {

    @Inject
    SessionFactory sessionFactory;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aRepeatedReadRunsNoSql() {
        Map<String, Object> member = createMember();
        String etag = given().get("/v1/members/" + member.get("id")).then().statusCode(200).extract().header("ETag");
        var statistics = sessionFactory.getStatistics();
        statistics.clear();
        given().get("/v1/members/" + member.get("id")).then().statusCode(200).header("ETag", equalTo(etag))
                .header("Cache-Control", equalTo("public, max-age=60")).body("name", equalTo(member.get("name")));
        given().header("If-None-Match", etag).get("/v1/members/" + member.get("id")).then().statusCode(304);
        assertEquals(0, statistics.getPrepareStatementCount(), "served from the cache");
    }

    @Test
    void aWriteThroughTheApiShowsAtOnce() {
        Map<String, Object> member = createMember();
        given().get("/v1/members/" + member.get("id")).then().body("city", equalTo("Aachen"));
        admin().contentType(Fixtures.MERGE_PATCH).body("{\"city\":\"Detmold\"}").patch("/v1/members/" + member.get("id"))
                .then().statusCode(200);
        given().get("/v1/members/" + member.get("id")).then().body("city", equalTo("Detmold"));
    }

    @Test
    void aChangeCommittedByAnotherInstanceShowsSoon() throws Exception {
        Map<String, Object> member = createMember();
        given().get("/v1/members/" + member.get("id")).then().body("city", equalTo("Aachen"));
        // another instance writes: only the database's notification can tell this one
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "update member set city = 'Paderborn', version = version + 1 where id = ?")) {
            update.setObject(1, UUID.fromString((String) member.get("id")));
            assertEquals(1, update.executeUpdate());
        }
        long deadline = System.currentTimeMillis() + 5000;
        String city;
        do {
            city = given().get("/v1/members/" + member.get("id")).then().extract().path("city");
        } while (!"Paderborn".equals(city) && System.currentTimeMillis() < deadline && sleep());
        assertEquals("Paderborn", city, "the cached response was dropped after the notification");
    }

    @Test
    void readsWithATokenAreCachedApartFromAnonymousOnes() {
        Map<String, Object> member = createMember();
        given().get("/v1/members/" + member.get("id")).then().header("Cache-Control", equalTo("public, max-age=60"));
        admin().get("/v1/members/" + member.get("id")).then().header("Cache-Control", equalTo("private, no-cache"));
        given().get("/v1/members/" + member.get("id")).then().header("Cache-Control", equalTo("public, max-age=60"));
    }

    private static boolean sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
