package dev.ticker;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Says in one line where the database schema stands after Flyway's migrations ran at start-up,
 * instead of Flyway's line per step (its category logs warnings only).
 */
@ApplicationScoped
class SchemaVersion {

    void report(@Observes @Priority(5) StartupEvent started, Flyway flyway) {
        MigrationInfo current = flyway.info().current();
        Log.infof("Database schema at version %s (Flyway migrations in db/migration)",
                current == null ? "none" : current.getVersion());
    }
}
