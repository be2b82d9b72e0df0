package dev.ticker.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The packaged service, started as a newcomer starts it: with no database configured it runs
 * its own PostgreSQL, keeps data across restarts, survives a SIGKILL of itself, prints a
 * generated admin token exactly once, and with a configured JDBC URL starts no database.
 */
class EmbeddedDefaultIT {

    private static final Pattern TOKEN = Pattern.compile("(tk_[A-Za-z0-9_-]{20,})");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Service> started = new ArrayList<>();

    @TempDir
    Path work;

    @AfterEach
    void stopAll() {
        started.forEach(s -> s.process.destroyForcibly());
    }

    @Test
    void keepsDataAcrossRestartsAndRecoversFromSigkill() throws Exception {
        Path data = work.resolve("data");

        Service first = start(Map.of(), "-Dticker.embedded.data-dir=" + data);
        String token = first.awaitLine(TOKEN).orElseThrow(() -> new AssertionError("no generated token printed"));
        // a line per phase, so that the token banner stands out (it has 8 lines of its own)
        assertTrue(first.output().size() <= 16, () -> "start-up says a line per phase:\n" + String.join("\n", first.output()));
        assertQuiet(first.output(), "the first start");
        HttpResponse<String> issue = send(first, "GET", "/v1/issues/20", null, null);
        assertEquals(200, issue.statusCode(), "the demo content is there on first start");
        assertTrue(issue.body().contains("VITAKO-Branchenticker Nr. 20"), issue.body());
        String membersBefore = send(first, "GET", "/v1/members?fields=id&limit=100", null, null).body();
        String slug = "kdo-" + System.nanoTime();
        HttpResponse<String> created = send(first, "POST", "/v1/members", token,
                "{\"name\":\"KDO Zweckverband\",\"slug\":\"" + slug + "\",\"city\":\"Oldenburg\"}");
        assertEquals(201, created.statusCode(), created.body());

        // SIGKILL: the service cannot stop its PostgreSQL, which keeps running and holding ./data
        long postgresPid = postmasterPid(data);
        first.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertTrue(ProcessHandle.of(postgresPid).map(ProcessHandle::isAlive).orElse(false),
                "the orphaned PostgreSQL is still running");

        Service second = start(Map.of(), "-Dticker.embedded.data-dir=" + data);
        second.awaitReady();
        assertTrue(second.output().stream().anyMatch(line -> line.contains("Restart with TICKER_ADMIN_TOKEN")),
                () -> "a later start says how to get an admin token:\n" + String.join("\n", second.output()));
        assertFalse(second.output().stream().anyMatch(line -> TOKEN.matcher(line).find()), "the token is printed only once");
        assertFalse(second.output().stream().anyMatch(line -> line.contains("Loaded the demo content")), "loaded once");
        HttpResponse<String> read = send(second, "GET", "/v1/members/" + slug, null, null);
        assertEquals(200, read.statusCode(), "data survived the restart");
        assertTrue(read.body().contains("KDO Zweckverband"), read.body());
        assertEquals(204, send(second, "DELETE", "/v1/members/" + slug, token, null).statusCode(),
                "the generated token still works");
        assertEquals(membersBefore, send(second, "GET", "/v1/members?fields=id&limit=100", null, null).body(),
                "the demo content was not loaded a second time");

        // a normal stop (SIGTERM) stops the embedded PostgreSQL too, quietly
        long secondPid = postmasterPid(data);
        int printed = second.output().size();
        second.process.destroy();
        assertTrue(second.process.waitFor(60, TimeUnit.SECONDS), "the service stops on SIGTERM");
        ProcessHandle.of(secondPid).ifPresent(p -> p.onExit().join());
        assertFalse(Files.exists(data.resolve("postmaster.pid")), "PostgreSQL was stopped with the service");
        List<String> all = second.finalOutput();
        List<String> stopping = all.subList(printed, all.size());
        // at most Quarkus's "stopped in" (which its log manager, stopping too, does not always print)
        assertTrue(stopping.size() <= 1 && stopping.stream().allMatch(line -> line.contains("stopped in")),
                () -> "stopping says nothing but that it stopped:\n" + String.join("\n", stopping));

        // TICKER_ADMIN_TOKEN replaces the generated token
        Service third = start(Map.of("TICKER_ADMIN_TOKEN", "chosen-admin-secret"), "-Dticker.embedded.data-dir=" + data);
        third.awaitReady();
        assertEquals(401, send(third, "GET", "/v1/tokens", token, null).statusCode(), "the generated token stopped working");
        assertEquals(200, send(third, "GET", "/v1/tokens", "chosen-admin-secret", null).statusCode());
        assertQuiet(third.output(), "a start with TICKER_ADMIN_TOKEN");
    }

    @Test
    void aFailedStartEndsQuietlyAndStopsItsDatabase() throws Exception {
        Path data = work.resolve("data");
        try (ServerSocket taken = new ServerSocket(0)) {
            Service service = start(Map.of(), taken.getLocalPort(), "-Dticker.embedded.data-dir=" + data);
            assertTrue(service.process.waitFor(120, TimeUnit.SECONDS), "a start on a port in use ends");
            assertTrue(service.process.exitValue() != 0, "with a non-zero exit status");
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
        try (EmbeddedPostgres external = EmbeddedPostgres.builder().setDataDirectory(work.resolve("external"))
                .setCleanDataDirectory(true).start()) {
            Path data = work.resolve("unused");
            Service service = start(Map.of(
                    "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + external.getPort() + "/postgres",
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "",
                    "TICKER_ADMIN_TOKEN", "configured-secret"),
                    "-Dticker.embedded.data-dir=" + data);
            service.awaitReady();
            assertFalse(Files.exists(data), "no embedded database was started");
            assertEquals(404, send(service, "GET", "/v1/issues/20", null, null).statusCode(),
                    "no demo content in a configured server unless asked for");
            assertEquals(201, send(service, "POST", "/v1/members", "configured-secret", "{\"name\":\"Dataport\"}").statusCode());
            try (var connection = external.getPostgresDatabase().getConnection();
                    var rows = connection.createStatement().executeQuery("select count(*) from member where name = 'Dataport'")) {
                rows.next();
                assertEquals(1, rows.getInt(1), "the member is in the configured server");
            }
        }
    }

    private Service start(Map<String, String> env, String... properties) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return start(env, port, properties);
    }

    private Service start(Map<String, String> env, int port, String... properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", System.getProperty("ticker.jar")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("TICKER_"));
        builder.environment().putAll(env);
        Service service = new Service(builder.start(), port);
        started.add(service);
        return service;
    }

    private HttpResponse<String> send(Service service, String method, String path, String token, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long postmasterPid(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        assertTrue(Files.exists(pidFile), "PostgreSQL runs in " + data);
        return Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    }

    /** A started service and the lines it printed. */
    private final class Service {
        final Process process;
        final int port;
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        private final Thread reader;

        Service(Process process, int port) {
            this.process = process;
            this.port = port;
            reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = out.readLine()) != null;) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Everything the ended process printed, once its output has been read to the end. */
        List<String> finalOutput() throws InterruptedException {
            reader.join(TimeUnit.SECONDS.toMillis(10));
            return output();
        }

        List<String> output() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        void awaitReady() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < deadline) {
                assertTrue(process.isAlive(), () -> "the service died:\n" + String.join("\n", output()));
                try {
                    if (send(this, "GET", "/q/health/ready", null, null).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
            throw new AssertionError("not ready in time:\n" + String.join("\n", output()));
        }

        Optional<String> awaitLine(Pattern pattern) throws InterruptedException {
            awaitReady();
            for (String line : output()) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
            return Optional.empty();
        }
    }

    static {
        assertNotNull(System.getProperty("ticker.jar"), "run through Maven (failsafe sets ticker.jar)");
    }
}
