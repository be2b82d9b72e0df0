package dev.ticker.web;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticker.TickerConfig;
import dev.ticker.token.Role;
import dev.ticker.token.TokensChanged;
import io.agroal.api.AgroalDataSource;
import io.netty.buffer.Unpooled;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.buffer.Buffer;

/**
 * Read responses (the exact bytes, with their ETag and headers), kept in memory until content
 * changes. Every committed change to a content table is announced by PostgreSQL on the channel
 * {@code ticker_content} (migration V9), so every instance behind the load balancer drops its
 * cache; a write through this instance drops it at once. Each entry remembers the generation in
 * which its request started: a response computed while a change committed is never served
 * after the change is known.
 * <p>
 * The same channel announces changes to API tokens (payload {@code access_token}, migration
 * V11); those are passed on as {@link TokensChanged}, so every instance forgets the tokens it
 * has checked.
 */
@ApplicationScoped
public class ReadCache {

    /** A cached response; the body is kept off the heap, ready to be written to any number of connections. */
    public record Entry(long generation, Buffer body, String etag, String link) {

        static Entry of(long generation, byte[] body, String etag, String link) {
            ByteBuffer direct = ByteBuffer.allocateDirect(body.length).put(body).flip();
            return new Entry(generation, Buffer.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct))), etag, link);
        }
    }

    private final Cache<String, Entry> entries;
    private final AtomicLong generation = new AtomicLong();
    private final AgroalDataSource dataSource;
    private final Event<TokensChanged> tokensChanged;
    private final java.time.ZoneId zone;
    private final boolean enabled;
    private volatile boolean running;
    private volatile boolean listening;
    private Thread listener;

    ReadCache(TickerConfig config, AgroalDataSource dataSource, Event<TokensChanged> tokensChanged) {
        this.dataSource = dataSource;
        this.tokensChanged = tokensChanged;
        this.zone = config.timeZone();
        this.enabled = config.cache().responses();
        this.entries = Caffeine.newBuilder()
                .maximumWeight(config.cache().maxBytes())
                .weigher((String key, Entry entry) -> key.length() * 2 + entry.body().length() + 200)
                .build();
    }

    /** Whether entries may be served: only while change notifications are being received. */
    public boolean serving() {
        return enabled && listening;
    }

    /**
     * The key of a read: the caller's role (a token can see more), today's date (postings expire
     * by date), the Accept header and the request URI as sent.
     */
    public String key(Optional<Role> role, String accept, String rawPath, String rawQuery) {
        return role.map(Enum::name).orElse("-") + " " + LocalDate.now(zone) + " " + accept + " " + rawPath + "?"
                + (rawQuery == null ? "" : rawQuery);
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
                tokensChanged.fire(new TokensChanged());
                listening = true;
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) Duration.ofSeconds(5).toMillis());
                    if (notifications != null && notifications.length > 0) {
                        changed(notifications);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                invalidate();
                tokensChanged.fire(new TokensChanged());
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

    private void changed(PGNotification[] notifications) {
        boolean content = false;
        boolean tokens = false;
        for (PGNotification notification : notifications) {
            if ("access_token".equals(notification.getParameter())) {
                tokens = true;
            } else {
                content = true;
            }
        }
        if (content) {
            invalidate();
        }
        if (tokens) {
            tokensChanged.fire(new TokensChanged());
        }
    }
}
