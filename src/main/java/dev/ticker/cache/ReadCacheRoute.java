package dev.ticker.cache;

import dev.ticker.token.AccessFilter;
import dev.ticker.web.JsonResponses;
import dev.ticker.web.CorsFilter;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.ticker.token.Role;
import dev.ticker.token.TokenService;
import io.quarkus.vertx.http.runtime.HttpCompressionHandler;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers a GET from the {@link ReadCache} on the event loop, before the request reaches the REST
 * layer: a cached read costs a map lookup and a write of bytes kept ready off the heap. Whatever
 * it cannot answer from memory alone (a miss, a token this instance has not checked yet, a cache
 * that is not serving) goes on to the REST layer unchanged, which computes the response and
 * stores it ({@link ReadCacheFilter}). The headers are those of the computed response
 * ({@link JsonResponses}, {@link CorsFilter}); ReadCacheTest holds both to the same bytes.
 */
@ApplicationScoped
public class ReadCacheRoute {

    private static final String TEMPLATE = "UrlPathTemplate";

    private final ReadCache cache;
    private final TokenService tokens;
    private final JsonResponses responses;
    private final Set<String> compressed;

    ReadCacheRoute(ReadCache cache, TokenService tokens, JsonResponses responses,
            @ConfigProperty(name = "quarkus.http.compress-media-types") Optional<List<String>> compressed) {
        this.cache = cache;
        this.tokens = tokens;
        this.responses = responses;
        this.compressed = Set.copyOf(compressed.orElse(List.of()));
    }

    /**
     * The path template the REST layer matched ("/v1/news/{idOrSlug}"), which Quarkus keeps for
     * the HTTP metrics in the request's Vert.x context under this name (ObservabilityUtil).
     */
    static String template(RoutingContext context) {
        return ((HttpServerRequestInternal) context.request()).context().getLocal(TEMPLATE);
    }

    /** Whether reads of this path may be cached: the content API, not the token list. */
    static boolean cacheable(String rawPath) {
        return rawPath.startsWith("/v1/") && !rawPath.startsWith("/v1/tokens");
    }

    void install(@Observes Router router) {
        // after the body limit and the compression set-up, before the REST layer
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::serve);
    }

    private void serve(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.method() != HttpMethod.GET || !cacheable(request.path()) || !cache.serving()) {
            context.next();
            return;
        }
        MultiMap sent = request.headers();
        if (sent.getAll(HttpHeaders.AUTHORIZATION).size() > 1 || sent.getAll(HttpHeaders.IF_NONE_MATCH).size() > 1) {
            context.next(); // repeated: the REST layer reads them joined, and decides
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        Optional<Role> role = Optional.empty();
        if (authorization != null) {
            String secret = AccessFilter.bearer(authorization);
            role = secret == null ? Optional.empty() : tokens.rememberedRole(secret);
            if (role.isEmpty()) {
                context.next(); // the access filter checks the token, or answers 401
                return;
            }
        }
        String key = cache.key(role, request);
        ReadCache.Entry entry = key == null ? null : cache.get(key);
        if (entry == null) {
            context.next();
            return;
        }
        HttpServerResponse response = context.response();
        MultiMap headers = response.headers();
        boolean notModified = JsonResponses.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), entry.etag());
        if (!notModified) {
            headers.set(HttpHeaders.CONTENT_TYPE, "application/json");
            if (entry.link() != null) {
                headers.set("Link", entry.link());
            }
            // gzip when the client accepts it (quarkus.http.enable-compression), as for REST responses
            HttpCompressionHandler.compressIfNeeded(context, compressed);
        }
        headers.set(HttpHeaders.ETAG, entry.etag())
                .set(HttpHeaders.CACHE_CONTROL, responses.cacheControl(authorization != null))
                .set(HttpHeaders.VARY, JsonResponses.VARY);
        if (request.getHeader(HttpHeaders.ORIGIN) != null) {
            headers.set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*")
                    .set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, CorsFilter.EXPOSE_HEADERS);
        }
        if (entry.template() != null) {
            // the HTTP metrics name the request by its template, as for the REST layer's answers
            ((HttpServerRequestInternal) request).context().putLocal(TEMPLATE, entry.template());
        }
        if (notModified) {
            // a 304 has no body to encode: leave out the "identity" the compression set-up adds, as the REST layer does
            context.addHeadersEndHandler(ignored -> headers.remove(HttpHeaders.CONTENT_ENCODING));
            response.setStatusCode(304).end();
        } else {
            response.end(entry.body());
        }
    }
}
