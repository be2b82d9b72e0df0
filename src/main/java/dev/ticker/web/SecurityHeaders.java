package dev.ticker.web;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code X-Content-Type-Options: nosniff} and {@code Referrer-Policy: no-referrer} on every
 * response that passes the router: the REST layer's, cached reads, 304s, problems from any layer
 * (413, 429, 401, 404, 405), CORS preflights, /q/health and /q/openapi. Set when the headers are
 * written, by the first route of all, so no handler that answers early can miss them (Quarkus's
 * {@code quarkus.http.header} sets them when its route runs, at the same first order as the body
 * limit, so whether a 413 had them would depend on the order of registration). HTML outputs also
 * get their Content-Security-Policy from {@link JsonResponses#typeHeaders}.
 */
@ApplicationScoped
public class SecurityHeaders {

    /** Before every other observer of the router, so that this route is the first of the first order. */
    void install(@Observes @Priority(jakarta.interceptor.Interceptor.Priority.PLATFORM_BEFORE) Router router) {
        router.route().order(Integer.MIN_VALUE).handler(SecurityHeaders::handle);
    }

    private static void handle(RoutingContext context) {
        context.addHeadersEndHandler(ignored -> {
            MultiMap headers = context.response().headers();
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
        });
        context.next();
    }
}
