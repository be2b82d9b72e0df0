package dev.ticker.cache;

import java.util.Set;

import jakarta.enterprise.event.Event;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.ticker.changes.WrittenHere;
import dev.ticker.web.JsonResponses;
import io.vertx.ext.web.RoutingContext;

/**
 * Fills the {@link ReadCache} with the reads that {@link ReadCacheRoute} could not answer from
 * it, answers their conditional GETs, and empties the cache after a write through this instance.
 * The key is taken from the HTTP layer's request and the identity its authentication
 * established, as in the route, so both always agree.
 */
public class ReadCacheFilter {

    private static final String KEY = "ticker.cache.key";
    private static final String GENERATION = "ticker.cache.generation";
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ReadCache cache;
    private final Event<WrittenHere> written;

    ReadCacheFilter(ReadCache cache, Event<WrittenHere> written) {
        this.cache = cache;
        this.written = written;
    }

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public void remember(ContainerRequestContext request, RoutingContext context) {
        if ("GET".equals(request.getMethod()) && ReadCacheRoute.cacheable(context.request().path()) && cache.storing()) {
            String key = cache.key(context);
            if (key != null) {
                request.setProperty(KEY, key);
                request.setProperty(GENERATION, cache.generation());
            }
        }
    }

    /**
     * After a write: empties the cache. After a read: stores the response, then answers a
     * matching If-None-Match with a 304 (the cache holds the bytes a later GET needs).
     */
    @ServerResponseFilter
    public void store(ContainerRequestContext request, ContainerResponseContext response, RoutingContext context) {
        String method = request.getMethod();
        if (WRITES.contains(method)) {
            if (response.getStatus() < 400 && context.request().path().startsWith("/v1/")) {
                // read-your-writes on this instance, before the notification arrives: the cache, the totals, ...
                written.fire(WrittenHere.INSTANCE);
            }
            return;
        }
        String etag = response.getHeaderString(HttpHeaders.ETAG);
        if (!"GET".equals(method) && !"HEAD".equals(method) || response.getStatus() != 200 || etag == null
                || !(response.getEntity() instanceof byte[] body)) {
            return;
        }
        Object key = request.getProperty(KEY);
        if (key != null && response.getMediaType() != null) {
            cache.put((String) key, (Long) request.getProperty(GENERATION), body, response.getMediaType().toString(), etag,
                    response.getHeaderString("Link"));
        }
        if (JsonResponses.matches(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatus(304);
            response.setEntity(null);
            response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            response.getHeaders().remove("Link");
        }
    }
}
