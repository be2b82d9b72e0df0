package dev.ticker.limit;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticker.TickerConfig;
import dev.ticker.problem.Problem;
import dev.ticker.problem.ProblemMapper;
import dev.ticker.web.Sha256;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Rate limits per caller (docs/limits.md): the caller is the bearer token, or the client address
 * without one (Vert.x's remote address, which honours quarkus.http.proxy.*). Writes, searches and
 * every other request with a token each have a quota per window; anonymous plain reads have none,
 * and are answered from the read cache as before. The buckets (Bucket4j) live in this instance's
 * memory, so the hot path asks no database and limits still hold while the database is down; a
 * Caffeine cache bounds them in number and forgets a caller a window after its last request, when
 * its bucket would be full again anyway. A refusal is a 429 problem with Retry-After and the IETF
 * RateLimit-Policy / RateLimit fields; an allowed limited request carries both fields too.
 */
@ApplicationScoped
public class RateLimits {

    /**
     * After the body limit and CORS (so that a 429 is readable in a browser), before the read
     * cache's anonymous hits (-300), so that a cached search counts too, and before authentication
     * (-200), so that a flood of bad tokens is refused without looking them up.
     */
    static final int ORDER = -350;

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final boolean enabled;
    private final Policy writes;
    private final Policy search;
    private final Policy reads;
    private final ObjectMapper mapper;

    RateLimits(TickerConfig config, ObjectMapper mapper) {
        TickerConfig.RateLimit limits = config.rateLimit();
        this.enabled = limits.enabled();
        this.writes = new Policy("writes", limits.writes(), limits.maxCallers());
        this.search = new Policy("search", limits.search(), limits.maxCallers());
        this.reads = new Policy("reads", limits.reads(), limits.maxCallers());
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        if (enabled) {
            router.route("/v1/*").order(ORDER).handler(this::limit);
        }
    }

    private void limit(RoutingContext context) {
        HttpServerRequest request = context.request();
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        Policy policy = policyOf(context, authorization != null);
        if (policy == null) {
            context.next(); // an anonymous plain read
            return;
        }
        ConsumptionProbe probe = policy.bucket(callerOf(request, authorization)).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            String state = policy.state(probe.getRemainingTokens(), seconds(probe.getNanosToWaitForReset()));
            context.addHeadersEndHandler(ignored -> context.response().headers()
                    .set(RateLimitHeaders.POLICY, policy.header).set(RateLimitHeaders.STATE, state));
            context.next();
            return;
        }
        long retryAfter = seconds(probe.getNanosToWaitForRefill());
        refuse(context, policy, retryAfter);
    }

    /** Which quota a request counts against, or null when it is not limited. */
    private Policy policyOf(RoutingContext context, boolean withToken) {
        String method = context.request().method().name();
        if (WRITES.contains(method)) {
            return writes;
        }
        if (("GET".equals(method) || "HEAD".equals(method)) && searches(context)) {
            return search;
        }
        return withToken ? reads : null;
    }

    private static boolean searches(RoutingContext context) {
        if ("/v1/search".equals(context.request().path())) {
            return true;
        }
        if (context.request().query() == null) {
            return false;
        }
        try {
            return context.queryParams().contains("q");
        } catch (RuntimeException malformed) {
            return false; // a query that cannot be decoded is refused further on
        }
    }

    /** The token's SHA-256 (the secret is not kept as a key), or the client's address. */
    private static String callerOf(HttpServerRequest request, String authorization) {
        if (authorization != null) {
            return "token:" + Sha256.hex(authorization.trim());
        }
        SocketAddress address = request.remoteAddress();
        return "address:" + (address == null ? "unknown" : address.hostAddress());
    }

    private void refuse(RoutingContext context, Policy policy, long retryAfter) {
        Problem problem = new Problem("urn:ticker:problem:rate-limited", "Too Many Requests", 429,
                "Too many " + policy.noun() + ": at most " + policy.quota + " in " + policy.windowText()
                        + " for each token (each client address without one). Try again in " + retryAfter + " s.",
                context.request().path(), null);
        byte[] body;
        try {
            body = mapper.writeValueAsBytes(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(429)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemMapper.PROBLEM_JSON)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                .putHeader(RateLimitHeaders.POLICY, policy.header)
                .putHeader(RateLimitHeaders.STATE, policy.state(0, retryAfter))
                .end(Buffer.buffer(body));
    }

    /** Whole seconds, rounded up: a client that waits this long finds the quota back. */
    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** One quota and the buckets of its callers. */
    private static final class Policy {

        private final String name;
        private final long quota;
        private final Duration window;
        private final String header;
        private final Cache<String, Bucket> buckets;

        Policy(String name, TickerConfig.RateLimit.Quota config, long maxCallers) {
            this.name = name;
            this.quota = config.quota();
            this.window = config.window();
            this.header = RateLimitHeaders.policy(name, quota, window.toSeconds());
            // a caller silent for a window has a full bucket again: forgetting it then changes nothing
            this.buckets = Caffeine.newBuilder().expireAfterAccess(window).maximumSize(maxCallers).build();
        }

        Bucket bucket(String caller) {
            return buckets.get(caller, ignored -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(quota).refillIntervally(quota, window).build()).build());
        }

        String state(long remaining, long reset) {
            return RateLimitHeaders.state(name, remaining, reset);
        }

        String noun() {
            return switch (name) {
                case "writes" -> "writes";
                case "search" -> "searches";
                default -> "requests with a token";
            };
        }

        String windowText() {
            long s = window.toSeconds();
            return s % 60 == 0 ? (s / 60 == 1 ? "a minute" : s / 60 + " minutes") : s + " s";
        }
    }
}
