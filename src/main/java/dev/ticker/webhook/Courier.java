package dev.ticker.webhook;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import dev.ticker.TickerConfig;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Delivers messages. A worker claims the subscription whose oldest undelivered message (its head)
 * is due, by locking the subscription's row ({@code FOR NO KEY UPDATE SKIP LOCKED}), and keeps the
 * lock while it sends the head and the messages behind it, one by one, in order (at most
 * {@value #BATCH} messages or {@value #BATCH_MILLIS} ms, then it lets go, so that other workers and
 * instances get their turn). Each attempt is recorded and committed at once, in a transaction of
 * its own. So however many threads and instances deliver, a subscription gets one message at a
 * time, in order, and a message whose delivery was recorded is never sent again. A process that
 * dies during an attempt has recorded nothing of it: its connections close, the lock goes, and
 * another worker sends the message again with the same {@code webhook-id} (at least once;
 * receivers drop what they have seen by that id).
 * <p>
 * The lock is {@code NO KEY UPDATE}, not {@code UPDATE}: the writes that queue new messages check
 * their foreign key with a {@code KEY SHARE} lock on the same row and must never wait for a
 * delivery; so must the recording of an attempt, in its own transaction, under the lock.
 */
@ApplicationScoped
public class Courier {

    /** At most this many messages, and this long, per claim of a subscription. */
    static final int BATCH = 100;
    static final long BATCH_MILLIS = 2000;

    /** Locks the subscription whose oldest undelivered message has been due the longest, unless another worker has it. */
    private static final String CLAIM = """
            select s.id
            from webhook_subscription s
            join lateral (select next_attempt_at from webhook_message h
                          where h.subscription_id = s.id and h.delivered_at is null order by seq limit 1) m on true
            where s.active and m.next_attempt_at <= statement_timestamp()
            order by m.next_attempt_at
            limit 1
            for no key update of s skip locked""";

    /**
     * The undelivered messages of a locked subscription, head first, read in a statement of its
     * own: the claim's snapshot may predate the commit of the worker that held the lock a moment
     * before, so its idea of the head may be delivered by now (found in review, shown in SQL).
     * Under READ COMMITTED this statement sees every commit made before the lock was taken.
     */
    private static final String QUEUE = """
            select s.url, s.secret, s.previous_secret, s.previous_secret_until, m.seq, m.attempts, m.failing_since,
                   e.id as event_id, e.type, e.body, statement_timestamp(), m.next_attempt_at <= statement_timestamp()
            from webhook_subscription s
            join webhook_message m on m.subscription_id = s.id and m.delivered_at is null
            join webhook_event e on e.id = m.event_id
            where s.id = ? and s.active
            order by m.seq
            limit ?""";

    /** Records an attempt and its outcome for the message, in one statement. */
    private static final String RECORD = """
            with message as (
                update webhook_message set attempts = ?, next_attempt_at = ?,
                       failing_since = case when ? then failing_since else ? end,
                       delivered_at = case when ? then clock_timestamp() end
                where seq = ?
                returning seq
            )
            insert into webhook_delivery (id, message_seq, subscription_id, event_id, event_type, attempt, attempted_at,
                                          status_code, duration_ms, error, next_attempt_at)
            select ?, seq, ?, ?, ?, ?, ?, ?, ?, ?, ? from message""";

    /** Whether any active subscription has a message due: one indexed look, without the ORM. */
    private static final String ANY_DUE = """
            select exists (select 1 from webhook_message m join webhook_subscription s on s.id = m.subscription_id
                           where m.delivered_at is null and m.next_attempt_at <= statement_timestamp() and s.active)""";

    private final EntityManager em;
    private final AgroalDataSource dataSource;
    private final Sender sender;
    private final TickerConfig.Webhooks config;

    Courier(EntityManager em, AgroalDataSource dataSource, Sender sender, TickerConfig config) {
        this.em = em;
        this.dataSource = dataSource;
        this.sender = sender;
        this.config = config.webhooks();
    }

    /**
     * Whether there may be something to deliver. Asked before each round of {@link #deliverNext},
     * on plain JDBC like the scheduler's question (ScheduledPublishing), so that an idle instance
     * costs one small query per wake-up and nothing in the ORM.
     */
    public boolean anythingDue() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(ANY_DUE);
                ResultSet result = statement.executeQuery()) {
            return result.next() && result.getBoolean(1);
        }
    }

    /**
     * Delivers the due messages of one subscription that no other worker is delivering to, if
     * there is one, while {@code goOn} says so (it is asked before each message). Plain JDBC,
     * outside the ORM and JTA: one connection holds the lock in its
     * transaction, and each attempt is recorded with one statement that commits on its own (on a
     * second connection, taken from the pool for that statement), so a delivery costs one round
     * trip to the database besides the call to the receiver.
     *
     * @param serving the subscriptions being served: the claimed one is in it while its lock is held
     * @return whether a subscription was claimed
     * @throws InterruptedException when the thread is stopped during an attempt: nothing is
     *                              recorded of it, as if the process had died
     */
    public boolean deliverNext(BooleanSupplier goOn, Set<UUID> serving) throws InterruptedException, SQLException {
        List<UUID> claimed = new ArrayList<>(1);
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            try {
                deliverClaimed(lock, goOn, subscription -> {
                    claimed.add(subscription);
                    serving.add(subscription);
                });
                lock.commit(); // lets the subscription go
                return !claimed.isEmpty();
            } catch (SQLException | RuntimeException | InterruptedException e) {
                lock.rollback();
                throw e;
            } finally {
                lock.setAutoCommit(true);
            }
        } finally {
            claimed.forEach(serving::remove); // after the lock is gone
        }
    }

    /** The database's time at a moment of this JVM's monotonic clock. */
    private record Clock(Instant database, long started) {
        Instant now() {
            return database.plusNanos(System.nanoTime() - started);
        }
    }

    /** One message as the queue holds it. */
    private record Message(long seq, int attempts, Instant failingSince, UUID event, String type, String body, boolean due) {
    }

    private void deliverClaimed(Connection lock, BooleanSupplier goOn, Consumer<UUID> claimed)
            throws SQLException, InterruptedException {
        UUID subscription;
        try (PreparedStatement claim = lock.prepareStatement(CLAIM); ResultSet rows = claim.executeQuery()) {
            if (!rows.next()) {
                return;
            }
            subscription = rows.getObject(1, UUID.class);
        }
        claimed.accept(subscription);
        String url;
        List<String> secrets = new ArrayList<>();
        List<Message> queue = new ArrayList<>();
        Clock clock;
        try (PreparedStatement read = lock.prepareStatement(QUEUE)) {
            read.setObject(1, subscription);
            read.setInt(2, BATCH);
            try (ResultSet rows = read.executeQuery()) {
                if (!rows.next()) {
                    return; // delivered meanwhile by the worker that held the lock before: look again
                }
                url = rows.getString(1);
                // attempts are timed on the database's clock, which every instance shares (next_attempt_at is compared with it)
                clock = new Clock(rows.getObject(11, OffsetDateTime.class).toInstant(), System.nanoTime());
                secrets.add(rows.getString(2));
                OffsetDateTime previousUntil = rows.getObject(4, OffsetDateTime.class);
                if (rows.getString(3) != null && previousUntil != null && previousUntil.toInstant().isAfter(clock.database())) {
                    secrets.add(rows.getString(3));
                }
                do {
                    OffsetDateTime failingSince = rows.getObject(7, OffsetDateTime.class);
                    queue.add(new Message(rows.getLong(5), rows.getInt(6), failingSince == null ? null : failingSince.toInstant(),
                            rows.getObject(8, UUID.class), rows.getString(9), rows.getString(10), rows.getBoolean(12)));
                } while (rows.next());
            }
        }
        long deadline = clock.started() + TimeUnit.MILLISECONDS.toNanos(BATCH_MILLIS);
        for (Message message : queue) {
            if (!goOn.getAsBoolean() || !message.due() || !deliver(lock, subscription, url, secrets, message, clock)
                    || System.nanoTime() > deadline) {
                break; // the head waits for its retry (and everything behind it), or it is someone else's turn
            }
        }
    }

    /**
     * Sends one message and records the attempt at once; disables the subscription (under the
     * lock) when the message has failed for the whole retry period.
     *
     * @return whether it was delivered
     */
    private boolean deliver(Connection lock, UUID subscription, String url, List<String> secrets, Message message, Clock clock)
            throws SQLException, InterruptedException {
        String webhookId = Signature.webhookId(message.event());
        long timestamp = Instant.now().getEpochSecond(); // for the receiver, whose clock is compared with ours
        Instant attemptedAt = clock.now();
        Sender.Outcome outcome = sender.send(url, webhookId, timestamp,
                Signature.header(secrets, webhookId, timestamp, message.body()), message.body());
        int attempt = message.attempts() + 1;
        Instant finished = attemptedAt.plusMillis(outcome.durationMs());
        Instant since = message.failingSince() != null ? message.failingSince() : attemptedAt; // kept only when it failed
        String disable = null;
        Instant next = null;
        if (!outcome.succeeded()) {
            if (!finished.isBefore(since.plus(config.retry().period()))) {
                disable = "Deliveries failed for " + describe(config.retry().period()) + " (since " + since + "); the last "
                        + "attempt of event " + webhookId + " (" + message.type() + "): " + outcome.error()
                        + ". Set active to true to resume from that event.";
            } else {
                next = finished.plus(backoff(attempt, config.retry().initialDelay(), config.retry().maxDelay()));
            }
        }
        try (Connection log = dataSource.getConnection(); PreparedStatement record = log.prepareStatement(RECORD)) {
            record.setInt(1, attempt);
            record.setTimestamp(2, Timestamp.from(next != null ? next : finished));
            record.setBoolean(3, outcome.succeeded());
            record.setTimestamp(4, Timestamp.from(since));
            record.setBoolean(5, outcome.succeeded());
            record.setLong(6, message.seq());
            record.setObject(7, UUID.randomUUID());
            record.setObject(8, subscription);
            record.setObject(9, message.event());
            record.setString(10, message.type());
            record.setInt(11, attempt);
            record.setTimestamp(12, Timestamp.from(attemptedAt));
            record.setObject(13, outcome.status(), java.sql.Types.INTEGER);
            record.setInt(14, outcome.durationMs());
            record.setString(15, outcome.error());
            record.setTimestamp(16, next == null ? null : Timestamp.from(next));
            record.executeUpdate();
        }
        if (disable != null) {
            try (PreparedStatement update = lock.prepareStatement("update webhook_subscription set active = false,"
                    + " disabled_reason = ?, updated_at = date_trunc('second', clock_timestamp()), version = version + 1 where id = ?")) {
                update.setString(1, disable);
                update.setObject(2, subscription);
                update.executeUpdate();
            }
            Log.warnf("Webhook subscription %s disabled: %s", subscription, disable);
        }
        return outcome.succeeded();
    }

    /**
     * The wait before attempt {@code attempt + 1}: {@code initial · 2^(attempt−1)}, at most
     * {@code max}, of which a random part between half and all is taken ("equal jitter"), so
     * receivers that come back are not hit by every sender at the same moment.
     */
    static Duration backoff(int attempt, Duration initial, Duration max) {
        long ceiling = initial.toMillis();
        for (int i = 1; i < attempt && ceiling < max.toMillis(); i++) {
            ceiling *= 2;
        }
        ceiling = Math.min(ceiling, max.toMillis());
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceiling - half + 1));
    }

    private static String describe(Duration period) {
        return period.toSeconds() % 3600 == 0 ? period.toHours() + " h" : period.toSeconds() + " s";
    }

    /** Removes delivered messages (with their attempts) older than the retention, and events no message needs. */
    public int prune() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Timestamp before = Timestamp.from(Instant.now().minus(config.retention()));
            int messages = em.createNativeQuery("delete from webhook_message where delivered_at < :before")
                    .setParameter("before", before).executeUpdate();
            em.createNativeQuery("delete from webhook_event e where e.occurred_at < :before"
                    + " and not exists (select 1 from webhook_message m where m.event_id = e.id)")
                    .setParameter("before", before).executeUpdate();
            return messages;
        });
    }
}
