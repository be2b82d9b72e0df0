package dev.ticker.web;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.ticker.TickerConfig;

/**
 * CORS with two audiences: any origin may read (GET, HEAD), and only the configured
 * {@code ticker.cors.write-origins} may write. Quarkus's own CORS filter has one origin list
 * for all methods, hence this filter.
 */
public class CorsFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final String ALLOW_HEADERS = "Authorization, Content-Type, If-Match, If-None-Match, Accept, Accept-Encoding";
    public static final String EXPOSE_HEADERS = "ETag, Location, Link, Allow, WWW-Authenticate";

    private final List<String> writeOrigins;

    CorsFilter(TickerConfig config) {
        this.writeOrigins = config.cors().writeOrigins().orElse(List.of());
    }

    /** Answers preflight requests before any resource is matched. */
    @ServerRequestFilter(preMatching = true)
    public Optional<Response> preflight(ContainerRequestContext request) {
        String origin = request.getHeaderString("Origin");
        String method = request.getHeaderString("Access-Control-Request-Method");
        if (!"OPTIONS".equals(request.getMethod()) || origin == null || method == null) {
            return Optional.empty();
        }
        Response.ResponseBuilder answer = Response.noContent().header("Vary", "Origin");
        if (READS.contains(method)) {
            answer.header("Access-Control-Allow-Origin", "*")
                    .header("Access-Control-Allow-Methods", "GET, HEAD");
        } else if (writeOrigins.contains(origin)) {
            answer.header("Access-Control-Allow-Origin", origin)
                    .header("Access-Control-Allow-Methods", "GET, HEAD, POST, PUT, PATCH, DELETE");
        } else {
            // no CORS headers: the browser refuses the write
            return Optional.of(answer.build());
        }
        return Optional.of(answer.header("Access-Control-Allow-Headers", ALLOW_HEADERS)
                .header("Access-Control-Max-Age", "600").build());
    }

    @ServerResponseFilter
    public void allowOrigin(ContainerRequestContext request, ContainerResponseContext response) {
        String origin = request.getHeaderString("Origin");
        if (origin == null || "OPTIONS".equals(request.getMethod())) {
            return;
        }
        if (READS.contains(request.getMethod())) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", "*");
        } else if (writeOrigins.contains(origin)) {
            response.getHeaders().putSingle("Access-Control-Allow-Origin", origin);
            response.getHeaders().add("Vary", "Origin");
        } else {
            return;
        }
        response.getHeaders().putSingle("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }
}
