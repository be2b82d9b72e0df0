package dev.ticker.limit;

/**
 * The fields of draft-ietf-httpapi-ratelimit-headers-11 (structured fields, RFC 9651): the policy
 * ({@code "writes";q=60;w=60}: a quota of 60 per 60 seconds) and the caller's state under it
 * ({@code "writes";r=0;t=12}: none left, back in 12 seconds).
 */
public final class RateLimitHeaders {

    public static final String POLICY = "RateLimit-Policy";
    public static final String STATE = "RateLimit";

    private RateLimitHeaders() {
    }

    static String policy(String name, long quota, long windowSeconds) {
        return "\"" + name + "\";q=" + quota + ";w=" + windowSeconds;
    }

    static String state(String name, long remaining, long resetSeconds) {
        return "\"" + name + "\";r=" + remaining + ";t=" + resetSeconds;
    }
}
