package dev.ticker.token;

import dev.ticker.problem.Problem;
import dev.ticker.problem.ProblemMapper;

import java.util.Optional;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.ticker.token.Role;
import dev.ticker.token.TokenService;

/**
 * Anyone may read; writes need a bearer token of a role that may write. A token that is sent
 * must be valid, on reads too, so a client never mistakes a bad token for anonymous access.
 */
public class AccessFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final TokenService tokens;
    private final Caller caller;

    AccessFilter(TokenService tokens, Caller caller) {
        this.tokens = tokens;
        this.caller = caller;
    }

    @ServerRequestFilter
    public Optional<Response> authorize(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean write = !READS.contains(request.getMethod());
        if (authorization == null) {
            return write ? Optional.of(unauthorized("This request needs a bearer token (Authorization: Bearer <token>)."))
                    : Optional.empty();
        }
        String secret = bearer(authorization);
        if (secret == null) {
            return Optional.of(unauthorized("The Authorization header must be 'Bearer <token>'."));
        }
        Optional<Role> role = tokens.authenticate(secret);
        if (role.isEmpty()) {
            return Optional.of(unauthorized("The bearer token is not valid or has expired."));
        }
        if (write && !role.get().includes(Role.EDITOR)) {
            return Optional.of(ProblemMapper.respond(new Problem("about:blank", "Forbidden", 403,
                    "The token's role does not allow writes.", request.getUriInfo().getRequestUri().getRawPath(), null)));
        }
        caller.authenticate(role.get());
        return Optional.empty();
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null when the header has another form. */
    public static String bearer(String authorization) {
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() > 1000) {
            return null;
        }
        return authorization.substring(7).trim();
    }

    private static Response unauthorized(String detail) {
        Response problem = ProblemMapper.respond(new Problem("about:blank", "Unauthorized", 401, detail, null, null));
        // instance is left out: the filter runs before the path is known to be a resource
        return Response.fromResponse(problem).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"ticker\"").build();
    }
}
