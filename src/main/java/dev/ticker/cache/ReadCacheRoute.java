package dev.ticker.cache;

import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.ticker.web.ApiRoutes;
import dev.ticker.web.Compression;
import dev.ticker.web.JsonResponses;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a GET from the {@link ReadCache} on the event loop, before the REST layer; whatever it
 * cannot answer from memory goes on to the REST layer unchanged ({@link ReadCacheFilter} stores
 * it). Anonymous reads are answered before authentication, reads with a token after it, from the
 * roles of the security identity. The headers come from the same code as computed reads
 * ({@link JsonResponses}); one route per read of the API names a hit by its path template in the
 * metrics. See docs/decisions.md, "The read cache".
 */
@ApplicationScoped
public class ReadCacheRoute {

    private final ReadCache cache;
    private final JsonResponses responses;
    private final Compression compression;
    private final ApiRoutes routes;

    ReadCacheRoute(ReadCache cache, JsonResponses responses, Compression compression, ApiRoutes routes) {
        this.cache = cache;
        this.responses = responses;
        this.compression = compression;
        this.routes = routes;
    }

    /**
     * Quarkus's authentication runs at order -200 (its security handlers' priority 200, negated);
     * anonymous cache hits come before it, after the body limit and CORS.
     */
    private static final int BEFORE_AUTHENTICATION = -300;

    /** Set on a request's context once the cache has been asked for it. */
    private static final String LOOKED_UP = "ticker.cache.looked-up";

    /** Whether reads of this path may be cached: the content API, not tokens or webhooks (admins' state, not content). */
    static boolean cacheable(String rawPath) {
        return rawPath.startsWith("/v1/") && !rawPath.startsWith("/v1/tokens") && !rawPath.startsWith("/v1/webhooks");
    }

    void install(@Observes Router router) {
        for (ApiRoutes.Route route : routes.all()) {
            if (route.method().equals("GET") && cacheable(route.template())) {
                String path = route.template().replaceAll("\\{(\\w+)\\}", ":$1");
                // anonymous reads before authentication, which has nothing to check for them
                router.get(path).order(BEFORE_AUTHENTICATION).handler(context -> serve(context, false));
                // reads with a token after it, when the security identity is known
                router.get(path).order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(context -> serve(context, true));
            }
        }
    }

    private void serve(RoutingContext context, boolean withToken) {
        HttpServerRequest request = context.request();
        if (withToken != (request.getHeader(HttpHeaders.AUTHORIZATION) != null) || !cache.serving()
                || context.get(LOOKED_UP) != null) {
            context.next();
            return;
        }
        // once per request: two templates can match one path (/v1/events/calendar.ics, /v1/events/:idOrSlug),
        // and a request that computes a key must not then wait for itself
        context.put(LOOKED_UP, Boolean.TRUE);
        MultiMap sent = request.headers();
        if (sent.getAll(HttpHeaders.IF_NONE_MATCH).size() > 1) {
            context.next(); // repeated: the REST layer reads them joined, and decides
            return;
        }
        String key = cache.key(context);
        ReadCache.Entry entry = key == null ? null : cache.get(key);
        if (entry == null) {
            miss(context, key);
            return;
        }
        send(context, entry);
    }

    /**
     * A miss goes on to the REST layer, which computes and stores the response; while it does,
     * other requests for the same key wait for it here, on the event loop, and are then answered
     * from the cache (or, if it could not keep the response, go on to compute their own).
     */
    private void miss(RoutingContext context, String key) {
        if (key == null || !cache.storing()) {
            context.next();
            return;
        }
        Waiting waiting = new Waiting(context, key, Vertx.currentContext());
        ReadCache.Computing claim = cache.compute(key, waiting);
        if (claim != null) {
            context.addEndHandler(ignored -> cache.computed(key, claim));
            context.next();
        } else {
            // the end of the other request is not always signalled (a client gone in the middle): wait at most this long
            waiting.timer = context.vertx().setTimer(ReadCache.MAX_WAIT.toMillis(), ignored -> waiting.run());
        }
    }

    /** A request waiting for another one's response: goes on once, on its own event loop, when that is done or it waited long enough. */
    private final class Waiting implements Runnable {
        private final RoutingContext context;
        private final String key;
        private final Context loop;
        private final AtomicBoolean resumed = new AtomicBoolean();
        private long timer = -1; // set and read on the request's event loop only

        Waiting(RoutingContext context, String key, Context loop) {
            this.context = context;
            this.key = key;
            this.loop = loop;
        }

        @Override
        public void run() {
            loop.runOnContext(ignored -> {
                if (resumed.compareAndSet(false, true)) {
                    if (timer >= 0) {
                        context.vertx().cancelTimer(timer);
                    }
                    afterWaiting(context, key);
                }
            });
        }
    }

    private void afterWaiting(RoutingContext context, String key) {
        if (context.response().ended() || context.response().closed()) {
            return; // the client has gone meanwhile
        }
        ReadCache.Entry entry = cache.serving() ? cache.get(key) : null;
        if (entry == null) {
            context.next();
        } else {
            send(context, entry);
        }
    }

    private void send(RoutingContext context, ReadCache.Entry entry) {
        HttpServerRequest request = context.request();
        HttpServerResponse response = context.response();
        MultiMap headers = response.headers();
        if (JsonResponses.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), entry.etag())) {
            responses.readHeaders(entry.etag(), null, request.getHeader(HttpHeaders.AUTHORIZATION) != null, headers::set);
            compression.none(context);
            response.setStatusCode(304).end();
            return;
        }
        headers.set(HttpHeaders.CONTENT_TYPE, entry.contentType());
        responses.readHeaders(entry.etag(), entry.link(), request.getHeader(HttpHeaders.AUTHORIZATION) != null, headers::set);
        JsonResponses.typeHeaders(entry.contentType(), headers::set);
        compression.allow(context);
        response.end(entry.body());
    }
}
