package dev.ticker.content;

import java.util.UUID;

/**
 * How a request refers to another resource (a related member, an issue's news item): by its
 * {@code id}, or by its {@code slug} where no id is given, so that a curl script can write
 * {@code {"slug": "kdo"}}. Responses carry both, so a client may send back what it read.
 */
public interface Reference {

    UUID id();

    String slug();
}
