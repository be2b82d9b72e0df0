package dev.ticker.token;

import java.security.SecureRandom;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import dev.ticker.TickerConfig;
import dev.ticker.content.ContentEntity;
import dev.ticker.problem.ProblemException;
import dev.ticker.web.Sha256;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.StartupEvent;

/**
 * API tokens: admins create, list and revoke them; the first admin token comes from
 * configuration or, in the embedded default, is generated on first start. Only the SHA-256 hash
 * of a secret is stored.
 */
@ApplicationScoped
public class TokenService {

    static final String CONFIGURED_ADMIN = "admin (TICKER_ADMIN_TOKEN)";
    /** The advisory lock that serialises the start-up check of the admin token across instances. */
    private static final long BOOTSTRAP_LOCK = 0x7469636b65720001L;
    static final String GENERATED_ADMIN = "admin (generated on first start)";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TickerConfig config;
    private final TokenIdentityProvider identities;

    TokenService(TickerConfig config, TokenIdentityProvider identities) {
        this.config = config;
        this.identities = identities;
    }

    /** Creates a token and answers it with its secret, the only time the secret is shown. */
    @Transactional
    public TokenResponse create(TokenRequest request) {
        if (AccessToken.count("name", request.name()) > 0) {
            throw ProblemException.conflict("A token named '" + request.name() + "' exists already.");
        }
        String secret = newSecret();
        AccessToken token = store(request.name(), request.role(), hash(secret));
        token.expiresAt = request.expiresAt() == null ? null : request.expiresAt().truncatedTo(ChronoUnit.SECONDS);
        return TokenResponse.of(token, secret);
    }

    @Transactional
    public List<TokenResponse> list() {
        return AccessToken.<AccessToken>listAll(Sort.by("createdAt").and("name")).stream()
                .map(t -> TokenResponse.of(t, null)).toList();
    }

    /** Revokes a token; it stops working at once on every instance (with ticker.tokens.remember, on others when they hear of the change). */
    public void delete(UUID id) {
        boolean deleted = QuarkusTransaction.requiringNew().call(() -> AccessToken.deleteById(id));
        identities.forget(); // after the commit: a check running meanwhile cannot bring the token back
        if (!deleted) {
            throw ProblemException.notFound("No token with id " + id + ".");
        }
    }

    /**
     * TICKER_ADMIN_TOKEN, when set, is the admin token: it replaces the one generated on first start
     * (which stops working), and a changed value replaces the previous one. Otherwise the embedded
     * default generates an admin token on its first start and prints it once; on later starts it
     * says how to get a new one.
     */
    @Transactional
    void bootstrap(@Observes StartupEvent started) {
        // instances starting together on an empty database take turns: the second finds the first's token
        AccessToken.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(:key)").setParameter("key", BOOTSTRAP_LOCK)
                .getSingleResult();
        if (config.adminToken().filter(t -> !t.isBlank()).isPresent()) {
            String hash = hash(config.adminToken().get());
            AccessToken token = AccessToken.<AccessToken>find("name", CONFIGURED_ADMIN).firstResult();
            if (token == null) {
                store(CONFIGURED_ADMIN, Roles.ADMIN, hash);
            } else if (!token.tokenHash.equals(hash)) {
                token.tokenHash = hash;
            }
            if (AccessToken.delete("name", GENERATED_ADMIN) > 0) {
                Log.info("TICKER_ADMIN_TOKEN replaces the admin token generated on first start; that one no longer works.");
            }
            return;
        }
        if (AccessToken.count("name", GENERATED_ADMIN) > 0) {
            Log.info("Lost the admin token printed on first start? Restart with TICKER_ADMIN_TOKEN=<a secret of your choice>: "
                    + "it replaces that token.");
            return;
        }
        if (AccessToken.count("role", Roles.ADMIN) > 0) {
            return;
        }
        if (!config.embedded().active()) {
            Log.warn("No admin token exists: set TICKER_ADMIN_TOKEN to be able to write.");
            return;
        }
        String secret = newSecret();
        store(GENERATED_ADMIN, Roles.ADMIN, hash(secret));
        Log.infof("""

                ==================================================================
                 Ticker generated an admin token. It is shown only this once:

                   %s

                 Use it as:  Authorization: Bearer <token>
                ==================================================================""", secret);
    }

    private static AccessToken store(String name, String role, String hash) {
        AccessToken token = new AccessToken();
        token.name = name;
        token.role = role;
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
        return Sha256.hex(secret);
    }
}
