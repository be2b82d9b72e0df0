package dev.ticker.changes;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The one connection that listens for committed changes: PostgreSQL announces every change to a
 * content table or to the API tokens on the channel {@code ticker_content}, with the table's name
 * (triggers of migrations V9 and V11), and delivers the announcement when the writing transaction
 * commits, to every instance. The feed passes each batch on as a {@link TablesChanged} event to
 * whoever remembers things that a change makes stale (the read cache, the checked tokens).
 * <p>
 * While it is not connected, nobody may trust what they remember without asking the database:
 * {@link #following()} is false. Once it is connected again it announces that everything may
 * have changed, since it may have missed announcements meanwhile. What was remembered before the
 * connection was lost may still be served for a while ({@link #lostWithin}): when the database is
 * down, nobody can change anything through it (docs/reliability-outage.md).
 */
@ApplicationScoped
public class ChangeFeed {

    /** The pause between two attempts to connect (each may take quarkus.datasource.jdbc.acquisition-timeout). */
    private static final Duration RETRY = Duration.ofMillis(500);
    /** How long one wait for notifications lasts: also how long stopping may take. */
    private static final Duration POLL = Duration.ofSeconds(1);
    /** After this long without notifications, the connection is checked, for at most {@link #CHECK}. */
    private static final Duration IDLE_CHECK = Duration.ofSeconds(5);
    private static final Duration CHECK = Duration.ofSeconds(2);

    private final AgroalDataSource dataSource;
    private final Event<TablesChanged> changed;
    private volatile boolean running;
    private volatile boolean following;
    /** System.nanoTime() when the connection was lost, while it is; never set before the first connection. */
    private volatile long lostAt;
    private volatile boolean lost;
    private Thread listener;

    ChangeFeed(AgroalDataSource dataSource, Event<TablesChanged> changed) {
        this.dataSource = dataSource;
        this.changed = changed;
    }

    /** Whether changes are being received now, so that what was remembered since may be trusted. */
    public boolean following() {
        return following;
    }

    /**
     * Whether the feed lost its connection less than {@code limit} ago and has not regained it: what
     * was remembered before may still be served while the database is away.
     */
    public boolean lostWithin(Duration limit) {
        return lost && System.nanoTime() - lostAt < limit.toNanos();
    }

    void start(@Observes StartupEvent started) {
        running = true;
        listener = new Thread(this::listen, "ticker-change-feed");
        listener.setDaemon(true);
        listener.start();
    }

    /**
     * Stops listening before the container goes down, so that no event is fired into a stopped
     * container and the connection goes back to the pool before the pool closes.
     */
    void stop(@Observes ShutdownEvent stopped) {
        running = false;
        following = false;
        if (listener == null) {
            return;
        }
        try {
            // a wait for notifications, a check of the connection, and a margin
            listener.join(POLL.plus(CHECK).plusSeconds(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen() {
        int failures = 0;
        while (running) {
            try (Connection open = dataSource.getConnection(); Statement statement = open.createStatement()) {
                statement.execute("LISTEN ticker_content");
                PGConnection pg = open.unwrap(PGConnection.class);
                announce(TablesChanged.EVERYTHING); // what changed while nobody listened
                following = true;
                if (lost) {
                    Log.infof("Listening for changes again, %d ms after the connection was lost; cached responses dropped",
                            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAt));
                }
                lost = false;
                failures = 0;
                long heard = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = pg.getNotifications((int) POLL.toMillis());
                    if (notifications != null && notifications.length > 0) {
                        announce(new TablesChanged(tablesOf(notifications)));
                        heard = System.nanoTime();
                    } else if (System.nanoTime() - heard > IDLE_CHECK.toNanos()) {
                        // a connection dropped without a reset delivers nothing, and no error either
                        if (!open.isValid((int) CHECK.toSeconds())) {
                            throw new SQLException("the connection does not answer");
                        }
                        heard = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (following) {
                    // until the feed is back, remembered things may be served for a while, not trusted for ever
                    lostAt = System.nanoTime();
                    lost = true;
                }
                following = false;
                if (!running) {
                    return; // stopping
                }
                // once per outage: the request path answers 503 quietly, the other loops log their own first failure
                if (failures++ == 0) {
                    Log.warnf("Listening for changes failed (%s); retrying every %d ms until the database answers",
                            e.getMessage(), RETRY.toMillis());
                } else {
                    Log.debugf("Listening for changes failed again (%s)", e.getMessage());
                }
                try {
                    Thread.sleep(RETRY.toMillis());
                } catch (InterruptedException interrupted) {
                    return;
                }
            } finally {
                following = false;
            }
        }
    }

    private void announce(TablesChanged change) {
        ArcContainer container = Arc.container();
        if (running && container != null && container.isRunning()) {
            changed.fire(change);
        }
    }

    private static Set<String> tablesOf(PGNotification[] notifications) {
        Set<String> tables = new HashSet<>();
        for (PGNotification notification : notifications) {
            tables.add(notification.getParameter());
        }
        return Set.copyOf(tables);
    }
}
