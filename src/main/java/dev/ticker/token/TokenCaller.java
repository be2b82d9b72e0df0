package dev.ticker.token;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ticker.content.Caller;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The caller as content sees it, from the security identity of the request: token holders
 * (editors) see unpublished content, admins also the revisions of deleted resources; revisions
 * carry the token's name. Outside a request (start-up, the scheduler) the caller is the service.
 */
@ApplicationScoped
class TokenCaller implements Caller {

    private final SecurityIdentity identity;

    TokenCaller(SecurityIdentity identity) {
        this.identity = identity;
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

    private static boolean inRequest() {
        return Arc.container().requestContext().isActive();
    }
}
