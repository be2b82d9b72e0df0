package dev.ticker;

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
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One instance of the packaged service ({@code java -jar quarkus-run.jar}), started as a process
 * of its own, for the {@code *IT} tests: they see what users see, a separate JVM with its own
 * start-up, output and exit. It keeps every line the instance prints, so that a failure can show
 * them.
 */
public final class PackagedService {

    private final String name;
    private final Process process;
    private final int port;
    private final long started = System.nanoTime();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PackagedService(String name, Process process, int port) {
        this.name = name;
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

    /** Starts an instance on a free port; {@code properties} are {@code -D} options for its JVM. */
    public static PackagedService start(String name, Map<String, String> env, String... properties) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        return start(name, port, env, properties);
    }

    /**
     * Starts an instance on the given port. Its environment holds no {@code QUARKUS_} or
     * {@code TICKER_} variable but those of {@code env}, so that the machine's own settings do not
     * change what a test sees.
     */
    public static PackagedService start(String name, int port, Map<String, String> env, String... properties) throws IOException {
        String jar = System.getProperty("ticker.jar");
        assertNotNull(jar, "run through Maven (failsafe sets ticker.jar)");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + port,
                // the tests write and poll faster than any person (RateLimitTest tests the limits); a later -D wins
                "-Dticker.rate-limit.enabled=false"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", jar));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(k -> k.startsWith("QUARKUS_") || k.startsWith("TICKER_"));
        builder.environment().putAll(env);
        return new PackagedService(name, builder.start(), port);
    }

    /** The environment that points an instance at a PostgreSQL server, as in production, and sets its admin token. */
    public static Map<String, String> environment(EmbeddedPostgres postgres, String database, String adminToken) {
        return Map.of(
                "QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + database,
                "QUARKUS_DATASOURCE_USERNAME", "postgres",
                "QUARKUS_DATASOURCE_PASSWORD", "",
                "TICKER_ADMIN_TOKEN", adminToken);
    }

    /** A PostgreSQL server for the instances to share, in a fresh data directory. */
    public static EmbeddedPostgres startPostgres(Path dataDirectory) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(true).start();
    }

    /**
     * Kills every instance (SIGKILL), waits for each to end, and empties the list. All are killed
     * first, so that they end at the same time.
     */
    public static void stopAll(List<PackagedService> services) throws InterruptedException {
        for (PackagedService service : services) {
            service.process.destroyForcibly();
        }
        for (PackagedService service : services) {
            service.process.waitFor(30, TimeUnit.SECONDS);
        }
        services.clear();
    }

    public String name() {
        return name;
    }

    /** The JVM itself ({@code java -jar} runs no wrapper): its pid, SIGTERM, SIGKILL and exit status. */
    public Process process() {
        return process;
    }

    /** What the instance printed so far (standard output and error). */
    public List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Everything the ended process printed, once its output has been read to the end. */
    public List<String> finalOutput() throws InterruptedException {
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return output();
    }

    /** Polls the readiness check until it answers 200; fails with the output if the instance dies or takes over 2 minutes. */
    public void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), () -> "instance " + name + " died:\n" + String.join("\n", output()));
            try {
                if (send("GET", "/q/health/ready", null, null).statusCode() == 200) {
                    System.out.printf("Instance %s ready %d ms after its start%n", name,
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new AssertionError("instance " + name + " not ready in time:\n" + String.join("\n", output()));
    }

    /** Sends a request to the instance; {@code token} (a bearer token) and {@code json} (the body) may be null. */
    public HttpResponse<String> send(String method, String path, String token, String json) throws IOException, InterruptedException {
        return send(method, path, token, json, Map.of());
    }

    /** Sends a request to the instance with more headers; {@code token} and {@code json} may be null. */
    public HttpResponse<String> send(String method, String path, String token, String json, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
