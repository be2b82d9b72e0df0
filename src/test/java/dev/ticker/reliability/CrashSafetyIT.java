package dev.ticker.reliability;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import dev.ticker.PackagedService;

/**
 * Crash safety (issue 13): the packaged service on the machine's PostgreSQL server, under a write
 * load of several clients (news items and members, created and changed; a webhook subscription
 * for every event, so each public change also writes the outbox), is killed with SIGKILL at
 * random moments and started again, again and again. The clients record every write the service
 * acknowledged (2xx with the item's id and version) and every write that failed or got no
 * answer (unknown). At the end the database, read over JDBC, must hold every acknowledged write
 * with its content at its version, every item whole (its revisions match its version and
 * content, each public change has its one event and message), and each unknown write either
 * whole or not at all.
 *
 * <p>Parameters (system properties, set by {@code reliability/run.sh}): {@code reliability.smoke}
 * (3 kills unless {@code reliability.kills} says otherwise, else 20), {@code reliability.kills},
 * {@code reliability.seed}, {@code reliability.threads} (4), {@code reliability.postgres}
 * ({@code 127.0.0.1:5432}, user postgres, database {@code test} to create the run's database).
 * Figures: target/reliability/crash-safety.json.
 */
class CrashSafetyIT {

    private static final String ADMIN_TOKEN = "crash-safety-admin";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String NEWS_PREFIX = "Crash news ";
    private static final String MEMBER_PREFIX = "Crash member ";

    private final boolean smoke = Boolean.getBoolean("reliability.smoke");
    private final int kills = Integer.getInteger("reliability.kills", smoke ? 3 : 20);
    private final long seed = Long.getLong("reliability.seed", System.currentTimeMillis());
    private final int threads = Integer.getInteger("reliability.threads", 4);
    private final String server = System.getProperty("reliability.postgres", "127.0.0.1:5432");
    /** How long the service runs under load before a kill: uniform in [min, max] ms. */
    private final long upMin = Long.getLong("reliability.up-min-ms", 300);
    private final long upMax = Long.getLong("reliability.up-max-ms", smoke ? 3000 : 6000);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
    private final List<Unknown> unknowns = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, Integer> received = new ConcurrentHashMap<>(); // webhook-id: arrivals

    private String database;
    private PackagedService service;
    private HttpServer receiver;
    private int port;
    private volatile boolean up;
    private volatile boolean stop;
    private final List<Future<?>> running = new ArrayList<>();

    /** A write the service acknowledged: what was sent, and the id and version it answered. */
    record Ack(String type, String op, String id, int version, String title, String text, String status) {
    }

    /** A write that failed or got no answer: it may or may not have happened. */
    record Unknown(String type, String op, String id, String title, String cause) {
    }

    @AfterEach
    void cleanUp() throws Exception {
        stop = true;
        if (service != null) {
            service.process().destroyForcibly();
            service.process().waitFor(30, TimeUnit.SECONDS);
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (database != null && !Boolean.getBoolean("reliability.keep-database")) {
            try (Connection connection = admin(); Statement statement = connection.createStatement()) {
                statement.execute("drop database if exists " + database + " with (force)");
            }
        }
    }

    @Test
    void killedServiceLosesNoAcknowledgedWrite() throws Exception {
        System.out.printf("Crash safety: %d kills, %d client threads, seed %d (-Dreliability.seed=%d repeats the kill moments"
                + " and the clients' choices), PostgreSQL %s%n", kills, threads, seed, seed, server);
        Random random = new Random(seed);
        database = "ticker_crash_" + DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC).format(Instant.now())
                + "_" + Integer.toHexString(random.nextInt(0x10000));
        try (Connection connection = admin(); Statement statement = connection.createStatement()) {
            statement.execute("create database " + database);
        }
        startReceiver();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        long begun = System.nanoTime();
        start(0);
        HttpResponse<String> subscribed = send("POST", "/v1/webhooks", "{\"url\":\"http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hooks\",\"events\":[\"*\"],\"description\":\"CrashSafetyIT\"}");
        assertEquals(201, subscribed.statusCode(), subscribed.body());

        // the clients: each owns its items, so that no write of one waits for or conflicts with another's
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            long clientSeed = random.nextLong();
            int client = t;
            running.add(clients.submit(() -> {
                client(client, new Random(clientSeed));
                return null;
            }));
        }

        List<Long> restarts = new ArrayList<>();
        List<Long> firstWrites = new ArrayList<>();
        int acksBefore = 0;
        long killedAt = 0;
        for (int kill = 1; kill <= kills; kill++) {
            // the load runs: the moment of the kill counts from the first write the (new) instance
            // acknowledges, so that each kill hits writes, not a JVM still warming up
            awaitAck(acksBefore);
            if (kill > 1) {
                firstWrites.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
            }
            long upFor = upMin + (long) (random.nextDouble() * (upMax - upMin));
            Thread.sleep(upFor);
            // SIGKILL of the JVM itself (java -jar, no wrapper shell)
            killedAt = System.nanoTime();
            up = false;
            service.process().destroyForcibly();
            assertTrue(service.process().waitFor(30, TimeUnit.SECONDS), "the killed JVM ended");
            int acksNow = acks.size();
            start(kill);
            long restart = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
            restarts.add(restart);
            System.out.printf("Kill %d/%d %d ms after the instance's first acknowledged write (%d writes acknowledged since the"
                    + " last kill): ready again %d ms after the kill%n", kill, kills, upFor, acksNow - acksBefore, restart);
            acksBefore = acksNow;
        }
        if (kills > 0) {
            awaitAck(acksBefore);
            firstWrites.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
        }
        Thread.sleep(upMin + (long) (random.nextDouble() * (upMax - upMin)));
        stop = true;
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS), "the clients stopped");
        for (Future<?> client : running) {
            client.get();
        }
        // the outbox after all the kills: every message is delivered by the last instance
        long pending = awaitDelivered(Duration.ofSeconds(smoke ? 60 : 120));
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - begun);
        service.process().destroyForcibly();
        service.process().waitFor(30, TimeUnit.SECONDS);

        Check check = check(pending);
        Collections.sort(restarts);
        Collections.sort(firstWrites);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("test", "CrashSafetyIT");
        figures.put("date", Instant.now().toString());
        figures.put("mode", smoke ? "smoke" : "long");
        figures.put("seed", seed);
        figures.put("clientThreads", threads);
        figures.put("durationSeconds", seconds);
        figures.put("kills", restarts.size());
        figures.put("writesAcknowledged", acks.size());
        figures.put("acknowledgedFound", check.ackFound);
        figures.put("lost", acks.size() - check.ackFound);
        figures.put("unknown", unknowns.size());
        figures.put("unknownLanded", check.unknownLanded);
        figures.put("unknownAbsent", check.unknownAbsent);
        figures.put("refusedWhileDown", refused.get());
        figures.put("itemsChecked", check.items);
        figures.put("revisionsChecked", check.revisions);
        figures.put("eventsChecked", check.events);
        figures.put("halfWritten", check.problems.size());
        figures.put("messagesUndelivered", pending);
        figures.put("eventsReceived", received.size());
        figures.put("redeliveries", received.values().stream().mapToInt(n -> n - 1).sum());
        figures.put("restartMsMedian", restarts.isEmpty() ? null : restarts.get(restarts.size() / 2));
        figures.put("restartMsMin", restarts.isEmpty() ? null : restarts.get(0));
        figures.put("restartMsMax", restarts.isEmpty() ? null : restarts.get(restarts.size() - 1));
        figures.put("firstWriteAfterKillMsMedian", firstWrites.isEmpty() ? null : firstWrites.get(firstWrites.size() / 2));
        figures.put("acknowledgedByKind", acks.stream().collect(java.util.stream.Collectors.groupingBy(a -> a.type + " " + a.op,
                TreeMap::new, java.util.stream.Collectors.counting())));
        figures.put("problems", java.util.stream.Stream.concat(check.ackProblems.stream(), check.problems.stream()).limit(50).toList());
        Path out = Path.of("target", "reliability");
        Files.createDirectories(out);
        Files.writeString(out.resolve("crash-safety.json"), JSON.writeValueAsString(figures));
        System.out.println("Crash safety figures: " + JSON.writeValueAsString(figures));

        assertAll(
                () -> assertEquals(kills, restarts.size(), "kills"),
                () -> assertTrue(acks.size() >= 10 * kills, () -> "enough writes acknowledged to mean something: " + acks.size()),
                () -> assertEquals(List.of(), check.ackProblems, "every acknowledged write is in the database, as sent"),
                () -> assertEquals(acks.size(), check.ackFound, "every acknowledged write found"),
                () -> assertEquals(List.of(), check.problems, "no item half-written, no unknown write half there"),
                () -> assertEquals(unknowns.size(), check.unknownLanded + check.unknownAbsent, "each unknown write whole or absent"),
                () -> assertEquals(acks.size() + check.unknownLanded, check.revisions,
                        "every revision is an acknowledged write or an unknown one that landed: nothing else was written"),
                () -> assertEquals(0, pending, "every webhook message delivered after the last restart"),
                () -> assertEquals(check.events, received.size(), "every event reached the receiver"));
    }

    // --- the load ----------------------------------------------------------------------------------

    /** An item a client owns, as far as it knows it. */
    private static final class Item {
        final String type;
        final String id;
        String status; // news: draft or published; null for members
        boolean uncertain; // a write whose outcome is unknown came after what the client knows

        Item(String type, String id, String status) {
            this.type = type;
            this.id = id;
            this.status = status;
        }
    }

    private void client(int client, Random random) throws Exception {
        List<Item> mine = new ArrayList<>();
        int n = 0;
        while (!stop) {
            if (!up) {
                Thread.sleep(20);
                continue;
            }
            String marker = "c" + client + "-" + (++n);
            if (mine.size() < 3 || random.nextInt(100) < 30) {
                create(mine, random, marker);
            } else {
                update(mine.get(random.nextInt(mine.size())), random, marker);
            }
        }
    }

    private void create(List<Item> mine, Random random, String marker) throws Exception {
        boolean news = random.nextBoolean();
        String type = news ? "news" : "members";
        String title = (news ? NEWS_PREFIX : MEMBER_PREFIX) + marker;
        String text = "Text " + marker + " " + Long.toHexString(random.nextLong());
        ObjectNode body = JSON.createObjectNode();
        String status = null;
        if (news) {
            status = random.nextInt(4) == 0 ? "draft" : "published";
            body.put("title", title).put("body", text).put("status", status);
        } else {
            body.put("name", title).put("city", text);
        }
        HttpResponse<String> response = write("POST", "/v1/" + type, body, type, "create", null, title);
        if (response != null) {
            assertEquals(201, response.statusCode(), response.body());
            JsonNode item = JSON.readTree(response.body());
            acks.add(new Ack(type, "create", item.get("id").asText(), item.get("version").asInt(), title, text, status));
            mine.add(new Item(type, item.get("id").asText(), status));
        }
    }

    private void update(Item item, Random random, String marker) throws Exception {
        if (item.uncertain && !reread(item)) {
            return;
        }
        boolean news = item.type.equals("news");
        String title = (news ? NEWS_PREFIX : MEMBER_PREFIX) + marker;
        String text = "Text " + marker + " " + Long.toHexString(random.nextLong());
        ObjectNode body = JSON.createObjectNode();
        String status = item.status;
        if (news) {
            body.put("title", title).put("body", text);
            if (random.nextInt(5) == 0) { // now and then it is published, or taken back
                status = "published".equals(item.status) ? "draft" : "published";
                body.put("status", status);
            }
        } else {
            body.put("name", title).put("city", text);
        }
        HttpResponse<String> response = write("PATCH", "/v1/" + item.type + "/" + item.id, body, item.type, "update", item, title);
        if (response != null) {
            assertEquals(200, response.statusCode(), response.body());
            JsonNode written = JSON.readTree(response.body());
            acks.add(new Ack(item.type, "update", item.id, written.get("version").asInt(), title, text, status));
            item.status = status;
        }
    }

    /** Reads an item after an unknown write; false when the service does not answer now. */
    private boolean reread(Item item) throws InterruptedException {
        try {
            HttpResponse<String> response = send("GET", "/v1/" + item.type + "/" + item.id, null);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode read = JSON.readTree(response.body());
            item.status = read.hasNonNull("status") ? read.get("status").asText() : null;
            item.uncertain = false;
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Sends a write; answers the response when the service answered it with a status below 500,
     * or null when the outcome is unknown (no answer, a 5xx) or the request was refused before it
     * was sent (the service was down).
     */
    private HttpResponse<String> write(String method, String path, ObjectNode body, String type, String op, Item item, String title)
            throws InterruptedException {
        try {
            HttpResponse<String> response = send(method, path, body.toString());
            if (response.statusCode() < 500) {
                return response;
            }
            unknowns.add(new Unknown(type, op, item == null ? null : item.id, title, "status " + response.statusCode()));
        } catch (ConnectException e) {
            refused.incrementAndGet(); // not sent: nothing can have been written
            return null;
        } catch (IOException e) {
            unknowns.add(new Unknown(type, op, item == null ? null : item.id, title, e.getClass().getSimpleName()));
        }
        if (item != null) {
            item.uncertain = true;
        }
        return null;
    }

    private HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    // --- the service, the receiver, the database ---------------------------------------------------

    private void start(int generation) throws IOException, InterruptedException {
        service = PackagedService.start("crash-" + generation, port, Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + server + "/" + database,
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "",
                "TICKER_ADMIN_TOKEN", ADMIN_TOKEN),
                "-Dticker.webhooks.allow-private-targets=true", "-Dticker.webhooks.poll-interval=200ms");
        // the process killed is the JVM itself: java -jar, no shell or launcher in between
        String command = service.process().info().command().orElse("");
        assertTrue(command.endsWith("/java") || command.endsWith("\\java.exe"), () -> "the service process is " + command);
        service.awaitReady();
        up = true;
    }

    private void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "crash-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        receiver.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            if (id != null) {
                received.merge(id, 1, Integer::sum);
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + server + "/test", "postgres", "");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + server + "/" + database, "postgres", "");
    }

    /** Waits until the clients have more than {@code before} acknowledged writes. */
    private void awaitAck(int before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (acks.size() <= before) {
            for (Future<?> client : running) {
                if (client.isDone()) {
                    client.get(); // a client that failed fails the test now, with its error
                }
            }
            assertTrue(System.nanoTime() < deadline, () -> "no write acknowledged within 2 minutes of the start:\n"
                    + String.join("\n", service.output()));
            Thread.sleep(10);
        }
    }

    /** Waits until no webhook message is pending; answers how many still are. */
    private long awaitDelivered(Duration timeout) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pending;
        while ((pending = count("select count(*) from webhook_message where delivered_at is null")) > 0
                && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return pending;
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    // --- the comparison ----------------------------------------------------------------------------

    private static final class Check {
        int ackFound;
        int unknownLanded;
        int unknownAbsent;
        int items;
        int revisions;
        int events;
        final List<String> problems = new ArrayList<>(); // half-written items, unknown writes half there
        final List<String> ackProblems = new ArrayList<>(); // acknowledged writes lost or changed
    }

    /** One stored revision of an item. */
    record Rev(int number, String operation, String status, int version, String title, String text, int documentVersion) {
    }

    /** The current row of an item. */
    record Row(String type, String id, int version, String title, String text, String status) {
    }

    private Check check(long pending) throws SQLException, IOException {
        Check check = new Check();
        Map<String, Row> rows = new HashMap<>(); // "type/id"
        Map<String, List<Rev>> revisions = new HashMap<>();
        Map<String, List<String>> events = new HashMap<>(); // "type/id": type@version, in no order
        Map<String, Integer> titles = new HashMap<>(); // title: revisions that wrote it
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            try (ResultSet r = statement.executeQuery("select id, version, title, body, status from news")) {
                while (r.next()) {
                    rows.put("news/" + r.getString(1), new Row("news", r.getString(1), r.getInt(2), r.getString(3), r.getString(4),
                            r.getString(5)));
                }
            }
            try (ResultSet r = statement.executeQuery("select id, version, name, city from member")) {
                while (r.next()) {
                    rows.put("members/" + r.getString(1), new Row("members", r.getString(1), r.getInt(2), r.getString(3),
                            r.getString(4), null));
                }
            }
            try (ResultSet r = statement.executeQuery("select resource_type, resource_id, number, operation, status, version,"
                    + " document::text from revision order by resource_type, resource_id, number")) {
                while (r.next()) {
                    JsonNode document = JSON.readTree(r.getString(7));
                    boolean news = r.getString(1).equals("news");
                    String title = document.path(news ? "title" : "name").asText(null);
                    revisions.computeIfAbsent(r.getString(1) + "/" + r.getString(2), k -> new ArrayList<>())
                            .add(new Rev(r.getInt(3), r.getString(4), r.getString(5), r.getInt(6), title,
                                    document.path(news ? "body" : "city").asText(null), document.path("version").asInt(-1)));
                    titles.merge(title, 1, Integer::sum);
                    check.revisions++;
                }
            }
            try (ResultSet r = statement.executeQuery("select e.type, e.body, (select count(*) from webhook_message m"
                    + " where m.event_id = e.id) from webhook_event e")) {
                while (r.next()) {
                    String type = r.getString(1);
                    JsonNode data = JSON.readTree(r.getString(2)).path("data");
                    String collection = type.startsWith("news.") ? "news" : type.startsWith("member.") ? "members" : null;
                    if (collection == null) {
                        check.problems.add("an event of another type: " + type);
                        continue;
                    }
                    check.events++;
                    String version = type.endsWith(".unpublished") ? "-" : data.path("version").asText();
                    events.computeIfAbsent(collection + "/" + data.path("id").asText(), k -> new ArrayList<>())
                            .add(type + "@" + version);
                    if (r.getInt(3) != 1) {
                        check.problems.add("event " + type + " of " + data.path("id").asText() + " has " + r.getInt(3)
                                + " messages, not 1");
                    }
                }
            }
            long orphans = count("select count(*) from webhook_message m where not exists"
                    + " (select 1 from webhook_event e where e.id = m.event_id)");
            if (orphans > 0) {
                check.problems.add(orphans + " webhook message(s) without an event");
            }
        }

        // every item whole: revisions 1..n, the last one its version and content, each public change its event
        for (Row row : rows.values()) {
            check.items++;
            String key = row.type + "/" + row.id;
            List<Rev> revs = revisions.getOrDefault(key, List.of());
            if (revs.isEmpty()) {
                check.problems.add(key + ": an item without revisions");
                continue;
            }
            List<String> expected = new ArrayList<>();
            boolean wasPublic = false;
            String prefix = row.type.equals("news") ? "news." : "member.";
            for (int i = 0; i < revs.size(); i++) {
                Rev rev = revs.get(i);
                if (rev.number != i + 1 || rev.version != i + 1 || rev.documentVersion != rev.version) {
                    check.problems.add(key + ": revision " + rev + " at place " + (i + 1));
                }
                if (i == 0 != rev.operation.equals("create")) {
                    check.problems.add(key + ": revision " + rev.number + " is a " + rev.operation);
                }
                boolean isPublic = row.type.equals("members") || "published".equals(rev.status);
                if (isPublic) {
                    expected.add(prefix + (wasPublic ? "updated" : "published") + "@" + rev.version);
                } else if (wasPublic) {
                    expected.add(prefix + "unpublished@-");
                }
                wasPublic = isPublic;
            }
            Rev last = revs.get(revs.size() - 1);
            if (last.version != row.version || !java.util.Objects.equals(last.title, row.title)
                    || !java.util.Objects.equals(last.text, row.text) || !java.util.Objects.equals(last.status, row.status)) {
                check.problems.add(key + ": the row (version " + row.version + ", " + row.title + ", " + row.status
                        + ") is not its last revision " + last);
            }
            List<String> actual = new ArrayList<>(events.getOrDefault(key, List.of()));
            Collections.sort(expected);
            Collections.sort(actual);
            if (!expected.equals(actual)) {
                check.problems.add(key + ": events " + actual + ", its revisions call for " + expected);
            }
        }
        for (String key : events.keySet()) {
            if (!rows.containsKey(key)) {
                check.problems.add(key + ": events of an item that does not exist: " + events.get(key));
            }
        }
        for (String key : revisions.keySet()) {
            if (!rows.containsKey(key)) {
                check.problems.add(key + ": revisions of an item that does not exist");
            }
        }

        // every acknowledged write: its revision, at its version, with what was sent
        for (Ack ack : acks) {
            String key = ack.type + "/" + ack.id;
            Rev rev = revisions.getOrDefault(key, List.of()).stream().filter(r -> r.version == ack.version).findFirst().orElse(null);
            Row row = rows.get(key);
            if (row == null || rev == null) {
                check.ackProblems.add("lost: " + ack + (row == null ? " (no such item)" : " (no revision at that version)"));
            } else if (!ack.title.equals(rev.title) || !ack.text.equals(rev.text)
                    || (ack.status != null && !ack.status.equals(rev.status)) || row.version < ack.version) {
                check.ackProblems.add("changed: " + ack + " is stored as " + rev + " (the item is at version " + row.version + ")");
            } else {
                check.ackFound++;
            }
        }
        // every unknown write: whole (its one revision, hence its item and events, checked above) or absent
        for (Unknown unknown : unknowns) {
            int written = titles.getOrDefault(unknown.title, 0);
            if (written == 0) {
                check.unknownAbsent++;
            } else if (written == 1) {
                check.unknownLanded++;
            } else {
                check.problems.add(unknown + " is in " + written + " revisions");
            }
        }
        System.out.printf("Checked %d items, %d revisions, %d events; %d message(s) pending%n", check.items, check.revisions,
                check.events, pending);
        return check;
    }
}
