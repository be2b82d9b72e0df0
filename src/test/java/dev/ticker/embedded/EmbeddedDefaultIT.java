package dev.ticker.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ticker.PackagedService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged service, started as a newcomer starts it: with no database configured it runs
 * its own PostgreSQL, keeps data across restarts, survives a SIGKILL of itself, prints a
 * generated admin token exactly once, and with a configured JDBC URL starts no database.
 */
class EmbeddedDefaultIT {

    private static final Pattern TOKEN = Pattern.compile("(tk_[A-Za-z0-9_-]{20,})");
    private final List<PackagedService> started = new ArrayList<>();

    @TempDir
    Path work;

    @AfterEach
    void stopAll() throws InterruptedException {
        PackagedService.stopAll(started);
    }

    @Test
    void keepsDataAcrossRestartsAndRecoversFromSigkill() throws Exception {
        Path data = work.resolve("data");

        PackagedService first = start("first", Map.of(), "-Dticker.embedded.data-dir=" + data);
        String token = awaitLine(first, TOKEN).orElseThrow(() -> new AssertionError("no generated token printed"));
        // a line per phase, so that the token banner stands out (it has 8 lines of its own)
        assertTrue(first.output().size() <= 16, () -> "start-up says a line per phase:\n" + String.join("\n", first.output()));
        assertQuiet(first.output(), "the first start");
        HttpResponse<String> issue = first.send("GET", "/v1/issues/20", null, null);
        assertEquals(200, issue.statusCode(), "the demo content is there on first start");
        assertTrue(issue.body().contains("VITAKO-Branchenticker Nr. 20"), issue.body());
        String membersBefore = first.send("GET", "/v1/members?fields=id&limit=100", null, null).body();
        String slug = "kdo-" + System.nanoTime();
        HttpResponse<String> created = first.send("POST", "/v1/members", token,
                "{\"name\":\"KDO Zweckverband\",\"slug\":\"" + slug + "\",\"city\":\"Oldenburg\"}");
        assertEquals(201, created.statusCode(), created.body());

        // SIGKILL: the service cannot stop its PostgreSQL, which keeps running and holding ./data
        long postgresPid = postmasterPid(data);
        first.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive).orElse(false),
                "the orphaned PostgreSQL is still running");

        PackagedService second = start("second", Map.of(), "-Dticker.embedded.data-dir=" + data);
        second.awaitReady();
        assertTrue(second.output().stream().anyMatch(line -> line.contains("Restart with TICKER_ADMIN_TOKEN")),
                () -> "a later start says how to get an admin token:\n" + String.join("\n", second.output()));
        assertFalse(second.output().stream().anyMatch(line -> TOKEN.matcher(line).find()), "the token is printed only once");
        assertFalse(second.output().stream().anyMatch(line -> line.contains("Loaded the demo content")), "loaded once");
        HttpResponse<String> read = second.send("GET", "/v1/members/" + slug, null, null);
        assertEquals(200, read.statusCode(), "data survived the restart");
        assertTrue(read.body().contains("KDO Zweckverband"), read.body());
        assertEquals(204, second.send("DELETE", "/v1/members/" + slug, token, null).statusCode(),
                "the generated token still works");
        assertEquals(membersBefore, second.send("GET", "/v1/members?fields=id&limit=100", null, null).body(),
                "the demo content was not loaded a second time");

        // a normal stop (SIGTERM) stops the embedded PostgreSQL too, quietly
        long secondPid = postmasterPid(data);
        int printed = second.output().size();
        second.process().destroy();
        assertTrue(second.process().waitFor(60, TimeUnit.SECONDS), "the service stops on SIGTERM");
        ProcessHandle.of(secondPid).ifPresent(p -> p.onExit().join());
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "PostgreSQL was stopped with the service");
        List<String> all = second.finalOutput();
        List<String> stopping = all.subList(printed, all.size());
        // at most Quarkus's "stopped in" (which its log manager, stopping too, does not always print)
        assertTrue(stopping.size() <= 1 && stopping.stream().allMatch(line -> line.contains("stopped in")),
                () -> "stopping says nothing but that it stopped:\n" + String.join("\n", stopping));

        // TICKER_ADMIN_TOKEN replaces the generated token
        PackagedService third = start("third", Map.of("TICKER_ADMIN_TOKEN", "chosen-admin-secret"), "-Dticker.embedded.data-dir=" + data);
        third.awaitReady();
        assertEquals(401, third.send("GET", "/v1/tokens", token, null).statusCode(), "the generated token stopped working");
        assertEquals(200, third.send("GET", "/v1/tokens", "chosen-admin-secret", null).statusCode());
        assertQuiet(third.output(), "a start with TICKER_ADMIN_TOKEN");
    }

    @Test
    void aFailedStartEndsQuietlyAndStopsItsDatabase() throws Exception {
        Path data = work.resolve("data");
        try (ServerSocket taken = new ServerSocket(0)) {
            PackagedService service = start("on a port in use", taken.getLocalPort(), Map.of(), "-Dticker.embedded.data-dir=" + data);
            assertTrue(service.process().waitFor(120, TimeUnit.SECONDS), "a start on a port in use ends");
            assertTrue(service.process().exitValue() != 0, "with a non-zero exit status");
            List<String> output = service.finalOutput();
            assertTrue(output.stream().anyMatch(line -> line.contains("seems to be in use")), () -> String.join("\n", output));
            assertQuiet(output, "a failed start");
            assertFalse(Files.exists(data.resolve("postmaster.pid")), "its PostgreSQL was stopped");
        }
    }

    /** No stack trace, and nothing from PostgreSQL's own output (its log is in the data directory). */
    private static void assertQuiet(List<String> output, String what) {
        for (String line : output) {
            assertFalse(line.startsWith("\tat ") || line.contains("Exception in thread") || line.contains("FATAL")
                    || line.contains("EmbeddedPostgres") || line.contains("flywaydb"),
                    () -> what + " prints no stack trace and no database chatter:\n" + String.join("\n", output));
        }
    }

    @Test
    void usesAConfiguredServerAndStartsNoDatabase() throws Exception {
        try (EmbeddedPostgres external = PackagedService.startPostgres(work.resolve("external"))) {
            Path data = work.resolve("unused");
            PackagedService service = start("configured", PackagedService.environment(external, "postgres", "configured-secret"),
                    "-Dticker.embedded.data-dir=" + data);
            service.awaitReady();
            assertFalse(Files.exists(data), "no embedded database was started");
            assertEquals(404, service.send("GET", "/v1/issues/20", null, null).statusCode(),
                    "no demo content in a configured server unless asked for");
            assertEquals(201, service.send("POST", "/v1/members", "configured-secret", "{\"name\":\"Dataport\"}").statusCode());
            try (var connection = external.getPostgresDatabase().getConnection();
                    var rows = connection.createStatement().executeQuery("select count(*) from member where name = 'Dataport'")) {
                rows.next();
                assertEquals(1, rows.getInt(1), "the member is in the configured server");
            }
        }
    }

    private PackagedService start(String name, Map<String, String> env, String... properties) throws IOException {
        PackagedService service = PackagedService.start(name, env, properties);
        started.add(service);
        return service;
    }

    private PackagedService start(String name, int port, Map<String, String> env, String... properties) throws IOException {
        PackagedService service = PackagedService.start(name, port, env, properties);
        started.add(service);
        return service;
    }

    private static long postmasterPid(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        assertTrue(Files.exists(pidFile), "PostgreSQL runs in " + data);
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    /** Awaits readiness, then answers the first group of the first line printed that matches. */
    private static Optional<String> awaitLine(PackagedService service, Pattern pattern) throws InterruptedException {
        service.awaitReady();
        for (String line : service.output()) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }
}
