package dev.ticker.token;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ticker.problem.Problem;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads {@code Authorization: Bearer <token>} and has {@link TokenIdentityProvider} check it.
 * Without the header the request is anonymous. Authentication is proactive (Quarkus's default),
 * so a token sent to the API must be valid on every request, reads included: a client never
 * mistakes a bad token for anonymous access. Outside the API ({@code /q/health},
 * {@code /q/metrics}, …) the header is not Ticker's: a scraper or proxy may send its own.
 */
@ApplicationScoped
public class BearerTokenMechanism implements HttpAuthenticationMechanism {

    private static final String SCHEME = "Bearer ";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        List<String> sent = context.request().headers().getAll(HttpHeaders.AUTHORIZATION);
        if (sent.isEmpty() || !context.request().path().startsWith("/v1/")) {
            return Uni.createFrom().nullItem(); // anonymous
        }
        String secret = sent.size() == 1 ? secretOf(sent.get(0)) : null;
        if (secret == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    Map.of(Problem.DETAIL, "The Authorization header must be 'Bearer <token>'.")));
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(new TokenCredential(secret, "bearer")), context));
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or null when the header has another form. */
    private static String secretOf(String authorization) {
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length()) || authorization.length() > 1000) {
            return null;
        }
        String secret = authorization.substring(SCHEME.length()).trim();
        return secret.isEmpty() ? null : secret;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", Problem.BEARER_CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
