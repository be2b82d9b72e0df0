package dev.ticker.idempotency;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

import dev.ticker.TickerConfig;
import dev.ticker.problem.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * The table {@code idempotency_key} (migration V18): claims a key in the caller's transaction,
 * keeps the answer, finds it again for a retry, and prunes keys older than
 * {@code ticker.idempotency.retention}. Every method but {@link #prune()} runs in the transaction
 * of the request that carries the key.
 */
@ApplicationScoped
class IdempotencyKeys {

    /** PostgreSQL's "lock_not_available": the lock_timeout passed. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final EntityManager em;
    private final TickerConfig.Idempotency config;

    IdempotencyKeys(EntityManager em, TickerConfig config) {
        this.em = em;
        this.config = config.idempotency();
    }

    /** The first answer to a request with this key, as kept; {@code body} is null for an answer that held a secret. */
    record Answer(String fingerprint, int status, String headers, byte[] body) {
    }

    /**
     * Claims the key for this transaction, or answers what the request that claimed it first
     * answered. A key that another transaction has claimed and not yet committed is waited for (the
     * insert waits on the primary key) for at most {@code ticker.idempotency.lock-timeout}, then it
     * is a 409; if that transaction rolls back, this one claims the key. A key older than the
     * retention is claimed anew.
     *
     * @return null when this transaction holds the key now and must run the request
     */
    Answer claim(String scope, String key, String fingerprint) {
        String previous = (String) em.createNativeQuery("select current_setting('lock_timeout')").getSingleResult();
        em.createNativeQuery("select set_config('lock_timeout', :timeout, true)")
                .setParameter("timeout", config.lockTimeout().toMillis() + "ms").getSingleResult();
        int claimed;
        try {
            claimed = em.createNativeQuery("""
                    insert into idempotency_key (scope, key, fingerprint, created_at) values (:scope, :key, :fingerprint, now())
                    on conflict (scope, key) do update
                        set fingerprint = excluded.fingerprint, created_at = excluded.created_at, status = null, headers = null, body = null
                        where idempotency_key.created_at < now() - :retention * interval '1 second'""")
                    .setParameter("scope", scope).setParameter("key", key).setParameter("fingerprint", fingerprint)
                    .setParameter("retention", config.retention().toSeconds()).executeUpdate();
        } catch (PersistenceException e) {
            if (lockTimedOut(e)) {
                throw ProblemException.conflict("Another request with this Idempotency-Key is still running; "
                        + "try again when it has ended.");
            }
            throw e;
        }
        // the request's own statements wait as long as they did without a key
        em.createNativeQuery("select set_config('lock_timeout', :timeout, true)").setParameter("timeout", previous).getSingleResult();
        if (claimed == 1) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select fingerprint, status, headers, body from idempotency_key "
                + "where scope = :scope and key = :key").setParameter("scope", scope).setParameter("key", key).getResultList();
        if (rows.isEmpty() || rows.get(0)[1] == null) {
            // cannot happen while the insert above holds the row's lock (a kept answer always has its status); just in case
            throw ProblemException.conflict("The request with this Idempotency-Key could not be found again; try again.");
        }
        Object[] row = rows.get(0);
        return new Answer((String) row[0], ((Number) row[1]).intValue(), (String) row[2], (byte[]) row[3]);
    }

    /** Keeps the answer of the request that claimed the key, in its transaction; a null body is not kept (a secret). */
    void complete(String scope, String key, int status, String headers, byte[] body) {
        var update = em.createNativeQuery("update idempotency_key set status = :status, headers = :headers, body = "
                + (body == null ? "null" : ":body") + " where scope = :scope and key = :key");
        if (body != null) {
            update.setParameter("body", body);
        }
        update.setParameter("status", status).setParameter("headers", headers)
                .setParameter("scope", scope).setParameter("key", key).executeUpdate();
    }

    @Scheduled(identity = "idempotency-prune", every = "${ticker.idempotency.prune-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pruneOnSchedule() {
        int pruned = prune();
        if (pruned > 0) {
            Log.debugf("Pruned %d idempotency keys", pruned);
        }
    }

    /** Deletes the keys older than the retention; every instance does, which does no harm. */
    int prune() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "delete from idempotency_key where created_at < now() - :retention * interval '1 second'")
                .setParameter("retention", config.retention().toSeconds()).executeUpdate());
    }

    private static boolean lockTimedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
