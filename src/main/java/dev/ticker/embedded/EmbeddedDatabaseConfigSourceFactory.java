package dev.ticker.embedded;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;

/**
 * The embedded default: when no JDBC URL is configured (QUARKUS_DATASOURCE_JDBC_URL or
 * application.properties), the service runs its own PostgreSQL under {@code ticker.embedded.data-dir}.
 */
public class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (isSet(context.getValue(EmbeddedDatabaseConfigSource.URL))
                || "false".equalsIgnoreCase(value(context.getValue("ticker.embedded.enabled"), "true"))) {
            return List.of();
        }
        Path dataDir = Path.of(value(context.getValue("ticker.embedded.data-dir"), "data"));
        boolean clean = Boolean.parseBoolean(value(context.getValue("ticker.embedded.clean"), "false"));
        return List.of(new EmbeddedDatabaseConfigSource(dataDir, clean));
    }

    private static boolean isSet(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }

    private static String value(ConfigValue value, String fallback) {
        return isSet(value) ? value.getValue() : fallback;
    }
}
