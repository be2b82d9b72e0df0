package dev.ticker;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Ticker's own settings (prefix {@code ticker}); each can also be set as an environment variable. */
@ConfigMapping(prefix = "ticker")
public interface TickerConfig {

    /**
     * The admin token (TICKER_ADMIN_TOKEN); it replaces the one the embedded default generates on
     * its first start when unset.
     */
    Optional<String> adminToken();

    /** Calendar dates in filters (from/to) are days in this zone. */
    @WithDefault("Europe/Berlin")
    ZoneId timeZone();

    Cache cache();

    Cors cors();

    Embedded embedded();

    Demo demo();

    Workflow workflow();

    Feed feed();

    Email email();

    Webhooks webhooks();

    RateLimit rateLimit();

    /**
     * Rate limits (docs/limits.md): per token, or per client address without one, in each
     * instance's memory. Writes, searches and every other request with a token have a quota each;
     * anonymous plain reads have none.
     */
    interface RateLimit {
        /** Whether requests are limited at all (TICKER_RATE_LIMIT_ENABLED). */
        @WithDefault("true")
        boolean enabled();

        /** POST, PUT, PATCH and DELETE. */
        Quota writes();

        /** GET /v1/search and every list read with {@code q}. */
        Quota search();

        /** Every other request with a bearer token. */
        Quota reads();

        /** How many callers' buckets each instance keeps at most (the least recently used go first). */
        @WithDefault("100000")
        long maxCallers();

        /** So many requests per window; the whole quota comes back at the end of each window. */
        interface Quota {
            int quota();

            java.time.Duration window();
        }
    }

    Tokens tokens();

    Outage outage();

    /** While PostgreSQL cannot be reached (docs/reliability-outage.md). */
    interface Outage {
        /** What a 503 for an unreachable database says in Retry-After (whole seconds). */
        @WithDefault("5s")
        java.time.Duration retryAfter();

        /**
         * How long cached reads are still answered after the change feed lost its connection to
         * the database (while it is down nobody can write through it; everything cached is dropped
         * when the feed is back). 0: not at all.
         */
        @WithDefault("5m")
        java.time.Duration serveCachedFor();
    }

    /** Webhooks (docs/webhooks.md): delivery, retries and what targets may be. */
    interface Webhooks {
        /**
         * Allow targets on private, loopback or link-local addresses
         * (TICKER_WEBHOOKS_ALLOW_PRIVATE_TARGETS; for tests and intranets).
         */
        @WithDefault("false")
        boolean allowPrivateTargets();

        /** How many subscriptions each instance delivers to at the same time (threads). */
        @WithDefault("4")
        int workers();

        /** How often each instance looks for messages due, besides being woken by changes. */
        @WithDefault("1s")
        java.time.Duration pollInterval();

        /** How long connecting to a receiver may take. */
        @WithDefault("3s")
        java.time.Duration connectTimeout();

        /** How long a receiver may take to answer, once connected. */
        @WithDefault("10s")
        java.time.Duration timeout();

        /** How much of a receiver's answer is read (the rest is not); its start is kept in the log. */
        @WithDefault("4096")
        int maxResponseBytes();

        /** How long a rotated secret still signs, next to the new one. */
        @WithDefault("24h")
        java.time.Duration secretGracePeriod();

        /** How long delivered messages and their attempts are kept. */
        @WithDefault("7d")
        java.time.Duration retention();

        /** How often delivered messages older than the retention are pruned (the scheduler reads the same property). */
        java.time.Duration pruneInterval();

        Retry retry();

        /** When failed deliveries are tried again: exponential backoff with jitter. */
        interface Retry {
            /** The wait before the first retry (at most; each wait is between half of it and all of it). */
            @WithDefault("5s")
            java.time.Duration initialDelay();

            /** The longest wait between two attempts; each wait doubles until it reaches this. */
            @WithDefault("1h")
            java.time.Duration maxDelay();

            /** How long a message is retried before its subscription is disabled. */
            @WithDefault("24h")
            java.time.Duration period();
        }
    }

    interface Feed {
        /** How many of the newest published news items the feeds (Atom, JSON Feed) carry. */
        @WithDefault("20")
        int size();
    }

    /** The issue as e-mail: the footer's sender details and the unsubscribe link. */
    interface Email {
        /** Where readers unsubscribe, when the request names no mailing tool's merge tag ({@code ?unsubscribe=}). */
        @WithDefault("https://www.vitako.de/newsletter/abmelden")
        String unsubscribeUrl();

        /** Who sends the newsletter (the footer's first line). */
        @WithDefault("VITAKO - Bundes-Arbeitsgemeinschaft der kommunalen IT-Dienstleister e.V.")
        String association();

        /** The board, as the footer names it. */
        @WithDefault("Hauptamtlich geschäftsführender Vorstand: Lars Hoppmann · Vorstandsvorsitzender: Sören Kuhn")
        String board();

        /** The postal address, one line. */
        @WithDefault("Charlottenstr. 65 · 10117 Berlin · Deutschland")
        String address();

        /** The association's web site. */
        @WithDefault("https://www.vitako.de")
        String website();
    }

    interface Workflow {
        /**
         * How often each instance looks for scheduled content that is due (the scheduler reads
         * the same property): content is published at most this long after its publishAt.
         */
        java.time.Duration interval();
    }

    interface Demo {
        /** Load the newsletter Nr. 20 into an empty database; default: only in the embedded default. */
        Optional<Boolean> load();
    }

    interface Cache {
        /** Seconds that anonymous reads may be cached (Cache-Control max-age). */
        @WithDefault("60")
        int maxAge();

        /** Keep read responses in memory until content changes (see ReadCache). */
        @WithDefault("true")
        boolean responses();

        /**
         * How many bytes of read responses to keep at most (off the heap: below the JVM's
         * -XX:MaxDirectMemorySize, docker/jvm.options).
         */
        @WithDefault("33554432")
        long maxBytes();

        /**
         * How many bytes of items rendered to JSON (one per item version, see NewsJson) to keep at
         * most, on the heap: 16 MiB hold about 4,500 news items.
         */
        @WithDefault("16777216")
        long fragmentBytes();
    }

    interface Cors {
        /** Origins from which browsers may write; any origin may read. */
        Optional<List<String>> writeOrigins();
    }

    interface Embedded {
        /** Whether the service runs its own PostgreSQL when no JDBC URL is configured. */
        @WithDefault("true")
        boolean enabled();

        /** Set by the service itself: true while it runs on its own PostgreSQL. */
        @WithDefault("false")
        boolean active();

        /** Where the embedded PostgreSQL keeps its data. */
        @WithDefault("data")
        String dataDir();

        /** Start from an empty database every time (tests). */
        @WithDefault("false")
        boolean clean();
    }

    Idempotency idempotency();

    /** Idempotent retries of POST (docs/idempotency.md). */
    interface Idempotency {
        /** How long the first answer to a request with an Idempotency-Key is kept and replayed. */
        @WithDefault("24h")
        java.time.Duration retention();

        /** How often keys older than the retention are pruned (the scheduler reads the same property). */
        java.time.Duration pruneInterval();

        /** How long a request waits for a running request with the same key to end; then it is a 409. */
        @WithDefault("10s")
        java.time.Duration lockTimeout();
    }

    /** API tokens (docs/security.md). */
    interface Tokens {
        /**
         * false (the default): every request with a token asks the database, so a token revoked on
         * any instance is refused on every instance as soon as the revocation is answered. true:
         * remember checked tokens until the change feed says tokens changed, saving that query; a
         * token revoked on another instance may then pass here until this instance hears of the
         * change (milliseconds to a few hundred; docs/reliability-instances.md).
         */
        @WithDefault("false")
        boolean remember();
    }
}
