package dev.ticker.webhook;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.ticker.PackagedService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Webhook delivery with real, separate service processes on one PostgreSQL and a real receiver on
 * loopback: however many instances deliver, each event reaches a subscriber once, one at a time (in
 * the order the deliveries are recorded), signed as Standard Webhooks says; and an instance killed
 * (SIGKILL) while a receiver has not answered yet loses nothing: another instance sends the same
 * event again, with the same webhook-id, and records it delivered.
 */
class WebhooksIT {

    private static final String ADMIN_TOKEN = "webhooks-it-admin";
    private static final int ITEMS = 60;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedPostgres postgres;
    private static Path work;

    private final List<PackagedService> started = new ArrayList<>();
    private final List<LoopbackReceiver> receivers = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws IOException {
        work = Files.createTempDirectory("webhooks-it");
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
        receivers.forEach(LoopbackReceiver::close);
        receivers.clear();
    }

    @Test
    void twoInstancesDeliverEachEventOnce() throws Exception {
        LoopbackReceiver receiver = receiver(false);
        String database = createDatabase("deliver_once");
        // both at once on an empty database, as a first deployment of two replicas starts
        PackagedService a = start("A", database);
        PackagedService b = start("B", database);
        a.awaitReady();
        b.awaitReady();

        JsonNode subscription = subscribe(a, receiver);
        UUID subscriptionId = UUID.fromString(subscription.get("id").asText());
        Webhook verifier = new Webhook(subscription.get("secret").asText());

        // published items written concurrently, half through each instance: their transactions queue
        // the events, and both instances' delivery threads race for the one subscription
        long creating = System.nanoTime();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        ExecutorService writers = Executors.newFixedThreadPool(6);
        try {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                PackagedService via = i % 2 == 0 ? a : b;
                String title = "Hook " + i + " " + UUID.randomUUID();
                created.add(writers.submit(() -> createPublished(via, title)));
            }
            for (Future<String> id : created) {
                ids.add(id.get(60, TimeUnit.SECONDS));
            }
        } finally {
            writers.shutdownNow();
        }
        long createdAll = System.nanoTime();

        receiver.await(r -> r.ofType("news.published").map(LoopbackReceiver.Request::webhookId).distinct().count() >= ITEMS,
                Duration.ofSeconds(60), () -> "webhook messages in the database: " + messageCounts(subscriptionId)
                        + "\n--- A ---\n" + String.join("\n", a.output()) + "\n--- B ---\n" + String.join("\n", b.output()));
        long arrivedAll = System.nanoTime();
        Thread.sleep(1500); // a duplicate would come now (both instances poll every 200 ms)
        List<LoopbackReceiver.Request> got = receiver.requests();

        // the figures first, so that they are printed even when an assertion fails
        List<Long> latencies = new ArrayList<>();
        for (LoopbackReceiver.Request request : got) {
            Instant occurred = Instant.parse(JSON.readTree(request.body()).get("timestamp").asText());
            latencies.add(Duration.between(occurred, request.at()).toMillis());
        }
        Collections.sort(latencies);
        System.out.printf("N=%d: created in %d ms (6 writers, alternating A/B); all %d delivered %d ms after the first write,"
                + " %d ms after the last; %d request(s) in all%n", ITEMS, TimeUnit.NANOSECONDS.toMillis(createdAll - creating),
                ITEMS, TimeUnit.NANOSECONDS.toMillis(arrivedAll - creating), TimeUnit.NANOSECONDS.toMillis(arrivedAll - createdAll),
                got.size());
        if (!latencies.isEmpty()) {
            System.out.printf("Event timestamp to arrival: min %d ms, median %d ms, p95 %d ms, max %d ms%n", latencies.get(0),
                    latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.95) - 1),
                    latencies.get(latencies.size() - 1));
        }
        Map<Integer, String> owners = receiver.senders(Map.of("A", a.process().pid(), "B", b.process().pid()));
        System.out.println("Requests per delivering instance (by the sending socket): " + got.stream()
                .collect(Collectors.groupingBy(r -> owners.getOrDefault(r.remotePort(), "unknown"),
                        TreeMap::new, Collectors.counting())));

        // once per event, every item once, signed, and in the order of the outbox: all checked, all reported
        Map<String, Long> perId = got.stream().collect(Collectors.groupingBy(LoopbackReceiver.Request::webhookId,
                LinkedHashMap::new, Collectors.counting()));
        Map<String, Long> duplicates = perId.entrySet().stream().filter(e -> e.getValue() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<String> queued = queuedWebhookIds(subscriptionId);
        List<String> recorded = recordedWebhookIds(subscriptionId);
        List<String> arrived = List.copyOf(perId.keySet()); // in the order of first arrival
        Map<String, Set<String>> eventsPerItem = new TreeMap<>(); // item id: the webhook-ids whose data.id it is
        for (LoopbackReceiver.Request request : got) {
            eventsPerItem.computeIfAbsent(JSON.readTree(request.body()).get("data").get("id").asText(), k -> new java.util.TreeSet<>())
                    .add(request.webhookId());
        }
        assertAll(
                () -> assertEquals(Map.of(), duplicates, () -> "webhook-ids received more than once:\n"
                        + duplicateReport(duplicates.keySet(), got, owners)),
                () -> assertEquals(ITEMS, got.size(), "one request per event, nothing else"),
                () -> assertEquals(ITEMS, perId.size(), "as many webhook-ids as items"),
                () -> {
                    for (LoopbackReceiver.Request request : got) {
                        assertEquals("news.published", JSON.readTree(request.body()).get("type").asText(), request.body());
                    }
                },
                () -> assertEquals(new TreeMap<>(ids.stream().collect(Collectors.toMap(id -> id, id -> 1))),
                        eventsPerItem.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().size(),
                                (x, y) -> x, TreeMap::new)),
                        "every created item is the data.id of exactly one event, and no other item is"),
                () -> {
                    // signed as Standard Webhooks says (checked by its reference implementation)
                    for (LoopbackReceiver.Request request : got) {
                        verify(verifier, request);
                    }
                },
                () -> assertEquals(ITEMS, queued.size(), "one message per event in the database"),
                // one at a time: they arrive in the order their deliveries were recorded. (Not necessarily in the order of
                // webhook_message.seq: of two writes committing at the same moment, the one with the lower seq may become
                // visible second; the events of one item are always in order, see WebhookDeliveryTest.)
                () -> assertEquals(recorded, arrived, () -> "events arrive in the order their deliveries"
                        + " were recorded; first difference at position " + firstDifference(recorded, arrived)
                        + "\n" + seqReport(subscriptionId, arrived)),
                () -> assertEquals(Set.copyOf(queued), Set.copyOf(arrived), "every queued event arrived"),
                // and the database agrees: everything delivered, at the first attempt
                () -> assertEquals(Map.of("delivered", ITEMS), messageCounts(subscriptionId), "every message is recorded delivered"),
                () -> assertEquals(ITEMS, count("select count(*) from webhook_delivery where subscription_id = ? and attempt = 1"
                        + " and status_code = 204 and error is null", subscriptionId), "one successful attempt per message"),
                () -> assertEquals(ITEMS, count("select count(*) from webhook_delivery where subscription_id = ?", subscriptionId),
                        "no other attempts"));
        for (PackagedService service : List.of(a, b)) {
            assertTrue(service.process().isAlive(), "instance " + service.name() + " kept running");
            List<String> warnings = service.output().stream().filter(line -> line.contains("Webhook")).toList();
            System.out.printf("Instance %s: %d webhook warning(s)%s%n", service.name(), warnings.size(),
                    warnings.isEmpty() ? "" : ":\n" + String.join("\n", warnings));
            assertEquals(List.of(), warnings, "no delivery of instance " + service.name() + " failed");
        }
    }

    @Test
    void killedInstanceLosesNothing() throws Exception {
        LoopbackReceiver receiver = receiver(true);
        String database = createDatabase("killed_instance");
        // A waits long for the answer, so that the hung request ends only by the kill
        PackagedService a = start("A", database, "-Dticker.webhooks.timeout=60s");
        a.awaitReady();
        JsonNode subscription = subscribe(a, receiver);
        UUID subscriptionId = UUID.fromString(subscription.get("id").asText());
        Webhook verifier = new Webhook(subscription.get("secret").asText());

        String first = createPublished(a, "Before the kill " + UUID.randomUUID());
        LoopbackReceiver.Request held = receiver.awaitHeld(Duration.ofSeconds(30));
        long heldAt = System.nanoTime();
        assertEquals(first, JSON.readTree(held.body()).get("data").get("id").asText(), "the first event is the item's");
        verify(verifier, held);

        // B starts while A holds the subscription: it must not send anything meanwhile
        PackagedService b = start("B", database);
        b.awaitReady();
        Thread.sleep(1000); // five of B's polls
        assertEquals(1, receiver.requests().size(), () -> "nothing but A's request while A delivers: " + receiver.requests());
        assertEquals(Map.of("pending", 1), messageCounts(subscriptionId), "A's attempt is not recorded yet");

        // SIGKILL of A's JVM (started as java -jar: the process is the JVM), the receiver never answers it
        assertTrue(a.process().isAlive());
        long killed = System.nanoTime();
        a.process().destroyForcibly();
        assertTrue(a.process().waitFor(30, TimeUnit.SECONDS), "A died");
        receiver.release(); // closes the held exchange without an answer (its connection is gone anyway)

        LoopbackReceiver.Request again = receiver.await(r -> r.all().size() >= 2, Duration.ofSeconds(30),
                () -> "webhook messages: " + messageCounts(subscriptionId) + "\n--- B ---\n" + String.join("\n", b.output()))
                .get(1);
        long redelivered = System.nanoTime();
        long deliveredRecorded = awaitDelivered(subscriptionId, Duration.ofSeconds(10));
        System.out.printf("Kill: A held the request %d ms before the kill; B sent the same event again %d ms after the kill,"
                + " recorded delivered %d ms after the kill%n", TimeUnit.NANOSECONDS.toMillis(killed - heldAt),
                TimeUnit.NANOSECONDS.toMillis(redelivered - killed), TimeUnit.NANOSECONDS.toMillis(deliveredRecorded - killed));
        assertEquals(held.webhookId(), again.webhookId(), "the same webhook-id again");
        assertEquals(held.body(), again.body(), "the same body again");
        verify(verifier, again);
        assertEquals(Map.of("delivered", 1), messageCounts(subscriptionId), "delivered; no undelivered rows left");
        assertEquals(0, count("select count(*) from webhook_message where delivered_at is null and subscription_id = ?",
                subscriptionId));
        assertEquals(List.of("1:204"), attempts(subscriptionId), "one recorded attempt (B's); A's left no record");

        // what comes next arrives behind it
        long createdSecond = System.nanoTime();
        String second = createPublished(b, "After the kill " + UUID.randomUUID());
        receiver.await(r -> r.all().size() >= 3, Duration.ofSeconds(15), () -> "webhook messages: " + messageCounts(subscriptionId));
        long arrivedSecond = System.nanoTime();
        Thread.sleep(1000); // a duplicate would come now
        List<LoopbackReceiver.Request> got = receiver.requests();
        System.out.printf("After the kill: the next item's event arrived %d ms after its POST was sent; %d request(s) in all%n",
                TimeUnit.NANOSECONDS.toMillis(arrivedSecond - createdSecond), got.size());
        assertEquals(3, got.size(), () -> "held, sent again, next: " + got);
        assertEquals(second, JSON.readTree(got.get(2).body()).get("data").get("id").asText(), "the second item's event comes last");
        assertFalse(got.get(2).webhookId().equals(held.webhookId()), "a new event, a new webhook-id");
        assertTrue(got.get(2).at().isAfter(again.at()), "the second arrives after the first was sent again");
        verify(verifier, got.get(2));
        assertEquals(List.of(held.webhookId(), got.get(2).webhookId()), queuedWebhookIds(subscriptionId),
                "the order of the outbox");
        assertEquals(Map.of("delivered", 2), messageCounts(subscriptionId));
        assertEquals(List.of("1:204", "1:204"), attempts(subscriptionId), "one attempt per message");
        assertTrue(b.process().isAlive(), "B kept running");
    }

    // --- requests to the service -------------------------------------------------------------------

    private JsonNode subscribe(PackagedService service, LoopbackReceiver receiver) throws IOException, InterruptedException {
        HttpResponse<String> created = service.send("POST", "/v1/webhooks", ADMIN_TOKEN,
                "{\"url\":\"" + receiver.url() + "\",\"events\":[\"*\"],\"description\":\"WebhooksIT\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode subscription = JSON.readTree(created.body());
        assertTrue(subscription.path("secret").asText().startsWith("whsec_"), created.body());
        return subscription;
    }

    private String createPublished(PackagedService service, String title) throws IOException, InterruptedException {
        HttpResponse<String> created = service.send("POST", "/v1/news", ADMIN_TOKEN,
                "{\"title\":\"" + title + "\",\"status\":\"published\"}");
        assertEquals(201, created.statusCode(), created.body());
        JsonNode item = JSON.readTree(created.body());
        assertEquals("published", item.get("status").asText(), created.body());
        return item.get("id").asText();
    }

    private static void verify(Webhook verifier, LoopbackReceiver.Request request) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
            assertNotNull(request.headers().get(name), () -> name + " is missing: " + request);
            headers.put(name, List.of(request.headers().get(name)));
        }
        try {
            verifier.verify(request.body(), headers);
        } catch (WebhookVerificationException e) {
            throw new AssertionError("signature of " + request.webhookId() + " does not verify: " + e.getMessage() + "\n" + request, e);
        }
        assertTrue(request.webhookId().matches("msg_[0-9a-f]{32}"), request.webhookId());
        long timestamp = Long.parseLong(request.headers().get("webhook-timestamp"));
        assertTrue(Math.abs(timestamp - request.at().getEpochSecond()) <= 5, () -> "webhook-timestamp is the time of sending: " + request);
        assertEquals("application/json", request.headers().get("content-type"), request.toString());
    }

    // --- the database ------------------------------------------------------------------------------

    /** A database of its own for a test, so that no subscription of another test gets its events. */
    private static String createDatabase(String name) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name);
            statement.execute("create database " + name);
        }
        currentDatabase = name;
        return name;
    }

    private static Connection connect(String database) throws SQLException {
        return postgres.getDatabase("postgres", database).getConnection();
    }

    /** The database of the running test (createDatabase). */
    private static String currentDatabase;

    /** The webhook-ids of the subscription's recorded attempts, in the order they were recorded. */
    private static List<String> recordedWebhookIds(UUID subscription) throws SQLException {
        return query("select event_id from webhook_delivery where subscription_id = ? order by seq", subscription, rows -> {
            List<String> all = new ArrayList<>();
            while (rows.next()) {
                all.add("msg_" + rows.getObject(1, UUID.class).toString().replace("-", ""));
            }
            return all;
        });
    }

    /** The webhook-ids of the subscription's messages in the order of seq. */
    private static List<String> queuedWebhookIds(UUID subscription) throws SQLException {
        return query("select e.id from webhook_message m join webhook_event e on e.id = m.event_id where m.subscription_id = ?"
                + " order by m.seq", subscription, rows -> {
                    List<String> ids = new ArrayList<>();
                    while (rows.next()) {
                        ids.add("msg_" + rows.getString(1).replace("-", ""));
                    }
                    return ids;
                });
    }

    /** For a failed order check: seq, the event's time, when it was delivered, and its place on arrival. */
    private static String seqReport(UUID subscription, List<String> arrived) {
        try {
            return query("select m.seq, e.id, e.occurred_at, m.created_at, m.delivered_at from webhook_message m join webhook_event e"
                    + " on e.id = m.event_id where m.subscription_id = ? order by m.seq", subscription, rows -> {
                        StringBuilder report = new StringBuilder("seq | event occurred_at | delivered_at | position on arrival\n");
                        while (rows.next()) {
                            String id = "msg_" + rows.getString(2).replace("-", "");
                            report.append(rows.getLong(1)).append(" | ").append(rows.getString(3)).append(" | ")
                                    .append(rows.getString(5)).append(" | ").append(arrived.indexOf(id)).append('\n');
                        }
                        return report.toString();
                    });
        } catch (SQLException e) {
            return e.toString();
        }
    }

    /** The subscription's messages: how many are delivered, how many pending. */
    private static Map<String, Integer> messageCounts(UUID subscription) {
        try {
            return query("select case when delivered_at is null then 'pending' else 'delivered' end, count(*) from webhook_message"
                    + " where subscription_id = ? group by 1 order by 1", subscription, rows -> {
                        Map<String, Integer> counts = new TreeMap<>();
                        while (rows.next()) {
                            counts.put(rows.getString(1), rows.getInt(2));
                        }
                        return counts;
                    });
        } catch (SQLException e) {
            return Map.of(e.toString(), -1);
        }
    }

    /** The subscription's recorded attempts, oldest first, as attempt:status. */
    private static List<String> attempts(UUID subscription) throws SQLException {
        return query("select attempt, status_code from webhook_delivery where subscription_id = ? order by seq", subscription, rows -> {
            List<String> attempts = new ArrayList<>();
            while (rows.next()) {
                attempts.add(rows.getInt(1) + ":" + rows.getString(2));
            }
            return attempts;
        });
    }

    private static int count(String sql, UUID subscription) throws SQLException {
        return query(sql, subscription, rows -> rows.next() ? rows.getInt(1) : 0);
    }

    /** Polls until no message of the subscription is pending; answers System.nanoTime() then. */
    private static long awaitDelivered(UUID subscription, Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count("select count(*) from webhook_message where subscription_id = ? and delivered_at is null", subscription) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still pending after " + timeout + ": " + messageCounts(subscription));
            }
            Thread.sleep(20);
        }
        return System.nanoTime();
    }

    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    private static <T> T query(String sql, UUID subscription, Rows<T> rows) throws SQLException {
        try (Connection connection = connect(currentDatabase);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, subscription);
            try (ResultSet result = statement.executeQuery()) {
                return rows.read(result);
            }
        }
    }

    /**
     * For webhook-ids received twice: each arrival (when, from which instance, its position) and the
     * attempts the database recorded for the event (the claim statement's start, how long the send
     * took, the answer), with the message's delivered_at.
     */
    private static String duplicateReport(Set<String> webhookIds, List<LoopbackReceiver.Request> got, Map<Integer, String> senders) {
        StringBuilder report = new StringBuilder();
        for (String webhookId : webhookIds) {
            report.append(webhookId).append('\n');
            for (int i = 0; i < got.size(); i++) {
                LoopbackReceiver.Request request = got.get(i);
                if (request.webhookId().equals(webhookId)) {
                    report.append("  arrival #").append(i).append(" at ").append(request.at()).append(" from instance ")
                            .append(senders.getOrDefault(request.remotePort(), "?")).append(" (port ").append(request.remotePort())
                            .append("), webhook-timestamp ").append(request.headers().get("webhook-timestamp")).append('\n');
                }
            }
            UUID event = UUID.fromString(webhookId.substring(4).replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
            try (Connection connection = connect(currentDatabase);
                    PreparedStatement statement = connection.prepareStatement("select d.seq, d.message_seq, d.attempt,"
                            + " d.attempted_at, d.duration_ms, d.status_code, d.error, m.attempts, m.delivered_at from webhook_delivery d"
                            + " join webhook_message m on m.seq = d.message_seq where d.event_id = ? order by d.seq")) {
                statement.setObject(1, event);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        report.append("  recorded attempt (delivery seq ").append(rows.getLong(1)).append(", message seq ")
                                .append(rows.getLong(2)).append("): attempt ").append(rows.getInt(3)).append(", claim statement at ")
                                .append(rows.getString(4)).append(", sent in ").append(rows.getInt(5)).append(" ms, status ")
                                .append(rows.getString(6)).append(", error ").append(rows.getString(7)).append("; message: attempts ")
                                .append(rows.getInt(8)).append(", delivered_at ").append(rows.getString(9)).append('\n');
                    }
                }
            } catch (SQLException e) {
                report.append("  ").append(e).append('\n');
            }
        }
        return report.toString();
    }

    private static int firstDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return i;
            }
        }
        return Math.min(expected.size(), actual.size());
    }

    // --- the service processes ---------------------------------------------------------------------

    private PackagedService start(String name, String database, String... properties) throws IOException {
        List<String> options = new ArrayList<>(List.of(
                "-Dticker.embedded.data-dir=" + work.resolve("unused"),
                "-Dticker.webhooks.allow-private-targets=true",
                "-Dticker.webhooks.poll-interval=200ms"));
        options.addAll(List.of(properties));
        PackagedService service = PackagedService.start(name, PackagedService.environment(postgres, database, ADMIN_TOKEN),
                options.toArray(String[]::new));
        started.add(service);
        return service;
    }

    // --- the receiver ------------------------------------------------------------------------------

    private LoopbackReceiver receiver(boolean holdFirst) throws IOException {
        LoopbackReceiver receiver = new LoopbackReceiver(holdFirst);
        receivers.add(receiver);
        return receiver;
    }

    /**
     * A webhook receiver on 127.0.0.1: records every request (headers in lower case, body, arrival)
     * and answers 204; when asked to, it holds the first request without answering until released,
     * then closes it without an answer.
     */
    static final class LoopbackReceiver implements AutoCloseable {

        record Request(Map<String, String> headers, String body, Instant at, int remotePort) {
            String webhookId() {
                return headers.get("webhook-id");
            }
        }

        /** A view of what arrived, for conditions. */
        record Seen(List<Request> all) {
            java.util.stream.Stream<Request> ofType(String type) {
                return all.stream().filter(r -> r.body().contains("\"type\":\"" + type + "\""));
            }
        }

        private final HttpServer server;
        private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "loopback-receiver");
            thread.setDaemon(true);
            return thread;
        });
        private final List<Request> requests = new ArrayList<>();
        private final boolean holdFirst;
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);

        LoopbackReceiver(boolean holdFirst) throws IOException {
            this.holdFirst = holdFirst;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(executor);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/ticker";
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT),
                    String.join(",", values)));
            Request request = new Request(headers, body, Instant.now(), exchange.getRemoteAddress().getPort());
            boolean hold;
            synchronized (requests) {
                requests.add(request);
                hold = holdFirst && requests.size() == 1;
                requests.notifyAll();
            }
            if (hold) {
                held.countDown();
                try {
                    released.await(120, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close(); // no answer
                return;
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        }

        List<Request> requests() {
            synchronized (requests) {
                return List.copyOf(requests);
            }
        }

        /** Waits until the condition holds for what arrived; answers what arrived then. */
        List<Request> await(Predicate<Seen> condition, Duration timeout, java.util.function.Supplier<String> diagnosis)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (requests) {
                while (!condition.test(new Seen(List.copyOf(requests)))) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new AssertionError("the receiver did not get what was expected within " + timeout + "; it got "
                                + requests.size() + " request(s), " + requests.stream().map(Request::webhookId).distinct().count()
                                + " distinct webhook-id(s)\n" + diagnosis.get());
                    }
                    requests.wait(left);
                }
                return List.copyOf(requests);
            }
        }

        Request awaitHeld(Duration timeout) throws InterruptedException {
            assertTrue(held.await(timeout.toMillis(), TimeUnit.MILLISECONDS), "no request within " + timeout);
            return requests().get(0);
        }

        void release() {
            released.countDown();
        }

        /**
         * Best effort: which process sent from which local port, found from the sockets still open
         * (Linux /proc; the senders keep their connections alive).
         */
        Map<Integer, String> senders(Map<String, Long> pids) {
            Map<Integer, String> owner = new HashMap<>();
            try {
                Map<Integer, String> inodeByPort = new HashMap<>();
                int port = server.getAddress().getPort();
                for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
                    Path path = Path.of(table);
                    if (!Files.exists(path)) {
                        continue;
                    }
                    List<String> lines = Files.readAllLines(path);
                    for (String line : lines.subList(1, lines.size())) {
                        String[] f = line.trim().split("\\s+");
                        int local = Integer.parseInt(f[1].substring(f[1].indexOf(':') + 1), 16);
                        int remote = Integer.parseInt(f[2].substring(f[2].indexOf(':') + 1), 16);
                        if (remote == port) {
                            inodeByPort.put(local, f[9]);
                        }
                    }
                }
                for (Map.Entry<String, Long> pid : pids.entrySet()) {
                    Set<String> sockets = new java.util.HashSet<>();
                    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", pid.getValue().toString(), "fd"))) {
                        for (Path fd : fds) {
                            try {
                                sockets.add(Files.readSymbolicLink(fd).toString());
                            } catch (IOException e) {
                                // closed meanwhile
                            }
                        }
                    }
                    inodeByPort.forEach((local, inode) -> {
                        if (sockets.contains("socket:[" + inode + "]")) {
                            owner.put(local, pid.getKey());
                        }
                    });
                }
            } catch (IOException | RuntimeException e) {
                System.out.println("Senders not found: " + e);
            }
            return owner;
        }

        @Override
        public void close() {
            released.countDown();
            server.stop(0);
            executor.shutdownNow();
        }

        @Override
        public String toString() {
            return requests().toString();
        }
    }
}
