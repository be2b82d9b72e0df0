package dev.ticker.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver on loopback for the tests: records every request it gets and answers with
 * the statuses queued (204 when none is), after an optional delay, or holds a request until it is
 * released.
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Request(Map<String, List<String>> headers, String body, Instant at) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }

        String webhookId() {
            return header("webhook-id");
        }
    }

    /** What to answer one request with. */
    record Answer(int status, String body, Duration delay, Map<String, String> headers) {
        static Answer status(int status) {
            return new Answer(status, "", Duration.ZERO, Map.of());
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private volatile CountDownLatch hold;
    private volatile CountDownLatch held;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            // header names in lower case, as Standard Webhooks libraries look them up
            Map<String, List<String>> headers = new java.util.TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(java.util.Locale.ROOT), values));
            requests.add(new Request(headers, new String(body, StandardCharsets.UTF_8), Instant.now()));
            CountDownLatch gate = hold;
            if (gate != null) {
                hold = null;
                held.countDown();
                try {
                    gate.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Answer answer = answers.poll();
            if (answer == null) {
                answer = Answer.status(204);
            }
            try {
                Thread.sleep(answer.delay().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            try {
                exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    exchange.getResponseBody().write(out);
                }
            } catch (IOException e) {
                // the sender gave up waiting
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/ticker?from=test";
    }

    /** Answers the next requests with these, in order. */
    Receiver answer(Answer... next) {
        answers.addAll(List.of(next));
        return this;
    }

    /** Holds the next request until {@link #release} (the latch counts down when it arrived). */
    CountDownLatch holdNext(CountDownLatch release) {
        held = new CountDownLatch(1);
        hold = release;
        return held;
    }

    /** Forgets the answers not given yet; answers how many there were. */
    int clearAnswers() {
        int n = answers.size();
        answers.clear();
        return n;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until a request that matches has arrived; fails after the timeout. */
    Request await(Predicate<Request> wanted, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (Request request : requests) {
                if (wanted.test(request)) {
                    return request;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No matching request within " + timeout + "; got " + requests.stream()
                .map(r -> r.body().substring(0, Math.min(r.body().length(), 60))).toList());
    }

    /** Waits until this many requests have arrived. */
    void awaitCount(int count, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (requests.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        if (requests.size() < count) {
            throw new AssertionError("Expected " + count + " requests within " + timeout + ", got " + requests.size());
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
