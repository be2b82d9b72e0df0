package dev.ticker.content;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

import dev.ticker.problem.DatabaseUnavailable;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Publishes scheduled content when its {@code publishAt} has come, on every instance every
 * {@code ticker.workflow.interval} and right after start (so what fell due while the service was
 * down is published at once). Nothing is kept in memory: PostgreSQL is the schedule, and its row
 * locks decide which instance publishes an item, so each item is published exactly once
 * ({@link ContentService#publishOneDue}). Each item is published in a transaction of its own,
 * with its revision; one that fails is tried again on the next run.
 */
@ApplicationScoped
public class ScheduledPublishing {

    /** The name revisions record for the scheduler's writes. */
    public static final String ACTOR = "scheduler";
    /** At most this many items per run, so one run cannot go on forever. */
    private static final int MAX_PER_RUN = 1000;

    private final List<ContentService<?, ?, ?>> services;
    private final AgroalDataSource dataSource;
    private final String dueQuery;
    private final DatabaseUnavailable.Notice outage = new DatabaseUnavailable.Notice(ScheduledPublishing.class,
            "Scheduled publishing");

    ScheduledPublishing(@Any Instance<ContentService<?, ?, ?>> services, AgroalDataSource dataSource) {
        this.services = services.stream().filter(ContentService::hasWorkflow)
                .<ContentService<?, ?, ?>>map(service -> service).toList();
        this.dataSource = dataSource;
        this.dueQuery = "with t as (select coalesce(cast(? as timestamptz), statement_timestamp()) as due) select t.due, "
                + this.services.stream().map(s -> "exists (select 1 from " + s.table()
                        + " where status = 'scheduled' and publish_at <= t.due)").collect(Collectors.joining(" or "))
                + " from t";
    }

    @Scheduled(identity = "publish-due", every = "${ticker.workflow.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        publishDue(null);
    }

    /** What one run did: items published, and items that failed (tried again on the next run). */
    public record Run(int published, int failed) {
    }

    /**
     * Publishes everything due at {@code now} that no other instance is publishing.
     *
     * @param now the moment to publish up to; null: the database's clock, the one clock all
     *            instances share
     */
    public Run publishDue(Instant now) {
        Instant due;
        try {
            due = dueAt(now);
        } catch (SQLException e) {
            if (!outage.unreachable(e)) {
                Log.warnf("Scheduled publishing could not ask the database what is due (%s); it tries again on the next run.",
                        e.getMessage());
            }
            return new Run(0, 0);
        }
        outage.reached();
        if (due == null) {
            return new Run(0, 0);
        }
        int published = 0;
        int failed = 0;
        for (ContentService<?, ?, ?> service : services) {
            Set<UUID> tried = new HashSet<>();
            while (published + failed < MAX_PER_RUN) {
                try {
                    if (QuarkusTransaction.requiringNew().call(() -> service.publishOneDue(due, ACTOR, tried)) == null) {
                        break;
                    }
                    published++;
                } catch (RuntimeException e) {
                    failed++;
                    if (DatabaseUnavailable.causes(e)) {
                        // gone in the middle of a run: the next run tries again, without a try per item now
                        Log.warnf("Scheduled publishing lost the database (%s); the next run tries again.", e.getMessage());
                        return new Run(published, failed);
                    }
                    // another writer changed the item meanwhile: the next run tries again
                    Log.warnf("Scheduled publishing of a row of %s failed; the next run tries again: %s", service.table(),
                            e.getMessage());
                }
            }
        }
        return new Run(published, failed);
    }

    /**
     * The moment up to which content is due, when anything is due at all; one cheap statement on
     * the partial indexes of migration V14, outside Hibernate.
     */
    private Instant dueAt(Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(dueQuery)) {
            statement.setTimestamp(1, now == null ? null : Timestamp.from(now));
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(2) ? result.getTimestamp(1).toInstant() : null;
            }
        }
    }
}
