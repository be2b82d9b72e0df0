package dev.ticker.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpServer;

import dev.ticker.PackagedService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged service under a small load while its PostgreSQL stops for ten seconds and starts
 * again (issue 13; docs/reliability-outage.md): while the database is down, requests that need it
 * get a 503 problem with Retry-After within 3 s (a bearer token too: not 401, not 500), cached
 * anonymous reads go on being answered with the same ETag, readiness is DOWN; within 5 s of the
 * database's return writes succeed again, without a restart, and so do token checks, scheduled
 * publishing, webhook deliveries and the change feed. Nothing answered 503 was written; everything
 * answered 201 before the stop is there. The figures go to the output and to
 * target/reliability/database-outage.json.
 */
class DatabaseOutageIT {

    private static final String ADMIN_TOKEN = "database-outage-it-admin";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final Duration DOWN_FOR = Duration.ofSeconds(10);
    /** The contract: a request that needs the database is answered (503) within this while it is down. */
    private static final long MAX_ANSWER_MILLIS = 3000;
    /** The contract: everything works again within this after the database's return. */
    private static final long RECOVERY_MILLIS = 5000;
    /** Readiness must be DOWN within this after the database went down. */
    private static final long READINESS_DOWN_MILLIS = 3000;

    private static Path work;
    private static int pgPort;
    private static EmbeddedPostgres postgres;

    private final List<PackagedService> started = new ArrayList<>();
    private HttpServer receiver;

    @BeforeAll
    static void startPostgres() throws IOException {
        work = Files.createTempDirectory("database-outage-it");
        try (ServerSocket socket = new ServerSocket(0)) {
            pgPort = socket.getLocalPort();
        }
        postgres = postgres();
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
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    /**
     * The test's own PostgreSQL, always on the same port and data directory (new with the test's
     * temporary directory), so that it can be stopped and started again. Not "clean": the library
     * would delete the data when stopping it.
     */
    private static EmbeddedPostgres postgres() throws IOException {
        return EmbeddedPostgres.builder().setPort(pgPort).setDataDirectory(work.resolve("pg")).setCleanDataDirectory(false)
                .setPGStartupWait(Duration.ofSeconds(60)).start();
    }

    /** One request the load made: when it was sent (ms since the test's clock start), how long it took, what came back. */
    record Call(String kind, String path, long sentAt, long tookMillis, int status, String contentType, String retryAfter,
            String etag, String body, String title) {
        long answeredAt() {
            return sentAt + tookMillis;
        }
    }

    private final long clockStart = System.nanoTime();
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<Map.Entry<Long, String>> hooks = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean loading = true;
    private volatile boolean writersQuiet;
    private final java.util.concurrent.atomic.AtomicInteger writesInFlight = new java.util.concurrent.atomic.AtomicInteger();

    private long now() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - clockStart);
    }

    @Test
    void servesThroughADatabaseOutageAndRecoversByItself() throws Exception {
        startReceiver();
        PackagedService service = PackagedService.start("A", PackagedService.environment(postgres, "postgres", ADMIN_TOKEN),
                "-Dticker.embedded.data-dir=" + work.resolve("unused"),
                "-Dticker.workflow.interval=1s",
                "-Dticker.webhooks.allow-private-targets=true",
                "-Dticker.webhooks.poll-interval=200ms",
                "-Dticker.webhooks.retry.initial-delay=200ms",
                "-Dticker.webhooks.retry.max-delay=400ms");
        started.add(service);
        service.awaitReady();

        // an editor's token (checked against the database when not remembered), a subscriber, an item to read
        HttpResponse<String> token = service.send("POST", "/v1/tokens", ADMIN_TOKEN,
                "{\"name\":\"outage editor\",\"role\":\"editor\"}");
        assertEquals(201, token.statusCode(), token.body());
        String editorToken = JSON.readTree(token.body()).get("token").asText();
        HttpResponse<String> subscribed = service.send("POST", "/v1/webhooks", ADMIN_TOKEN,
                "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook\",\"events\":[\"*\"]}");
        assertEquals(201, subscribed.statusCode(), subscribed.body());
        String readSlug = JSON.readTree(create(service, "Gelesen während des Ausfalls " + UUID.randomUUID(), "published").body())
                .get("slug").asText();
        List<String> anonymousPaths = List.of("/v1/news/" + readSlug, "/v1/news?limit=5");

        ExecutorService load = Executors.newFixedThreadPool(6);
        for (int writer = 1; writer <= 2; writer++) {
            int w = writer;
            load.submit(() -> loop(() -> {
                if (writersQuiet) {
                    Thread.sleep(20);
                    return;
                }
                writesInFlight.incrementAndGet();
                try {
                    if (!writersQuiet) {
                        String title = "Outage w" + w + " " + UUID.randomUUID();
                        call(service, "write", "POST", "/v1/news", ADMIN_TOKEN,
                                "{\"title\":\"" + title + "\",\"status\":\"published\"}", title);
                    }
                } finally {
                    writesInFlight.decrementAndGet();
                }
                Thread.sleep(50);
            }));
        }
        load.submit(() -> loop(() -> {
            for (String path : anonymousPaths) {
                call(service, "anonymous read", "GET", path, null, null, null);
            }
            Thread.sleep(20);
        }));
        load.submit(() -> loop(() -> {
            call(service, "token read", "GET", "/v1/news?limit=5", editorToken, null, null);
            Thread.sleep(100);
        }));
        load.submit(() -> loop(() -> {
            call(service, "readiness", "GET", "/q/health/ready", null, null, null);
            Thread.sleep(200);
        }));

        Thread.sleep(3000);
        // the writers pause (every write empties the cache), so that the anonymous reads are cached when the database goes
        writersQuiet = true;
        while (writesInFlight.get() > 0) {
            Thread.sleep(10);
        }
        // (a write too:) a scheduled item falls due while the database is down: it is published after its return
        String scheduledTitle = "Geplant während des Ausfalls " + UUID.randomUUID();
        HttpResponse<String> scheduled = service.send("POST", "/v1/news", ADMIN_TOKEN, "{\"title\":\"" + scheduledTitle
                + "\",\"status\":\"scheduled\",\"publishAt\":\"" + Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS) + "\"}");
        assertEquals(201, scheduled.statusCode(), scheduled.body());
        String scheduledSlug = JSON.readTree(scheduled.body()).get("slug").asText();
        load.submit(() -> loop(() -> { // 404 until it is published
            call(service, "scheduled read", "GET", "/v1/news/" + scheduledSlug, null, null, null);
            Thread.sleep(100);
        }));

        Map<String, String> etagBefore = new LinkedHashMap<>();
        for (String path : anonymousPaths) {
            for (int i = 0; i < 2; i++) { // the second from the cache
                HttpResponse<String> read = service.send("GET", path, null, null);
                assertEquals(200, read.statusCode(), path);
                etagBefore.put(path, read.headers().firstValue("ETag").orElseThrow());
            }
        }
        long stopping = now();
        postgres.close(); // pg_ctl stop -m fast: connections are ended, new ones refused
        long down = now();
        writersQuiet = false;
        Thread.sleep(DOWN_FOR.toMillis());
        long starting = now();
        postgres = postgres();
        long up = now();
        Instant upAt = Instant.now();
        Thread.sleep(8000);
        loading = false;
        load.shutdown();
        assertTrue(load.awaitTermination(60, TimeUnit.SECONDS), "the load ended");

        // after the load: the change feed listens again, scheduled publishing and webhooks work
        Optional<Long> firstHookAfter = awaitHookAfter(up);
        List<String> failedChecks = new ArrayList<>();
        long feedChecked = attempt(failedChecks, () -> changeFeedFollows(service, readSlug));
        List<Call> all;
        synchronized (calls) {
            all = List.copyOf(calls);
        }
        OptionalLong scheduledSeen = of(all, "scheduled read").stream().filter(c -> c.sentAt() >= starting && c.status() == 200)
                .mapToLong(Call::answeredAt).min();
        boolean publishedBeforeTheStop = of(all, "scheduled read").stream().anyMatch(c -> c.answeredAt() < stopping && c.status() == 200);

        // --- the figures -------------------------------------------------------------------------------
        // sent after the stop and answered before the start: the database was down all the while
        Predicate<Call> whileDown = c -> c.sentAt() >= down && c.answeredAt() < starting;
        Predicate<Call> unavailable = c -> c.sentAt() >= stopping && c.sentAt() < up;
        List<Call> writes = of(all, "write");
        OptionalLong first503 = writes.stream().filter(c -> c.answeredAt() >= stopping && c.status() == 503)
                .mapToLong(Call::answeredAt).min();
        long maxWhileUnavailable = all.stream().filter(unavailable).mapToLong(Call::tookMillis).max().orElse(-1);
        Map<String, Long> maxByKind = all.stream().filter(unavailable).collect(Collectors.groupingBy(Call::kind, TreeMap::new,
                Collectors.reducing(0L, Call::tookMillis, Math::max)));
        OptionalLong readinessDown = of(all, "readiness").stream().filter(c -> c.answeredAt() >= stopping && c.status() == 503)
                .mapToLong(Call::answeredAt).min();
        OptionalLong readinessUp = of(all, "readiness").stream().filter(c -> c.sentAt() >= up && c.status() == 200)
                .mapToLong(Call::answeredAt).min();
        OptionalLong firstWriteAfter = writes.stream().filter(c -> c.sentAt() >= up && c.status() == 201)
                .mapToLong(Call::answeredAt).min();
        OptionalLong firstTokenReadAfter = of(all, "token read").stream().filter(c -> c.sentAt() >= up && c.status() == 200)
                .mapToLong(Call::answeredAt).min();
        List<Call> cachedReadsWhileDown = of(all, "anonymous read").stream().filter(whileDown).toList();
        Map<String, Long> statuses = count(all.stream().filter(unavailable).toList());
        List<String> writtenTitles = titlesInDatabase();
        List<Call> halfWrites = writes.stream().filter(c -> c.status() != 201 && writtenTitles.contains(c.title())).toList();
        List<Call> lostWrites = writes.stream().filter(c -> c.status() == 201 && !writtenTitles.contains(c.title())).toList();
        // the API's answers; readiness is Quarkus's datasource check, whose DOWN names the failure (reported, not held to it)
        List<Call> leaky = all.stream().filter(c -> !c.kind().equals("readiness") && c.status() >= 400 && leaks(c.body())).toList();
        long readinessNamingTheFailure = of(all, "readiness").stream().filter(c -> c.status() == 503 && leaks(c.body())).count();

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("date", Instant.now().toString());
        figures.put("databaseDownForMillis", starting - down);
        figures.put("stopTookMillis", down - stopping);
        figures.put("startTookMillis", up - starting);
        figures.put("firstWrite503AfterStopMillis", first503.isPresent() ? first503.getAsLong() - stopping : null);
        figures.put("maxRequestMillisWhileUnavailable", maxWhileUnavailable);
        figures.put("maxRequestMillisWhileUnavailableByKind", maxByKind);
        figures.put("statusesWhileUnavailable", statuses);
        figures.put("readinessDownAfterStopMillis", readinessDown.isPresent() ? readinessDown.getAsLong() - stopping : null);
        figures.put("readinessDownAnswersNamingTheFailure", readinessNamingTheFailure);
        figures.put("readinessUpAfterStartMillis", readinessUp.isPresent() ? readinessUp.getAsLong() - up : null);
        figures.put("cachedAnonymousReadsWhileDown", cachedReadsWhileDown.size());
        figures.put("cachedAnonymousReadsWhileDownStatuses", count(cachedReadsWhileDown));
        figures.put("firstSuccessfulWriteAfterStartMillis", firstWriteAfter.isPresent() ? firstWriteAfter.getAsLong() - up : null);
        figures.put("firstTokenReadAfterStartMillis", firstTokenReadAfter.isPresent() ? firstTokenReadAfter.getAsLong() - up : null);
        figures.put("scheduledItemReadableAfterStartMillis", scheduledSeen.isPresent() ? scheduledSeen.getAsLong() - up : null);
        figures.put("firstWebhookAfterStartMillis", firstHookAfter.map(t -> t - up).orElse(null));
        figures.put("changeFeedFollowsAfterTheOutage", feedChecked != Long.MIN_VALUE);
        Long feedBack = feedBack(service.output(), upAt);
        figures.put("changeFeedBackAfterStartMillis", feedBack);
        figures.put("failedChecks", failedChecks);
        figures.put("writes", writes.size());
        figures.put("writesAnswered201", writes.stream().filter(c -> c.status() == 201).count());
        figures.put("writesAnswered503", writes.stream().filter(c -> c.status() == 503).count());
        figures.put("halfWrites", halfWrites.size());
        figures.put("lostWrites", lostWrites.size());
        figures.put("requests", all.size());
        figures.put("statuses", count(all));
        String report = JSON.writeValueAsString(figures);
        System.out.println("==== Database outage: figures ====\n" + report + "\n==================================");
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("database-outage.json"), report + "\n");
        List<String> output = service.output();
        Files.write(out.resolve("database-outage-service.log"), output);
        Files.write(out.resolve("database-outage-requests.txt"), all.stream().map(c -> String.format("%6d %5d ms %-14s %3d %s %s",
                c.sentAt() - stopping, c.tookMillis(), c.kind(), c.status(), c.path(), c.etag())).toList());
        long warnings = output.stream().filter(l -> l.contains("WARN") || l.contains("ERROR")).count();
        System.out.printf("Service output (target/reliability/database-outage-service.log): %d lines, %d WARN/ERROR lines%n",
                output.size(), warnings);
        output.stream().filter(l -> l.contains("WARN") || l.contains("ERROR")).limit(40).forEach(System.out::println);

        // --- the contract ------------------------------------------------------------------------------
        Call anyUnexpected = all.stream().filter(c -> c.status() >= 500 && c.status() != 503 || c.status() < 0).findFirst().orElse(null);
        assertAll(
                () -> assertEquals(List.of(), failedChecks, "the checks after the outage"),
                () -> assertEquals(null, anyUnexpected, "no 500, no failed exchange, ever"),
                () -> assertTrue(first503.isPresent(), "writes get 503 while the database is down"),
                () -> assertTrue(maxWhileUnavailable < MAX_ANSWER_MILLIS, () -> "every request is answered within "
                        + MAX_ANSWER_MILLIS + " ms while the database is unavailable; the slowest took " + maxWhileUnavailable
                        + " ms: " + maxByKind),
                () -> {
                    for (Call c : writes.stream().filter(whileDown).toList()) {
                        assertEquals(503, c.status(), c.toString());
                    }
                },
                () -> {
                    for (Call c : all.stream().filter(c -> c.status() == 503 && !c.kind().equals("readiness")).toList()) {
                        assertEquals("application/problem+json", c.contentType(), c.toString());
                        assertNotNull(c.retryAfter(), () -> "Retry-After on " + c);
                        assertTrue(c.retryAfter().matches("\\d+"), c.toString());
                        JsonNode problem = JSON.readTree(c.body());
                        assertEquals(503, problem.get("status").asInt(), c.body());
                    }
                },
                () -> assertEquals(List.of(), leaky, "no problem names SQL, a class, a host or a stack trace"),
                () -> {
                    // a token that cannot be checked is neither accepted nor refused: 503, not 401
                    for (Call c : of(all, "token read").stream().filter(whileDown).toList()) {
                        assertEquals(503, c.status(), c.toString());
                    }
                },
                () -> assertFalse(cachedReadsWhileDown.isEmpty(), "anonymous reads were made while the database was down"),
                () -> {
                    for (Call c : cachedReadsWhileDown) {
                        assertEquals(200, c.status(), () -> "cached anonymous reads are answered while the database is down: " + c);
                        assertEquals(etagBefore.get(c.path()), c.etag(), () -> "the same representation as before: " + c);
                    }
                },
                () -> assertTrue(readinessDown.isPresent() && readinessDown.getAsLong() - stopping < READINESS_DOWN_MILLIS,
                        () -> "readiness is DOWN within " + READINESS_DOWN_MILLIS + " ms of the stop: " + figures),
                () -> {
                    for (Call c : of(all, "readiness").stream().filter(whileDown)
                            .filter(c -> c.sentAt() > down + READINESS_DOWN_MILLIS).toList()) {
                        assertEquals(503, c.status(), c.toString());
                    }
                },
                () -> assertTrue(firstWriteAfter.isPresent() && firstWriteAfter.getAsLong() - up < RECOVERY_MILLIS,
                        () -> "a write succeeds within " + RECOVERY_MILLIS + " ms of the database's return: " + figures),
                () -> {
                    for (Call c : all.stream().filter(c -> c.sentAt() > up + RECOVERY_MILLIS).toList()) {
                        assertEquals(c.kind().equals("write") ? 201 : 200, c.status(), () -> "everything works again: " + c);
                    }
                },
                () -> assertTrue(firstTokenReadAfter.isPresent() && firstTokenReadAfter.getAsLong() - up < RECOVERY_MILLIS,
                        "token checks work again"),
                () -> assertFalse(publishedBeforeTheStop, "the scheduled item was due only after the stop (else the test ran too slowly)"),
                () -> assertTrue(scheduledSeen.isPresent() && scheduledSeen.getAsLong() - up < RECOVERY_MILLIS,
                        () -> "the item that fell due meanwhile is published and readable: " + figures),
                () -> assertTrue(firstHookAfter.isPresent() && firstHookAfter.get() - up < RECOVERY_MILLIS,
                        () -> "webhooks are delivered again: " + figures),
                () -> assertTrue(feedBack != null && feedBack < RECOVERY_MILLIS, () -> "the change feed listens again: " + figures),
                () -> assertEquals(List.of(), halfWrites, "nothing answered with an error was written"),
                () -> assertEquals(List.of(), lostWrites, "everything answered 201 is in the database"),
                () -> assertTrue(service.process().isAlive(), "the service kept running"));
    }

    // --- the load ------------------------------------------------------------------------------------

    private interface Step {
        void run() throws Exception;
    }

    private void loop(Step step) {
        while (loading) {
            try {
                step.run();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void call(PackagedService service, String kind, String method, String path, String token, String json, String title)
            throws InterruptedException {
        long sent = now();
        try {
            HttpResponse<String> response = service.send(method, path, token, json);
            calls.add(new Call(kind, path, sent, now() - sent, response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("ETag").orElse(null),
                    response.statusCode() >= 400 ? response.body() : null, title));
        } catch (IOException e) {
            calls.add(new Call(kind, path, sent, now() - sent, -1, null, null, null, e.toString(), title));
        }
    }

    private interface Check {
        long run() throws Exception;
    }

    /** Runs a check after the outage; a failure is noted, so that the figures are reported all the same. */
    private static long attempt(List<String> failures, Check check) {
        try {
            return check.run();
        } catch (Exception | AssertionError e) {
            failures.add(e.toString());
            return Long.MIN_VALUE;
        }
    }

    private static List<Call> of(List<Call> all, String kind) {
        return all.stream().filter(c -> c.kind().equals(kind)).toList();
    }

    /** Requests per kind and status, e.g. {@code write 503: 120}. */
    private static Map<String, Long> count(List<Call> calls) {
        return calls.stream().collect(Collectors.groupingBy(c -> c.kind() + " " + c.status(), TreeMap::new, Collectors.counting()));
    }

    /** Whether an error body shows what only the service should know. */
    private static boolean leaks(String body) {
        if (body == null) {
            return false;
        }
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        return List.of("sql", "exception", "jdbc", "org.", "java.", "127.0.0.1", "localhost", "connection to", "agroal",
                "hibernate", "at dev.").stream().anyMatch(lower::contains);
    }

    private static HttpResponse<String> create(PackagedService service, String title, String status)
            throws IOException, InterruptedException {
        HttpResponse<String> created = service.send("POST", "/v1/news", ADMIN_TOKEN,
                "{\"title\":\"" + title + "\",\"status\":\"" + status + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        return created;
    }

    // --- after the outage ----------------------------------------------------------------------------

    /**
     * Whether the change feed listens again: a change the feed cannot hear (the session's triggers
     * off) is not seen while the cache answers, which it does only while the feed follows; a change
     * it hears is seen soon after. Answers when the second was seen.
     */
    private long changeFeedFollows(PackagedService service, String slug) throws Exception {
        String path = "/v1/news/" + slug;
        HttpResponse<String> before = service.send("GET", path, null, null);
        assertEquals(200, before.statusCode(), before.body());
        assertEquals(before.headers().firstValue("ETag"), service.send("GET", path, null, null).headers().firstValue("ETag"));
        update(slug, "Unbemerkt geändert", false);
        HttpResponse<String> unheard = service.send("GET", path, null, null);
        assertEquals(before.headers().firstValue("ETag"), unheard.headers().firstValue("ETag"),
                "the cache answers again (so the feed follows): a change nobody announced is not seen");
        update(slug, "Bemerkt geändert", true);
        long deadline = now() + 5000;
        while (now() < deadline) {
            HttpResponse<String> read = service.send("GET", path, null, null);
            if (read.statusCode() == 200 && JSON.readTree(read.body()).get("title").asText().equals("Bemerkt geändert")) {
                return now();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("an announced change was not seen within 5 s: the change feed does not listen");
    }

    private static void update(String slug, String title, boolean announced) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            if (!announced) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set session_replication_role = replica"); // no triggers: no notification
                }
            }
            try (PreparedStatement update = connection.prepareStatement(
                    "update news set title = ?, version = version + 1 where slug = ?")) {
                update.setString(1, title);
                update.setString(2, slug);
                assertEquals(1, update.executeUpdate());
            }
        }
    }

    /** When the change feed said it listens again (its log line), after the database's return; null if it did not. */
    private static Long feedBack(List<String> output, Instant upAt) {
        java.time.format.DateTimeFormatter format = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
        for (String line : output) {
            if (line.contains("Listening for changes again") && line.length() > 23) {
                Instant at = java.time.LocalDateTime.parse(line.substring(0, 23), format).atZone(java.time.ZoneId.systemDefault())
                        .toInstant();
                if (!at.isBefore(upAt.minusSeconds(1))) {
                    return Duration.between(upAt, at).toMillis();
                }
            }
        }
        return null;
    }

    private List<String> titlesInDatabase() throws SQLException {
        List<String> titles = new ArrayList<>();
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select title from news where title like 'Outage w%'")) {
            while (rows.next()) {
                titles.add(rows.getString(1));
            }
        }
        return titles;
    }

    // --- the webhook receiver ------------------------------------------------------------------------

    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "outage-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                hooks.add(Map.entry(now(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    /** The first delivery that arrived after the database's return, waiting for one if none has. */
    private Optional<Long> awaitHookAfter(long up) throws InterruptedException {
        long deadline = now() + 20000;
        while (now() < deadline) {
            synchronized (hooks) {
                Optional<Long> first = hooks.stream().map(Map.Entry::getKey).filter(t -> t >= up).min(Long::compare);
                if (first.isPresent()) {
                    return first;
                }
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }
}
