package dev.ticker.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticker.PackagedService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Idempotency keys live in PostgreSQL, so they hold across instances and restarts: with two
 * separate service processes on one database, requests with one key sent at the same time through
 * both make one item, and after both are killed (SIGKILL) and a new instance has started, a retry
 * still gets the first answer byte for byte.
 */
class IdempotencyIT {

    private static final String ADMIN_TOKEN = "idempotency-it-admin";
    private static final String KEY = "Idempotency-Key";

    private static EmbeddedPostgres postgres;
    private static Path work;

    private final List<PackagedService> started = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws IOException {
        work = Files.createTempDirectory("idempotency-it");
        postgres = PackagedService.startPostgres(work.resolve("pg"));
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        PackagedService.stopAll(started);
    }

    @Test
    void aKeyHoldsAcrossInstancesAndRestarts() throws Exception {
        PackagedService a = start("A");
        PackagedService b = start("B");
        a.awaitReady();
        b.awaitReady();

        // eight requests with one key at the same time, half through each instance: one item
        String key = UUID.randomUUID().toString();
        String title = "Einmal über zwei Instanzen " + key;
        String body = "{\"title\":\"" + title + "\",\"status\":\"published\"}";
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<HttpResponse<String>> answers = new ArrayList<>();
        try {
            List<Future<HttpResponse<String>>> sent = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                PackagedService via = i % 2 == 0 ? a : b;
                sent.add(senders.submit(() -> {
                    go.await();
                    return via.send("POST", "/v1/news", ADMIN_TOKEN, body, Map.of(KEY, key));
                }));
            }
            go.countDown();
            for (Future<HttpResponse<String>> answer : sent) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
        } finally {
            senders.shutdownNow();
        }
        HttpResponse<String> first = answers.stream().filter(r -> r.headers().firstValue("Idempotency-Replayed").isEmpty())
                .findFirst().orElseThrow();
        for (HttpResponse<String> answer : answers) {
            assertEquals(201, answer.statusCode(), answer.body());
            assertEquals(first.body(), answer.body());
            assertEquals(first.headers().firstValue("ETag"), answer.headers().firstValue("ETag"));
            assertEquals(first.headers().firstValue("Location"), answer.headers().firstValue("Location"));
        }
        assertEquals(7, answers.stream().filter(r -> r.headers().firstValue("Idempotency-Replayed").isPresent()).count());
        assertEquals(1, countNews(title));

        // both instances killed, a new one started: the key is still there
        PackagedService.stopAll(started);
        PackagedService c = start("C");
        c.awaitReady();
        HttpResponse<String> retry = c.send("POST", "/v1/news", ADMIN_TOKEN, body, Map.of(KEY, key));
        assertEquals(201, retry.statusCode(), retry.body());
        assertEquals("true", retry.headers().firstValue("Idempotency-Replayed").orElse(null));
        assertEquals(first.body(), retry.body());
        assertEquals(first.headers().firstValue("ETag"), retry.headers().firstValue("ETag"));
        assertEquals(first.headers().firstValue("Location"), retry.headers().firstValue("Location"),
                "the Location of the first answer, whichever instance answers");
        assertEquals(1, countNews(title));

        HttpResponse<String> other = c.send("POST", "/v1/news", ADMIN_TOKEN, body.replace(title, title + " anders"), Map.of(KEY, key));
        assertEquals(422, other.statusCode(), other.body());
        assertFalse(other.headers().firstValue("Idempotency-Replayed").isPresent());
        assertTrue(other.body().contains("urn:ticker:problem:idempotency-key-reused"), other.body());
    }

    private PackagedService start(String name) throws IOException {
        PackagedService service = PackagedService.start(name, PackagedService.environment(postgres, "postgres", ADMIN_TOKEN),
                "-Dticker.embedded.data-dir=" + work.resolve("unused"), "-Dticker.demo.load=false");
        started.add(service);
        return service;
    }

    private static long countNews(String title) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement select = connection.prepareStatement("select count(*) from news where title = ?")) {
            select.setString(1, title);
            try (ResultSet result = select.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
