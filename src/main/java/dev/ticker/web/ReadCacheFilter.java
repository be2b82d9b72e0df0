package dev.ticker.web;

import java.time.LocalDate;
import java.util.Optional;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.ticker.TickerConfig;

/**
 * Serves content reads from the {@link ReadCache} and fills it. Runs after the access filter, so
 * a token is checked before anything is served; the key holds the caller's role (a token can see
 * more), the request URI, and today's date (postings expire by date).
 */
public class ReadCacheFilter {

    private static final String KEY = "ticker.cache.key";
    private static final String GENERATION = "ticker.cache.generation";
    private static final String HIT = "ticker.cache.hit";

    private final ReadCache cache;
    private final Caller caller;
    private final JsonResponses responses;
    private final TickerConfig config;

    ReadCacheFilter(ReadCache cache, Caller caller, JsonResponses responses, TickerConfig config) {
        this.cache = cache;
        this.caller = caller;
        this.responses = responses;
        this.config = config;
    }

    @ServerRequestFilter(priority = Priorities.USER + 100)
    public Optional<Response> serve(ContainerRequestContext request) {
        String path = request.getUriInfo().getRequestUri().getRawPath();
        if (!"GET".equals(request.getMethod()) || !path.startsWith("/v1/") || path.startsWith("/v1/tokens")
                || !cache.serving()) {
            return Optional.empty();
        }
        String key = caller.role().map(Enum::name).orElse("-") + " " + LocalDate.now(config.timeZone()) + " "
                + request.getHeaderString(HttpHeaders.ACCEPT) + " " + path + "?" + rawQuery(request);
        ReadCache.Entry entry = cache.get(key);
        if (entry == null) {
            request.setProperty(KEY, key);
            request.setProperty(GENERATION, cache.generation());
            return Optional.empty();
        }
        request.setProperty(HIT, Boolean.TRUE);
        return Optional.of(responses.cached(entry, request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION) != null,
                request.getHeaders().getFirst(HttpHeaders.IF_NONE_MATCH)));
    }

    @ServerResponseFilter
    public void store(ContainerRequestContext request, ContainerResponseContext response) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod()) && response.getStatus() < 400
                && request.getUriInfo().getRequestUri().getRawPath().startsWith("/v1/")) {
            cache.invalidate(); // read-your-writes on this instance, before the notification arrives
            return;
        }
        Object key = request.getProperty(KEY);
        if (key == null || request.getProperty(HIT) != null || response.getStatus() != 200
                || !(response.getEntity() instanceof byte[] body)
                || !MediaType.APPLICATION_JSON_TYPE.isCompatible(response.getMediaType())) {
            return;
        }
        EntityTag etag = response.getEntityTag();
        cache.put((String) key, new ReadCache.Entry((Long) request.getProperty(GENERATION), body,
                etag == null ? null : etag.toString(), response.getHeaderString("Link")));
    }

    private static String rawQuery(ContainerRequestContext request) {
        String query = request.getUriInfo().getRequestUri().getRawQuery();
        return query == null ? "" : query;
    }
}
