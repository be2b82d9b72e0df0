package dev.ticker.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Where webhooks may go (SSRF), and how long retries wait. */
class TargetsTest {

    private final Targets strict = new Targets(false);

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.5.4", "172.31.255.255", "192.168.1.1", "169.254.169.254",
            "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1",
            "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "2001:db8::1" })
    void internalAddressesAreNotPublic(String address) throws Exception {
        assertFalse(Targets.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "193.99.144.80", "2a00:1450:4001:82a::200e" })
    void publicAddressesArePublic(String address) throws Exception {
        assertTrue(Targets.isPublic(InetAddress.getByName(address)), address);
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://127.0.0.1/hook", "http://localhost:8080/hook", "https://[::1]/hook", "http://10.0.0.7/",
            "http://169.254.169.254/latest/meta-data/", "http://0x7f000001/", "http://2130706433/", "http://[::ffff:7f00:1]/" })
    void internalTargetsAreRefusedAfterResolution(String url) {
        Targets.Refused refused = assertThrows(Targets.Refused.class, () -> strict.resolve(url));
        assertTrue(refused.getMessage().contains("TICKER_WEBHOOKS_ALLOW_PRIVATE_TARGETS") || refused.getMessage().contains("resolved"),
                refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://example.org/", "/relative", "mailto:a@example.org", "https://user:pw@example.org/",
            "https://example.org/#fragment", "http:///nohost", "not a url" })
    void malformedTargetsAreRefused(String url) {
        assertThrows(Targets.Refused.class, () -> Targets.parse(url));
    }

    @Test
    void privateTargetsAreAllowedWhenConfigured() throws Exception {
        Targets.Target target = new Targets(true).resolve("http://127.0.0.1:8089/hooks/ticker?x=1");
        assertEquals("/hooks/ticker?x=1", target.pathAndQuery());
        assertEquals(8089, target.port());
        assertEquals("127.0.0.1", target.address().getHostAddress());
    }

    @Test
    void retriesWaitExponentiallyLongerWithJitterUpToTheMaximum() {
        Duration initial = Duration.ofSeconds(5);
        Duration max = Duration.ofHours(1);
        for (int i = 0; i < 200; i++) {
            long first = Courier.backoff(1, initial, max).toMillis();
            assertTrue(first >= 2500 && first <= 5000, "first retry within 10 s: " + first);
            long fourth = Courier.backoff(4, initial, max).toMillis();
            assertTrue(fourth >= 20_000 && fourth <= 40_000, "doubling: " + fourth);
            long late = Courier.backoff(40, initial, max).toMillis();
            assertTrue(late >= 1_800_000 && late <= 3_600_000, "at most the maximum: " + late);
        }
    }
}
