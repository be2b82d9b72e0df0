package dev.ticker.content;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

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

    ScheduledPublishing(@Any Instance<ContentService<?, ?, ?>> services, AgroalDataSource dataSource) {
        this.services = services.stream().filter(ContentService::hasWorkflow)
                .<ContentService<?, ?, ?>>map(service -> service).toList();
        this.dataSource = dataSource;
        this.dueQuery = "select " + this.services.stream()
                .map(s -> "exists (select 1 from " + s.table() + " where status = 'scheduled' and publish_at <= ?)")
                .collect(Collectors.joining(" or "));
    }

    @Scheduled(identity = "publish-due", every = "${ticker.workflow.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        publishDue(ContentEntity.now());
    }

    /**
     * Publishes everything due at {@code now} that no other instance is publishing.
     *
     * @return how many items this call published
     */
    public int publishDue(Instant now) {
        try {
            if (!anythingDue(now)) {
                return 0;
            }
        } catch (SQLException e) {
            Log.warnf("Scheduled publishing could not ask the database what is due (%s); it tries again on the next run.",
                    e.getMessage());
            return 0;
        }
        int published = 0;
        for (ContentService<?, ?, ?> service : services) {
            try {
                while (published < MAX_PER_RUN
                        && QuarkusTransaction.requiringNew().call(() -> service.publishOneDue(now, ACTOR))) {
                    published++;
                }
            } catch (RuntimeException e) {
                // another writer changed the item meanwhile, or the database is away: the next run tries again
                Log.warnf("Scheduled publishing of %s stopped for this run: %s", service.table(), e.getMessage());
            }
        }
        return published;
    }

    /** One cheap statement on the partial indexes of migration V14, outside Hibernate. */
    private boolean anythingDue(Instant now) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(dueQuery)) {
            for (int i = 1; i <= services.size(); i++) {
                statement.setTimestamp(i, Timestamp.from(now));
            }
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
