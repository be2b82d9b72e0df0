package dev.ticker.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import dev.ticker.TickerConfig;

/**
 * Where webhooks may go: absolute http(s) URLs without user information, whose host resolves to
 * public addresses only, unless {@code ticker.webhooks.allow-private-targets} is set. The check
 * runs when a subscription is written and again before every attempt, on the addresses the
 * attempt then connects to (so a name that later resolves to an internal address is refused too).
 * Redirects are never followed.
 */
@ApplicationScoped
public class Targets {

    /** Why a URL is refused (the message names the reason, for a 422 or an attempt's error). */
    static final class Refused extends Exception {
        private final boolean unresolved;

        Refused(String message) {
            this(message, false);
        }

        Refused(String message, boolean unresolved) {
            super(message, null, false, false);
            this.unresolved = unresolved;
        }

        /** Whether the host did not resolve (now): no address to judge yet. */
        boolean unresolved() {
            return unresolved;
        }
    }

    /** A URL that may be called: its parts, and the address to connect to. */
    record Target(boolean https, String host, int port, String pathAndQuery, InetAddress address) {
    }

    private final boolean allowPrivate;

    @jakarta.inject.Inject
    Targets(TickerConfig config) {
        this(config.webhooks().allowPrivateTargets());
    }

    Targets(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Parses the URL and resolves its host; refused when it may not be called. */
    Target resolve(String url) throws Refused {
        URI uri = parse(url);
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("its host " + uri.getHost() + " cannot be resolved", true);
        }
        for (InetAddress address : addresses) {
            if (!allowPrivate && !isPublic(address)) {
                throw new Refused("its host " + uri.getHost() + " resolves to " + address.getHostAddress()
                        + ", a private, loopback or link-local address (allowed only with TICKER_WEBHOOKS_ALLOW_PRIVATE_TARGETS=true)");
            }
        }
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new Target(https, uri.getHost(), port, path, addresses[0]);
    }

    /** The URL's form alone: absolute http or https, a host, no user information, no fragment. */
    static URI parse(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("must be an absolute http or https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new Refused("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new Refused("must not contain a user or password (the signature tells receivers the event is ours)");
        }
        if (uri.getRawFragment() != null) {
            throw new Refused("must not contain a fragment");
        }
        return uri;
    }

    /**
     * Whether an address is on the public internet: not loopback, private (RFC 1918, IPv6 unique
     * local), link-local, shared (100.64/10), unspecified, multicast, or an IPv4 address in an
     * IPv6 wrapping of one of those.
     */
    static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            boolean mapped = true; // ::ffff:a.b.c.d and ::a.b.c.d carry an IPv4 address
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && ((b[10] == (byte) 0xff && b[11] == (byte) 0xff) || (b[10] == 0 && b[11] == 0))) {
                try {
                    InetAddress v4 = InetAddress.getByAddress(new byte[] { b[12], b[13], b[14], b[15] });
                    return isPublic(v4);
                } catch (UnknownHostException e) {
                    return false;
                }
            }
            if ((b[0] & 0xfe) == 0xfc) { // fc00::/7, unique local
                return false;
            }
            if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) { // 2001:db8::/32, documentation
                return false;
            }
        }
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return false;
        }
        if (address instanceof Inet4Address) {
            int first = address.getAddress()[0] & 0xff;
            int second = address.getAddress()[1] & 0xff;
            if (first == 0 || first >= 240 || (first == 100 && second >= 64 && second < 128) // this network, reserved, shared (CGNAT)
                    || (first == 192 && second == 0 && (address.getAddress()[2] & 0xff) == 0)) { // 192.0.0.0/24, protocol assignments
                return false;
            }
        }
        return true;
    }
}
