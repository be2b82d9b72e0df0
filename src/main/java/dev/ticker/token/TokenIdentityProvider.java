package dev.ticker.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticker.TickerConfig;
import dev.ticker.changes.ChangeFeed;
import dev.ticker.changes.TablesChanged;
import dev.ticker.problem.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Turns a bearer token into a security identity: its name as the principal, its roles. A checked
 * token is remembered (by its hash) until tokens change anywhere ({@link ChangeFeed}), so a
 * request with a token needs no database round trip of its own (unless {@code ticker.tokens.remember}
 * is false). See docs/decisions.md, "Tokens", and docs/reliability-instances.md.
 */
@ApplicationScoped
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** A valid token as read from the database, and the generation of the token list it was read in. */
    private record Known(String name, String role, Instant expiresAt, long generation) {

        boolean valid(long now, Instant at) {
            return generation == now && (expiresAt == null || expiresAt.isAfter(at));
        }
    }

    private final ChangeFeed changes;
    private final boolean remember;
    private final Cache<String, Known> known = Caffeine.newBuilder().maximumSize(10_000)
            // a backstop: a revocation elsewhere is heard of at once, unless the feed's connection hangs
            .expireAfterWrite(Duration.ofSeconds(60)).build();
    private final AtomicLong generation = new AtomicLong();

    TokenIdentityProvider(ChangeFeed changes, TickerConfig config) {
        this.changes = changes;
        this.remember = config.tokens().remember();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String hash = TokenService.hash(request.getToken().getToken());
        Known remembered = remembered(hash);
        if (remembered != null) {
            return Uni.createFrom().item(identityOf(remembered));
        }
        return context.runBlocking(() -> identityOf(check(hash)));
    }

    private Known remembered(String hash) {
        Known entry = remembering() ? known.getIfPresent(hash) : null;
        return entry != null && entry.valid(generation.get(), Instant.now()) ? entry : null;
    }

    /** Reads the token from the database; one that does not exist or has expired fails the request with a 401. */
    private Known check(String hash) {
        long seen = generation.get();
        AccessToken token = QuarkusTransaction.requiringNew()
                .call(() -> AccessToken.<AccessToken>find("tokenHash", hash).firstResult());
        if (token == null || token.expiresAt != null && !token.expiresAt.isAfter(Instant.now())) {
            throw new AuthenticationFailedException(Map.of(Problem.DETAIL, "The bearer token is not valid or has expired."));
        }
        Known checked = new Known(token.name, token.role, token.expiresAt, seen);
        if (remembering()) {
            known.put(hash, checked);
        }
        return checked;
    }

    /** Whether checked tokens may be remembered now: when configured so, and while changes are being received. */
    private boolean remembering() {
        return remember && changes.following();
    }

    private static SecurityIdentity identityOf(Known token) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(token.name()))
                .addRoles(Roles.grantedBy(token.role())).build();
    }

    void changed(@Observes TablesChanged change) {
        if (change.tokens()) {
            forget();
        }
    }

    /** Nothing checked so far is trusted again without asking the database. */
    void forget() {
        generation.incrementAndGet();
        known.invalidateAll();
    }
}
