package dev.ticker.token;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
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
import io.agroal.api.AgroalDataSource;
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

    /** By the unique index on the hash; expiry is compared in Java, with the same clock as a remembered token's. */
    private static final String FIND = "select name, role, expires_at from access_token where token_hash = ?";

    private final ChangeFeed changes;
    private final AgroalDataSource dataSource;
    private final boolean remember;
    private final Cache<String, Known> known = Caffeine.newBuilder().maximumSize(10_000)
            // a backstop: a revocation elsewhere is heard of at once, unless the feed's connection hangs
            .expireAfterWrite(Duration.ofSeconds(60)).build();
    private final AtomicLong generation = new AtomicLong();

    TokenIdentityProvider(ChangeFeed changes, AgroalDataSource dataSource, TickerConfig config) {
        this.changes = changes;
        this.dataSource = dataSource;
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

    /**
     * Reads the token from the database; one that does not exist or has expired fails the request
     * with a 401. One statement on a pooled connection in auto-commit, outside the ORM and JTA: it
     * runs on every request with a token (unless tokens are remembered), so it costs one round trip
     * and no transaction of its own. A database that cannot be reached surfaces as the
     * {@link SQLException} in the cause chain, which the problem mapper answers with a 503.
     */
    private Known check(String hash) {
        long seen = generation.get();
        Known checked;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement find = connection.prepareStatement(FIND)) {
            find.setString(1, hash);
            try (ResultSet row = find.executeQuery()) {
                if (row.next()) {
                    OffsetDateTime expires = row.getObject(3, OffsetDateTime.class);
                    checked = new Known(row.getString(1), row.getString(2), expires == null ? null : expires.toInstant(), seen);
                } else {
                    checked = null;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The token could not be checked", e);
        }
        if (checked == null || checked.expiresAt() != null && !checked.expiresAt().isAfter(Instant.now())) {
            throw new AuthenticationFailedException(Map.of(Problem.DETAIL, "The bearer token is not valid or has expired."));
        }
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
