package dev.ticker.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the datasource settings of the embedded default. The server starts only when the
 * JDBC URL is first read, so merely building or configuring the application starts nothing.
 */
final class EmbeddedDatabaseConfigSource implements ConfigSource {

    static final String URL = "quarkus.datasource.jdbc.url";
    private static final String ACTIVE = "ticker.embedded.active";

    private final Path dataDir;
    private final boolean clean;

    EmbeddedDatabaseConfigSource(Path dataDir, boolean clean) {
        this.dataDir = dataDir;
        this.clean = clean;
    }

    /**
     * No names are listed: the build records the values of listed runtime properties as
     * defaults, which would bake one run's random port into the application.
     */
    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of();
    }

    @Override
    public String getValue(String propertyName) {
        return switch (propertyName) {
            case URL -> EmbeddedDatabase.jdbcUrl(dataDir, clean);
            case ACTIVE -> "true";
            default -> null;
        };
    }

    @Override
    public int getOrdinal() {
        // below application.properties (250): anything configured there or in the environment wins
        return 200;
    }

    @Override
    public String getName() {
        return "EmbeddedDatabaseConfigSource";
    }
}
