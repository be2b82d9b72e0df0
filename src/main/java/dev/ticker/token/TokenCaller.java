package dev.ticker.token;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ticker.content.Caller;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/**
 * The caller as content sees it, from the security identity of the HTTP request: token holders
 * (editors) see unpublished content, admins also the revisions of deleted resources; revisions
 * carry the token's name. Outside an HTTP request (start-up, the scheduler, which runs with a
 * request context but no request) the caller is the service itself.
 */
@ApplicationScoped
class TokenCaller implements Caller {

    private final SecurityIdentity identity;
    private final CurrentVertxRequest request;

    TokenCaller(SecurityIdentity identity, CurrentVertxRequest request) {
        this.identity = identity;
        this.request = request;
    }

    @Override
    public boolean seesUnpublished() {
        return !inRequest() || identity.hasRole(Roles.EDITOR);
    }

    @Override
    public boolean seesDeleted() {
        return !inRequest() || identity.hasRole(Roles.ADMIN);
    }

    @Override
    public String name() {
        return !inRequest() || identity.isAnonymous() ? SERVICE : identity.getPrincipal().getName();
    }

    private boolean inRequest() {
        return Arc.container().requestContext().isActive() && request.getCurrent() != null;
    }
}
