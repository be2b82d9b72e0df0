package dev.ticker.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Gzip for answers written before the REST layer (cached reads), as the REST layer gets it. With
 * {@code quarkus.http.enable-compression}, Quarkus marks every response {@code Content-Encoding:
 * identity} (no compression) and lifts the mark for the media types of
 * {@code quarkus.http.compress-media-types}; Vert.x then compresses for clients that accept gzip.
 * That protocol is Quarkus's, not a documented API: this class is its one user, and
 * ReadCacheTest fails when an upgrade changes it (a cached read must be byte-identical, gzip
 * included, to a computed one).
 */
@ApplicationScoped
public class Compression {

    private final Set<String> compressed;

    Compression(@ConfigProperty(name = "quarkus.http.compress-media-types") Optional<List<String>> compressed) {
        this.compressed = Set.copyOf(compressed.orElse(List.of()));
    }

    /** Lets the HTTP layer compress this response, whose Content-Type is set, when its type is one to compress. */
    public void allow(RoutingContext context) {
        MultiMap headers = context.response().headers();
        String type = headers.get(HttpHeaders.CONTENT_TYPE);
        if (type != null && HttpHeaders.IDENTITY.toString().equals(headers.get(HttpHeaders.CONTENT_ENCODING))
                && compressed.contains(type.split(";", 2)[0].trim())) {
            headers.remove(HttpHeaders.CONTENT_ENCODING);
        }
    }

    /** A 304 has no body to encode: no Content-Encoding, as the REST layer answers it. */
    public void none(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> context.response().headers().remove(HttpHeaders.CONTENT_ENCODING));
    }
}
