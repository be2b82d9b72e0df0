// A webhook receiver for the bench (run with `java bench/WebhookReceiver.java <port>`, no build):
// answers every POST with 204 and notes when it arrived and the event's own "timestamp" (when the
// change was written, in its transaction), so the delay from commit to delivery can be told.
// GET /stats answers what it saw as JSON; GET /reset forgets it.
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class WebhookReceiver {

    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"([^\"]+)\"");
    private static final List<long[]> arrivals = new ArrayList<>(); // {arrived ms, written ms}
    private static final Set<String> ids = new HashSet<>();
    private static int duplicates;

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 100);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            long now = System.currentTimeMillis();
            String answer = "";
            if (exchange.getRequestMethod().equals("POST")) {
                Matcher m = TIMESTAMP.matcher(new String(body, StandardCharsets.UTF_8));
                long written = m.find() ? Instant.parse(m.group(1)).toEpochMilli() : now;
                synchronized (arrivals) {
                    arrivals.add(new long[] { now, written });
                    if (!ids.add(String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id")))) {
                        duplicates++;
                    }
                }
            } else if (exchange.getRequestURI().getPath().equals("/stats")) {
                answer = stats();
            } else if (exchange.getRequestURI().getPath().equals("/reset")) {
                synchronized (arrivals) {
                    arrivals.clear();
                    ids.clear();
                    duplicates = 0;
                }
            }
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(out.length == 0 ? 204 : 200, out.length == 0 ? -1 : out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        });
        server.start();
    }

    private static String stats() {
        synchronized (arrivals) {
            long[] delays = arrivals.stream().mapToLong(a -> a[0] - a[1]).sorted().toArray();
            long first = arrivals.stream().mapToLong(a -> a[0]).min().orElse(0);
            long last = arrivals.stream().mapToLong(a -> a[0]).max().orElse(0);
            return String.format("{\"received\": %d, \"distinct\": %d, \"duplicates\": %d, \"first_ms\": %d, \"last_ms\": %d,"
                    + " \"delay_ms\": {\"p50\": %d, \"p99\": %d, \"max\": %d}}", arrivals.size(), ids.size(), duplicates, first, last,
                    percentile(delays, 50), percentile(delays, 99), delays.length == 0 ? 0 : delays[delays.length - 1]);
        }
    }

    private static long percentile(long[] sorted, int p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
