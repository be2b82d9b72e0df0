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
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

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

    /**
     * A cached response. The body is kept off the heap, ready to be written to any number of
     * connections; the template ("/v1/news/{idOrSlug}") names the request in the HTTP metrics.
     */
    public record Entry(long generation, Buffer body, String etag, String link, String template) {
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
     * The key of a read, or null when it cannot be cached: the caller's role (a token can see
     * more), today's date (postings expire by date), the Accept header and the absolute request
     * URI as the HTTP layer sees it (the host too: the Link header names it).
     */
    public String key(Optional<Role> role, HttpServerRequest request) {
        String uri;
        try {
            uri = request.absoluteURI();
        } catch (RuntimeException e) {
            return null;
        }
        if (uri == null) {
            return null;
        }
        return role.map(Enum::name).orElse("-") + " " + LocalDate.now(zone) + " "
                + String.join(",", request.headers().getAll(HttpHeaders.ACCEPT)) + " " + uri;
    }

    /** The generation now: take it before reading, store the response under it. */
    public long generation() {
        return generation.get();
    }

    public Entry get(String key) {
        Entry entry = entries.getIfPresent(key);
        return entry != null && entry.generation() == generation.get() ? entry : null;
    }

    /** Keeps a response computed in the given generation, unless content has changed since. */
    public void put(String key, long generation, byte[] body, String etag, String link, String template) {
        if (generation != this.generation.get()) {
            return; // a change committed meanwhile: do not even copy it
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(body.length).put(body).flip();
        Buffer buffer = Buffer.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)));
        Entry entry = new Entry(generation, buffer, etag, link, template);
        if (generation == this.generation.get()) {
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
                    } else if (!connection.isValid(5)) {
                        // a connection dropped without a reset delivers nothing, and no error either
                        throw new SQLException("the connection does not answer");
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
