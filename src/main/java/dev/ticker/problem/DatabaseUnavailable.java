package dev.ticker.problem;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

/**
 * Tells a failure to reach PostgreSQL (the server is down, restarting, refusing connections, or
 * the pool found no connection in time) from every other database error. Requests that fail so
 * are answered 503 with Retry-After by {@link ProblemMapper}; the background loops (change feed,
 * scheduled publishing, webhook delivery) log such a failure once per outage instead of on every
 * try. See docs/reliability-outage.md.
 */
public final class DatabaseUnavailable {

    /**
     * PostgreSQL's SQLSTATEs beyond class 08 (connection exception) that mean "not now": the server
     * ended the session because it is shutting down (57P01 admin_shutdown, 57P02 crash_shutdown), it
     * cannot accept connections yet or any more (57P03 cannot_connect_now), or it is full (53300
     * too_many_connections).
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300");

    /**
     * What Agroal says, in an SQLException without a SQLSTATE, when no connection could be had within
     * quarkus.datasource.jdbc.acquisition-timeout. Agroal has no type or state for it; a test
     * (DatabaseUnavailableTest) keeps these texts honest against the Agroal on the classpath.
     */
    static final Set<String> POOL_TIMEOUTS = Set.of("Sorry, acquisition timeout!",
            "Acquisition timeout while waiting for new connection");

    private DatabaseUnavailable() {
    }

    /**
     * Whether this failure, one of its causes or an exception suppressed on the way (a failed commit
     * reports the driver's error as suppressed by the transaction manager's) is the database being
     * unreachable.
     */
    public static boolean causes(Throwable failure) {
        return causes(failure, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
    }

    private static boolean causes(Throwable failure, Set<Throwable> seen) {
        for (Throwable t = failure; t != null && seen.size() < 100 && seen.add(t); t = t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && unreachable(sql)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (causes(suppressed, seen)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What a background loop (scheduled publishing, webhook delivery) says of an outage: once when
     * it finds the database unreachable, once when it reaches it again, nothing on the tries between.
     */
    public static final class Notice {

        private final Logger log;
        private final String loop;
        private final AtomicBoolean away = new AtomicBoolean();

        /**
         * @param owner the loop's class, whose log category the lines go to
         * @param loop what tries, as the log names it ("Webhook delivery")
         */
        public Notice(Class<?> owner, String loop) {
            this.log = Logger.getLogger(owner);
            this.loop = loop;
        }

        /**
         * Whether the failure is the database being unreachable; the first of an outage is logged.
         * Any other failure is the caller's to log.
         */
        public boolean unreachable(Throwable failure) {
            if (!causes(failure)) {
                return false;
            }
            if (away.compareAndSet(false, true)) {
                log.warnf("%s waits for the database (%s); it tries again.", loop, failure.getMessage());
            }
            return true;
        }

        /** The loop reached the database: logged when it had been away. */
        public void reached() {
            if (away.compareAndSet(true, false)) {
                log.infof("%s reaches the database again", loop);
            }
        }
    }

    private static boolean unreachable(SQLException e) {
        String state = e.getSQLState();
        if (state != null) {
            return state.startsWith("08") || STATES.contains(state);
        }
        return e.getMessage() != null && POOL_TIMEOUTS.contains(e.getMessage());
    }
}
