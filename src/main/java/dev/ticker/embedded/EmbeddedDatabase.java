package dev.ticker.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Application;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server that the service runs for itself when no database is configured.
 * One per JVM: dev-mode restarts and test classes reuse it. When the JVM exits, it is stopped
 * after the application has stopped (its connections closed), so neither side complains.
 * PostgreSQL's own log is in the data directory ({@code log/}); what the library echoes of it is
 * quiet unless {@code quarkus.log.category."io.zonky.test.db.postgres".level=INFO}.
 */
final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    static final String DATABASE = "postgres";
    static final String USER = "postgres";

    private static EmbeddedPostgres server;

    private EmbeddedDatabase() {
    }

    /**
     * Starts the server on first use and answers its JDBC URL. A dev-mode restart or a new test
     * profile loads this class again in a new class loader: the URL, kept in a system property,
     * lets it reuse the server this JVM already runs.
     */
    static synchronized String jdbcUrl(Path dataDir, boolean clean) {
        Path dir = dataDir.toAbsolutePath().normalize();
        // not under "ticker.": config mapping validation would refuse an unknown ticker.* system property
        String key = "embedded-postgres.running." + dir;
        String running = System.getProperty(key);
        if (running != null) {
            return running;
        }
        server = start(dir, clean);
        // the user goes into the URL: this source lists no property names (see EmbeddedDatabaseConfigSource)
        String url = "jdbc:postgresql://127.0.0.1:" + server.getPort() + "/" + DATABASE + "?user=" + USER;
        System.setProperty(key, url);
        return url;
    }

    private static EmbeddedPostgres start(Path dataDir, boolean clean) {
        try {
            Files.createDirectories(dataDir);
            stopOrphan(dataDir);
            long started = System.nanoTime();
            boolean fresh = clean || !Files.exists(dataDir.resolve("PG_VERSION"));
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    // stopped by our hook, after the application (see stopAfterTheApplication)
                    .setRegisterShutdownHook(false)
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setServerConfig("max_connections", "100")
                    // the library tunes for throwaway test databases; this one keeps real data
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // PostgreSQL's own log goes to files in the data directory, a week of them
                    .setServerConfig("logging_collector", "on")
                    .setServerConfig("log_directory", "log")
                    .setServerConfig("log_filename", "postgresql-%a.log")
                    .setServerConfig("log_truncate_on_rotation", "on")
                    .setServerConfig("log_rotation_age", "1d")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            stopAfterTheApplication(pg);
            LOG.infof("Embedded PostgreSQL started on port %d with %s in %s (%d ms)", pg.getPort(),
                    fresh ? "a new database" : "its data", dataDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return pg;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    /**
     * Stops the server when the JVM exits, once the application has stopped: the JVM runs its
     * shutdown hooks all at once, and a server stopped before the application closed its
     * connections would end them mid-use ("terminating connection due to administrator command").
     */
    private static void stopAfterTheApplication(EmbeddedPostgres pg) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Application app = Application.currentApplication();
            if (app != null) {
                Thread waiting = new Thread(app::awaitShutdown, "embedded-postgres-wait");
                waiting.setDaemon(true);
                waiting.start();
                try {
                    waiting.join(Duration.ofSeconds(30).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            try {
                pg.close();
            } catch (IOException | RuntimeException e) {
                LOG.warnf("Stopping the embedded PostgreSQL failed: %s", e.getMessage());
            }
        }, "embedded-postgres-stop"));
    }

    /**
     * A service killed with SIGKILL leaves its PostgreSQL running and holding the data directory.
     * Its pid is in postmaster.pid; stop it (smart shutdown: its clients died with the service).
     */
    static void stopOrphan(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> orphan = ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (orphan.isEmpty()) {
            return; // a stale pid file: PostgreSQL itself ignores it
        }
        LOG.warnf("Stopping an orphaned embedded PostgreSQL (pid %d) left by an earlier run", pid);
        ProcessHandle process = orphan.get();
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }
}
