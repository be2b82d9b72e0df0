package dev.ticker.problem;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;

/**
 * Which failures count as "the database cannot be reached" (a 503 with Retry-After, logged once
 * per outage), and which stay what they were (a conflict, a 500). The outage itself is
 * DatabaseOutageIT's.
 */
class DatabaseUnavailableTest {

    @Test
    void connectionFailuresAndShutdownsAreUnavailability() {
        for (String state : new String[] { "08001", "08003", "08006", "57P01", "57P02", "57P03", "53300" }) {
            assertTrue(DatabaseUnavailable.causes(new SQLException("x", state)), state);
        }
    }

    @Test
    void aCauseAnywhereInTheChainCounts() {
        RuntimeException wrapped = new RuntimeException("commit failed",
                new IllegalStateException("rollback", new SQLTransientConnectionException("gone", "08006")));
        assertTrue(DatabaseUnavailable.causes(wrapped));
        assertTrue(DatabaseUnavailable.causes(new JDBCConnectionException("Unable to acquire JDBC Connection", new SQLException())));
    }

    @Test
    void aFailedCommitCountsByWhatItSuppressed() {
        // how Narayana reports a commit the server ended: the driver's error is suppressed, not a cause
        Exception commit = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        commit.addSuppressed(new Exception("Error trying to transactionCommit local transaction",
                new SQLException("FATAL: terminating connection due to administrator command", "57P01")));
        assertTrue(DatabaseUnavailable.causes(new RuntimeException("Error invoking subclass method", commit)));
        Exception other = new IllegalStateException("ARJUNA016053: Could not commit transaction.");
        other.addSuppressed(new SQLException("duplicate key", "23505"));
        assertFalse(DatabaseUnavailable.causes(other));
    }

    @Test
    void otherDatabaseErrorsAreNot() {
        assertFalse(DatabaseUnavailable.causes(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseUnavailable.causes(new SQLException("deadlock", "40P01")));
        assertFalse(DatabaseUnavailable.causes(new SQLException("canceled", "57014"))); // statement timeout: not an outage
        assertFalse(DatabaseUnavailable.causes(new ConstraintViolationException("x", new SQLException("x", "23503"), "news_fkey")));
        assertFalse(DatabaseUnavailable.causes(new SQLException("something else")));
        assertFalse(DatabaseUnavailable.causes(new IllegalStateException("no database involved")));
    }

    @Test
    void thePoolsTimeoutIsUnavailability() {
        for (String text : DatabaseUnavailable.POOL_TIMEOUTS) {
            assertTrue(DatabaseUnavailable.causes(new SQLException(text)), text);
            assertTrue(DatabaseUnavailable.causes(new RuntimeException(new SQLException(text, new SQLException("x", "08001")))), text);
        }
    }

    /**
     * Agroal says "no connection in time" only in words. If an upgrade changes them, this fails,
     * instead of outages turning into 500s again.
     */
    @Test
    void agroalStillSaysSo() throws IOException {
        byte[] pool;
        try (InputStream in = io.agroal.pool.ConnectionPool.class.getResourceAsStream("ConnectionPool.class")) {
            assertNotNull(in, "Agroal's pool class");
            pool = in.readAllBytes();
        }
        String constants = new String(pool, StandardCharsets.ISO_8859_1);
        for (String text : DatabaseUnavailable.POOL_TIMEOUTS) {
            assertTrue(constants.contains(text), () -> "Agroal no longer says '" + text + "': see DatabaseUnavailable");
        }
    }
}
