package dev.ticker.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ticker.PackagedService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Scheduled publishing with real, separate service processes on one PostgreSQL: an item an editor
 * schedules is published exactly once when it falls due, however many instances run (each item
 * gets one publish, one revision by the scheduler, and readers of every instance see it), and an
 * item that fell due while no instance was running is published as soon as one starts again.
 */
class ScheduledPublishingIT {

    private static final String ADMIN_TOKEN = "scheduled-publishing-it-admin";
    private static final int ITEMS = 60;
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private static EmbeddedPostgres postgres;
    private static Path work;

    private final List<PackagedService> started = new ArrayList<>();

    @BeforeAll
    static void startPostgres() throws IOException {
        work = Files.createTempDirectory("scheduled-publishing-it");
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
    void twoInstancesPublishEachDueItemExactlyOnce() throws Exception {
        // both at once on an empty database, as a first deployment of two replicas starts: they take
        // turns migrating the schema (Flyway's lock) and storing the admin token (an advisory lock)
        PackagedService a = start("A");
        PackagedService b = start("B");
        a.awaitReady();
        b.awaitReady();

        // scheduled through the API for later, then all made due at the same instant (the database
        // is the schedule: moving their time there is what the passing of time does), so that both
        // instances race for them however long creating them took on a busy machine
        List<String> ids = new ArrayList<>();
        long creating = System.nanoTime();
        for (int i = 0; i < ITEMS; i++) {
            ids.add(createScheduled(a, "Race " + i + " " + UUID.randomUUID(), Instant.now().plus(1, ChronoUnit.HOURS)));
        }
        assertEquals(ITEMS, countWhere("status = 'scheduled'", ids), "nothing is published before it is due");
        for (String id : List.of(ids.get(0), ids.get(ITEMS - 1))) {
            assertEquals(404, a.send("GET", "/v1/news/" + id, null, null).statusCode(), "readers do not see it yet");
            assertEquals(404, b.send("GET", "/v1/news/" + id, null, null).statusCode(), "readers do not see it yet");
        }
        Instant publishAt = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);
        assertEquals(ITEMS, reschedule(ids, publishAt));
        System.out.printf("Created %d items in %d ms, due at %s%n", ITEMS,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - creating), publishAt);

        // readers of instance A see every item, whichever instance published it
        awaitVisible(a, ids, publishAt.plusSeconds(60));
        Duration allVisible = Duration.between(publishAt, Instant.now());
        awaitVisible(b, ids, Instant.now().plusSeconds(10));

        Map<String, Integer> publishes = publishRevisions(ids);
        assertEquals(ITEMS, publishes.size(), "every item has a publish revision by the scheduler");
        publishes.forEach((id, count) -> assertEquals(1, count, "exactly one publish revision for " + id));
        assertEquals(0, countWhere("operation = 'publish' and actor <> 'scheduler'", ids, "revision", "resource_id"),
                "only the scheduler published them");
        assertEquals(ITEMS, countWhere("status = 'published' and version = 2 and published_at is not null", ids),
                "every item is published, at version 2 (created: 1, published: 2)");
        assertEquals(ITEMS * 2, countWhere("true", ids, "revision", "resource_id"),
                "two revisions per item: create and publish, nothing else");

        HttpResponse<String> history = b.send("GET", "/v1/news/" + ids.get(0) + "/revisions", ADMIN_TOKEN, null);
        assertEquals(200, history.statusCode(), history.body());
        assertTrue(history.body().replace(" ", "").matches("(?s)\\{\"items\":\\[\\{\"number\":2,\"operation\":\"publish\","
                + "\"status\":\"published\",\"version\":2,\"author\":\"scheduler\".*"),
                () -> "the newest revision is the scheduler's publish:\n" + history.body());

        Duration lastRevision = Duration.between(publishAt, query("select max(recorded_at) from revision where operation = 'publish'"
                + " and resource_id = any(?)", ids, r -> r.next() ? r.getTimestamp(1).toInstant() : null));
        System.out.printf("N=%d, %d publish revision(s) per item, last publish revision %d ms after due, all visible on A %d ms after due%n",
                ITEMS, publishes.values().stream().distinct().findFirst().orElse(0), lastRevision.toMillis(), allVisible.toMillis());
        System.out.println("Publish revisions per second: " + query("select to_char(date_trunc('second', recorded_at), 'HH24:MI:SS') s,"
                + " count(*) from revision where operation = 'publish' and resource_id = any(?) group by 1 order by 1", ids, ScheduledPublishingIT::counts));
        for (PackagedService service : List.of(a, b)) {
            assertTrue(service.process().isAlive(), "instance " + service.name() + " kept running");
            List<String> warnings = service.output().stream().filter(line -> line.contains("Scheduled publishing")).toList();
            System.out.printf("Instance %s: %d scheduler warning(s)%s%n", service.name(), warnings.size(),
                    warnings.isEmpty() ? "" : ":\n" + String.join("\n", warnings));
            // a publish that lost a race would have failed (and been logged): the row locks let nobody race
            assertEquals(List.of(), warnings, "no run of instance " + service.name() + " failed to publish");
        }
    }

    @Test
    void anItemThatFellDueWhileTheServiceWasDownIsPublishedRightAfterStart() throws Exception {
        PackagedService a = start("A");
        a.awaitReady();
        String id = createScheduled(a, "Due while down " + UUID.randomUUID(), Instant.now().plus(1, ChronoUnit.HOURS));

        a.process().destroy();
        assertTrue(a.process().waitFor(30, TimeUnit.SECONDS), "the service stops on SIGTERM");

        // its time comes while no instance runs
        assertEquals(1, reschedule(List.of(id), Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS)));
        assertEquals(1, countWhere("status = 'scheduled' and version = 1", List.of(id)), "nobody published it meanwhile");

        PackagedService again = start("A'");
        again.awaitReady();
        long ready = System.nanoTime();
        awaitVisible(again, List.of(id), Instant.now().plusSeconds(10));
        System.out.printf("Restart: the item that fell due while the service was down was visible %d ms after ready%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - ready));

        assertEquals(Map.of(id, 1), publishRevisions(List.of(id)), "exactly one publish revision, by the scheduler");
        assertEquals(1, countWhere("status = 'published' and version = 2", List.of(id)), "published, at version 2");
    }

    private String createScheduled(PackagedService service, String title, Instant publishAt) throws IOException, InterruptedException {
        HttpResponse<String> created = service.send("POST", "/v1/news", ADMIN_TOKEN,
                "{\"title\":\"" + title + "\",\"status\":\"scheduled\",\"publishAt\":\"" + publishAt + "\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertTrue(created.body().contains("\"status\":\"scheduled\""), created.body());
        Matcher id = ID.matcher(created.body());
        assertTrue(id.find(), created.body());
        return id.group(1);
    }

    /** Polls anonymous reads of the items until each answers 200. */
    private void awaitVisible(PackagedService service, List<String> ids, Instant deadline)
            throws IOException, InterruptedException, SQLException {
        Set<String> hidden = new LinkedHashSet<>(ids);
        while (true) {
            for (var it = hidden.iterator(); it.hasNext();) {
                if (service.send("GET", "/v1/news/" + it.next(), null, null).statusCode() == 200) {
                    it.remove();
                }
            }
            if (hidden.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(hidden.size() + " of " + ids.size() + " items not visible on instance " + service.name()
                        + " in time; in the database: " + statusCounts(ids) + "\n" + String.join("\n", service.output()));
            }
            Thread.sleep(200);
        }
    }

    /** Publish revisions by the scheduler, per item. */
    private Map<String, Integer> publishRevisions(List<String> ids) throws SQLException {
        return query("select resource_id, count(*) from revision where resource_type = 'news' and operation = 'publish'"
                + " and actor = 'scheduler' and resource_id = any(?) group by resource_id", ids, ScheduledPublishingIT::counts);
    }

    private Map<String, Integer> statusCounts(List<String> ids) throws SQLException {
        return query("select status, count(*) from news where id = any(?) group by status", ids, ScheduledPublishingIT::counts);
    }

    private int countWhere(String condition, List<String> ids) throws SQLException {
        return countWhere(condition, ids, "news", "id");
    }

    private int countWhere(String condition, List<String> ids, String table, String idColumn) throws SQLException {
        return query("select count(*) from " + table + " where " + condition + " and " + idColumn + " = any(?)", ids,
                rows -> rows.next() ? rows.getInt(1) : 0);
    }

    private interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** Moves the time of scheduled items, as the passing of time would: answers how many it moved. */
    private static int reschedule(List<String> ids, Instant publishAt) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "update news set publish_at = ? where status = 'scheduled' and id = any(?)")) {
            statement.setTimestamp(1, java.sql.Timestamp.from(publishAt));
            statement.setArray(2, connection.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            return statement.executeUpdate();
        }
    }

    /** Runs a query with the ids as its one parameter; {@code rows} reads the result from its first row on. */
    private static <T> T query(String sql, List<String> ids, Rows<T> rows) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray()));
            try (ResultSet result = statement.executeQuery()) {
                return rows.read(result);
            }
        }
    }

    /** The rows as first column to second column (an int). */
    private static Map<String, Integer> counts(ResultSet rows) throws SQLException {
        Map<String, Integer> counts = new LinkedHashMap<>();
        while (rows.next()) {
            counts.put(rows.getString(1), rows.getInt(2));
        }
        return counts;
    }

    private PackagedService start(String name) throws IOException {
        PackagedService service = PackagedService.start(name, PackagedService.environment(postgres, "postgres", ADMIN_TOKEN),
                "-Dticker.workflow.interval=1s",
                "-Dticker.embedded.data-dir=" + work.resolve("unused"));
        started.add(service);
        return service;
    }
}
