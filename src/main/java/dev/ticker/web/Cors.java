package dev.ticker.web;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.ticker.TickerConfig;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS with two audiences: any origin may read (GET, HEAD), and only the configured
 * {@code ticker.cors.write-origins} may write (Quarkus's own CORS filter has one origin list for
 * all methods, hence this handler). It sits in front of everything, so every answer gets the same
 * headers: those of the REST layer, cached reads answered before it, and refusals such as a 401.
 */
@ApplicationScoped
public class Cors {

    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final String ALLOW_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, Accept, Accept-Encoding, "
            + "Idempotency-Key";
    private static final String EXPOSE_HEADERS = "ETag, Location, Link, Allow, WWW-Authenticate, Retry-After, RateLimit, "
            + "RateLimit-Policy, Idempotency-Replayed";

    private final List<String> writeOrigins;

    Cors(TickerConfig config) {
        this.writeOrigins = config.cors().writeOrigins().orElse(List.of());
    }

    void install(@Observes Router router) {
        // before authentication: a preflight carries no credentials, and a refusal needs CORS headers to be readable
        router.route().order(Integer.MIN_VALUE + 2).handler(this::handle);
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            context.next();
            return;
        }
        String method = request.method().name();
        String asked = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if ("OPTIONS".equals(method)) {
            if (asked != null) {
                preflight(context, origin, asked);
            } else {
                context.next();
            }
            return;
        }
        context.addHeadersEndHandler(ignored -> allowOrigin(context.response().headers(), method, origin));
        context.next();
    }

    private void preflight(RoutingContext context, String origin, String method) {
        MultiMap headers = context.response().headers().set(HttpHeaders.VARY, "Origin");
        if (READS.contains(method)) {
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*").set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD");
        } else if (writeOrigins.contains(origin)) {
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, "GET, HEAD, POST, PUT, PATCH, DELETE");
        } else {
            context.response().setStatusCode(204).end(); // no CORS headers: the browser refuses the write
            return;
        }
        headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS).set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "600");
        context.response().setStatusCode(204).end();
    }

    private void allowOrigin(MultiMap headers, String method, String origin) {
        if (READS.contains(method)) {
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        } else if (writeOrigins.contains(origin)) {
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin).add(HttpHeaders.VARY, "Origin");
        } else {
            return;
        }
        headers.set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE_HEADERS);
    }
}
