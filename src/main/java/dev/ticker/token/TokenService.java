package dev.ticker.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticker.TickerConfig;
import dev.ticker.changes.ChangeFeed;
import dev.ticker.changes.TablesChanged;
import dev.ticker.content.ContentEntity;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

/**
 * Checks bearer tokens and provides the first admin token. A checked token is remembered (by its
 * hash) until tokens change: a write then needs no database round trip of its own to know who
 * writes. Remembered tokens are used only while this instance hears of token changes made by
 * any instance (see {@link ChangeFeed}); a token revoked here is forgotten at once.
 */
@ApplicationScoped
public class TokenService {

    /** A valid token as read from the database, and the generation of the token list it was read in. */
    private record Known(Role role, Instant expiresAt, long generation) {

        boolean valid(long now, Instant at) {
            return generation == now && (expiresAt == null || expiresAt.isAfter(at));
        }
    }

    static final String CONFIGURED_ADMIN = "admin (TICKER_ADMIN_TOKEN)";
    static final String GENERATED_ADMIN = "admin (generated on first start)";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TickerConfig config;
    private final ChangeFeed changes;
    private final Cache<String, Known> known = Caffeine.newBuilder().maximumSize(10_000)
            // a backstop: a revocation elsewhere is heard of at once, unless the listener's connection hangs
            .expireAfterWrite(java.time.Duration.ofSeconds(60)).build();
    private final AtomicLong generation = new AtomicLong();

    TokenService(TickerConfig config, ChangeFeed changes) {
        this.config = config;
        this.changes = changes;
    }

    /** Creates a token and answers it with its secret, the only time the secret is shown. */
    @Transactional
    public TokenResponse create(TokenRequest request) {
        if (AccessToken.count("name", request.name()) > 0) {
            throw dev.ticker.problem.ProblemException.conflict("A token named '" + request.name() + "' exists already.");
        }
        String secret = newSecret();
        AccessToken token = store(request.name(), Role.valueOf(request.role().toUpperCase(java.util.Locale.ROOT)), hash(secret));
        token.expiresAt = request.expiresAt() == null ? null
                : request.expiresAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return TokenResponse.of(token, secret);
    }

    @Transactional
    public java.util.List<TokenResponse> list() {
        return AccessToken.<AccessToken>listAll(io.quarkus.panache.common.Sort.by("createdAt").and("name")).stream()
                .map(t -> TokenResponse.of(t, null)).toList();
    }

    /** Revokes a token; it stops working at once (on other instances when they hear of the change). */
    public void delete(java.util.UUID id) {
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> AccessToken.deleteById(id));
        forget(); // after the commit: a check running meanwhile cannot bring the token back
        if (!deleted) {
            throw dev.ticker.problem.ProblemException.notFound("No token with id " + id + ".");
        }
    }

    /** The role of a valid, unexpired token. */
    public Optional<Role> authenticate(String secret) {
        String hash = hash(secret);
        Optional<Role> role = remembered(hash);
        if (role.isPresent()) {
            return role;
        }
        long seen = generation.get();
        Optional<AccessToken> token = QuarkusTransaction.requiringNew()
                .call(() -> AccessToken.<AccessToken>find("tokenHash", hash).firstResultOptional());
        Instant now = Instant.now();
        return token.filter(t -> t.expiresAt == null || t.expiresAt.isAfter(now)).map(t -> {
            Role found = Role.valueOf(t.role.toUpperCase(java.util.Locale.ROOT));
            if (changes.following()) {
                known.put(hash, new Known(found, t.expiresAt, seen));
            }
            return found;
        });
    }

    /**
     * The role of a token checked since tokens last changed, without asking the database; empty
     * when this instance does not know the token (it may still be valid: ask {@link #authenticate}).
     */
    public Optional<Role> rememberedRole(String secret) {
        return remembered(hash(secret));
    }

    private Optional<Role> remembered(String hash) {
        Known entry = changes.following() ? known.getIfPresent(hash) : null;
        return entry != null && entry.valid(generation.get(), Instant.now()) ? Optional.of(entry.role()) : Optional.empty();
    }

    void changed(@Observes TablesChanged change) {
        if (change.tokens()) {
            forget();
        }
    }

    private void forget() {
        generation.incrementAndGet();
        known.invalidateAll();
    }

    /**
     * TICKER_ADMIN_TOKEN, when set, is the admin token (a changed value replaces the old one).
     * Otherwise the embedded default generates one on its first start and prints it once.
     */
    @Transactional
    void bootstrap(@Observes StartupEvent started) {
        if (config.adminToken().filter(t -> !t.isBlank()).isPresent()) {
            String hash = hash(config.adminToken().get());
            AccessToken token = AccessToken.<AccessToken>find("name", CONFIGURED_ADMIN).firstResult();
            if (token == null) {
                store(CONFIGURED_ADMIN, Role.ADMIN, hash);
            } else if (!token.tokenHash.equals(hash)) {
                token.tokenHash = hash;
            }
            return;
        }
        if (AccessToken.count("role", Role.ADMIN.value()) > 0) {
            return;
        }
        if (!config.embedded().active()) {
            Log.warn("No admin token exists: set TICKER_ADMIN_TOKEN to be able to write.");
            return;
        }
        String secret = newSecret();
        store(GENERATED_ADMIN, Role.ADMIN, hash(secret));
        Log.infof("""

                ==================================================================
                 Ticker generated an admin token. It is shown only this once:

                   %s

                 Use it as:  Authorization: Bearer <token>
                ==================================================================""", secret);
    }

    private static AccessToken store(String name, Role role, String hash) {
        AccessToken token = new AccessToken();
        token.name = name;
        token.role = role.value();
        token.tokenHash = hash;
        token.createdAt = ContentEntity.now();
        token.persist();
        return token;
    }

    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "tk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
