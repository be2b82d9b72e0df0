package dev.ticker.cache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import dev.ticker.problem.ApiRoutes;
import dev.ticker.web.Compression;
import dev.ticker.web.JsonResponses;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a GET from the {@link ReadCache} on the event loop, before the request reaches the REST
 * layer: a cached read costs a map lookup and a write of bytes kept ready off the heap. Whatever
 * it cannot answer from memory alone (a miss, a cache that is not serving) goes on to the REST
 * layer unchanged, which computes the response and stores it ({@link ReadCacheFilter}). The caller
 * is the security identity that authentication established before this route (a token this
 * instance has not checked yet was checked then). The headers are those of the computed response,
 * from the same code ({@link JsonResponses}; CORS by {@code web.Cors} for both); ReadCacheTest
 * holds both to the same bytes.
 * <p>
 * There is one route per read of the API ("/v1/news/:idOrSlug"), so the HTTP metrics name a
 * cached read by its path template, as they name a computed one.
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

    /** Whether reads of this path may be cached: the content API, not the token list. */
    static boolean cacheable(String rawPath) {
        return rawPath.startsWith("/v1/") && !rawPath.startsWith("/v1/tokens");
    }

    void install(@Observes Router router) {
        for (ApiRoutes.Route route : routes.all()) {
            if (route.method().equals("GET") && cacheable(route.template())) {
                // after the body limit, CORS, authentication and the compression set-up; before the REST layer
                router.get(route.template().replaceAll("\\{(\\w+)\\}", ":$1"))
                        .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::serve);
            }
        }
    }

    private void serve(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.method() != HttpMethod.GET || !cache.serving()) {
            context.next();
            return;
        }
        MultiMap sent = request.headers();
        if (sent.getAll(HttpHeaders.IF_NONE_MATCH).size() > 1) {
            context.next(); // repeated: the REST layer reads them joined, and decides
            return;
        }
        String key = cache.key(context);
        ReadCache.Entry entry = key == null ? null : cache.get(key);
        if (entry == null) {
            context.next();
            return;
        }
        HttpServerResponse response = context.response();
        MultiMap headers = response.headers();
        boolean notModified = JsonResponses.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), entry.etag());
        headers.set(HttpHeaders.ETAG, entry.etag())
                .set(HttpHeaders.CACHE_CONTROL, responses.cacheControl(request.getHeader(HttpHeaders.AUTHORIZATION) != null))
                .set(HttpHeaders.VARY, JsonResponses.VARY);
        if (notModified) {
            compression.none(context);
            response.setStatusCode(304).end();
            return;
        }
        headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
        if (entry.link() != null) {
            headers.set("Link", entry.link());
        }
        compression.allow(context);
        response.end(entry.body());
    }
}
