package dev.ticker.changes;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

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
 * While it is not connected, nobody may trust what they remember: {@link #following()} is false,
 * and on losing or regaining the connection the feed announces that everything may have changed.
 */
@ApplicationScoped
public class ChangeFeed {

    /** How long one wait for notifications lasts: also how long stopping may take. */
    private static final Duration POLL = Duration.ofSeconds(1);
    /** After this long without notifications, the connection is checked, for at most {@link #CHECK}. */
    private static final Duration IDLE_CHECK = Duration.ofSeconds(5);
    private static final Duration CHECK = Duration.ofSeconds(2);

    private final AgroalDataSource dataSource;
    private final Event<TablesChanged> changed;
    private volatile boolean running;
    private volatile boolean following;
    private Thread listener;

    ChangeFeed(AgroalDataSource dataSource, Event<TablesChanged> changed) {
        this.dataSource = dataSource;
        this.changed = changed;
    }

    /** Whether changes are being received now, so that what was remembered since may be trusted. */
    public boolean following() {
        return following;
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
        while (running) {
            try (Connection open = dataSource.getConnection(); Statement statement = open.createStatement()) {
                statement.execute("LISTEN ticker_content");
                PGConnection pg = open.unwrap(PGConnection.class);
                announce(TablesChanged.EVERYTHING); // what changed while nobody listened
                following = true;
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
                following = false;
                if (!running) {
                    return; // stopping
                }
                announce(TablesChanged.EVERYTHING);
                Log.warnf("Listening for changes failed (%s); retrying, trusting no cached response or token meanwhile",
                        e.getMessage());
                try {
                    Thread.sleep(1000);
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
