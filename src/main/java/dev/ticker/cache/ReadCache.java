package dev.ticker.cache;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticker.TickerConfig;
import dev.ticker.changes.ChangeFeed;
import dev.ticker.changes.ContentGeneration;
import io.netty.buffer.Unpooled;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Read responses (the exact bytes, with their ETag and Link), kept in memory until content
 * changes anywhere ({@link ChangeFeed}). Each entry remembers the generation its request started
 * in, so a response computed while a change committed is never served after it. See
 * docs/decisions.md, "The read cache".
 */
@ApplicationScoped
public class ReadCache {

    /** A cached response. The body is kept off the heap, ready to be written to any number of connections. */
    record Entry(long generation, Buffer body, String contentType, String etag, String link) {
    }

    /** How long a request waits for another one computing the same response before it computes its own. */
    static final java.time.Duration MAX_WAIT = java.time.Duration.ofSeconds(10);

    /** A response being computed (one claim, compared by identity): since when, and the requests that wait for it (changed only under the map's lock). */
    static final class Computing {
        private final long since = System.nanoTime();
        private final List<Runnable> waiting = new ArrayList<>(2);
    }

    private final Cache<String, Entry> entries;
    /** The keys being computed now. */
    private final ConcurrentHashMap<String, Computing> computing = new ConcurrentHashMap<>();
    private final ContentGeneration generation;
    private final ChangeFeed feed;
    private final java.time.ZoneId zone;
    private final boolean enabled;
    private final java.time.Duration servedWhileLost;

    ReadCache(TickerConfig config, ContentGeneration generation, ChangeFeed feed) {
        this.generation = generation;
        this.feed = feed;
        this.servedWhileLost = config.outage().serveCachedFor();
        this.zone = config.timeZone();
        this.enabled = config.cache().responses();
        this.entries = Caffeine.newBuilder()
                .maximumWeight(config.cache().maxBytes())
                .weigher((String key, Entry entry) -> key.length() * 2 + entry.body().length() + 200)
                .build();
        generation.onChange(entries::invalidateAll);
    }

    /**
     * Whether entries may be served: while changes are being received, and for a while
     * ({@code ticker.outage.serve-cached-for}) after the feed lost the database: while it is down
     * nobody can change content, so what is kept is still right; the feed drops it all when it is
     * back, in case it missed a change. See docs/reliability-outage.md.
     */
    public boolean serving() {
        return enabled && (feed.following() || feed.lostWithin(servedWhileLost));
    }

    /** Whether new entries may be kept: only while changes are being received, so that each is dropped when content changes. */
    public boolean storing() {
        return enabled && feed.following();
    }

    /**
     * The key of a read, or null when it cannot be cached: the caller's roles (a token can see
     * more), today's date (postings expire by date), the Accept header and the absolute request
     * URI as the HTTP layer sees it (the host too: the Link header names it). The caller is the
     * security identity the authentication established for this request.
     */
    public String key(RoutingContext context) {
        HttpServerRequest request = context.request();
        SecurityIdentity caller = context.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
        String roles;
        if (caller != null) {
            roles = caller.isAnonymous() ? "-" : String.join(",", new java.util.TreeSet<>(caller.getRoles()));
        } else if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
            roles = "-"; // no credentials: anonymous, before authentication has run
        } else {
            return null; // credentials not checked yet: not ours to decide
        }
        String uri;
        try {
            uri = request.absoluteURI();
        } catch (RuntimeException e) {
            return null;
        }
        if (uri == null) {
            return null;
        }
        return roles + " " + LocalDate.now(zone) + " " + String.join(",", request.headers().getAll(HttpHeaders.ACCEPT)) + " " + uri;
    }

    /** The generation now: take it before reading, store the response under it. */
    public long generation() {
        return generation.now();
    }

    Entry get(String key) {
        Entry entry = entries.getIfPresent(key);
        // only what was kept since the last change (also while the feed is lost, see serving())
        return entry != null && entry.generation() == generation.now() ? entry : null;
    }

    /** Keeps a response computed in the given generation, unless content has changed since. */
    public void put(String key, long generation, byte[] body, String contentType, String etag, String link) {
        if (!this.generation.current(generation)) {
            return; // a change committed meanwhile: do not even copy it
        }
        ByteBuffer direct = ByteBuffer.allocateDirect(body.length).put(body).flip();
        Buffer buffer = Buffer.buffer(Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct)));
        Entry entry = new Entry(generation, buffer, contentType, etag, link);
        if (this.generation.current(generation)) {
            entries.put(key, entry);
        }
    }

    /**
     * Claims the computing of a missing entry: answers a claim for the first request of a key,
     * which calls {@link #computed} with it when its response is done (stored or not); null for
     * the others, which wait instead: {@code resume} runs once for each of them when the first one
     * is done. So a burst of requests for one expensive read (a year's calendar, right after a
     * write) computes it once, not once per request, and the waiting requests hold no worker
     * thread. A claim older than {@link #MAX_WAIT} (its request never said it was done) is taken
     * over by the next request; its waiters have stopped waiting by then.
     */
    Computing compute(String key, Runnable resume) {
        long now = System.nanoTime();
        Computing[] mine = {null};
        computing.compute(key, (k, running) -> {
            if (running == null || now - running.since > MAX_WAIT.toNanos()) {
                mine[0] = new Computing();
                return mine[0];
            }
            running.waiting.add(resume);
            return running;
        });
        return mine[0];
    }

    /** The response of this claim is done: the requests that waited for it look again. */
    void computed(String key, Computing claim) {
        if (computing.remove(key, claim)) {
            claim.waiting.forEach(Runnable::run);
        }
    }
}
