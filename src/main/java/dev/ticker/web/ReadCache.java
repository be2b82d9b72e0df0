package dev.ticker.web;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticker.TickerConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Read responses (the exact bytes, with their ETag and headers), kept in memory until content
 * changes. Every committed change to a content table is announced by PostgreSQL on the channel
 * {@code ticker_content} (migration V9), so every instance behind the load balancer drops its
 * cache; a write through this instance drops it at once. Each entry remembers the generation in
 * which its request started: a response computed while a change committed is never served
 * after the change is known.
 */
@ApplicationScoped
public class ReadCache {

    /** A cached response. */
    public record Entry(long generation, byte[] body, String etag, String link) {
    }

    private final Cache<String, Entry> entries;
    private final AtomicLong generation = new AtomicLong();
    private final AgroalDataSource dataSource;
    private final boolean enabled;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;

    ReadCache(TickerConfig config, AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        this.enabled = config.cache().responses();
        this.entries = Caffeine.newBuilder()
                .maximumWeight(config.cache().maxBytes())
                .weigher((String key, Entry entry) -> key.length() * 2 + entry.body().length + 200)
                .build();
    }

    /** Whether entries may be served: only while change notifications are being received. */
    public boolean serving() {
        return enabled && listening;
    }

    /** The generation now: take it before reading, store the response under it. */
    public long generation() {
        return generation.get();
    }

    public Entry get(String key) {
        Entry entry = entries.getIfPresent(key);
        return entry != null && entry.generation() == generation.get() ? entry : null;
    }

    public void put(String key, Entry entry) {
        if (entry.generation() == generation.get()) {
            entries.put(key, entry);
        }
    }

    /** Content changed: nothing cached so far may be served again. */
    public void invalidate() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    void start(@Observes StartupEvent started) {
        if (!enabled) {
            return;
        }
        running = true;
        listener = new Thread(this::listen, "ticker-content-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent stopped) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    /** Listens for change notifications; while it cannot, it serves nothing from the cache. */
    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN ticker_content");
                PGConnection pg = connection.unwrap(PGConnection.class);
                invalidate(); // changes while we were not listening
                listening = true;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) Duration.ofSeconds(5).toMillis());
                    if (notifications != null && notifications.length > 0) {
                        invalidate();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                invalidate();
                if (running) {
                    Log.warnf("Listening for content changes failed (%s); retrying, caching nothing meanwhile", e.getMessage());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            } finally {
                listening = false;
            }
        }
    }
}
