package dev.ticker.webhook;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.ticker.TickerConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Sends one signed event with Vert.x's HTTP client: to the address {@link Targets} checked (the
 * Host header and TLS name stay the URL's host), within the connect and answer timeouts, without
 * following redirects (a 3xx is a failed attempt), reading at most
 * {@code ticker.webhooks.max-response-bytes} of the answer.
 */
@ApplicationScoped
public class Sender {

    /** What an attempt came to: the receiver's status (null without an answer), and what went wrong. */
    record Outcome(Integer status, int durationMs, String error) {
        boolean succeeded() {
            return error == null;
        }
    }

    private static final int ERROR_EXCERPT = 200;

    private final HttpClient client;
    private final long timeoutMillis;
    private final long connectMillis;
    private final int maxResponseBytes;
    private final Targets targets;

    Sender(Vertx vertx, TickerConfig config, Targets targets) {
        TickerConfig.Webhooks webhooks = config.webhooks();
        this.timeoutMillis = webhooks.timeout().toMillis();
        this.connectMillis = webhooks.connectTimeout().toMillis();
        this.maxResponseBytes = webhooks.maxResponseBytes();
        this.targets = targets;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) connectMillis)
                .setKeepAlive(true)
                .setMaxPoolSize(4 * Math.max(1, webhooks.workers()))
                .setVerifyHost(true)
                .setTrustAll(false)
                .setMaxRedirects(0));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /**
     * POSTs the body to the URL with the Standard Webhooks headers and waits for the answer.
     *
     * @throws InterruptedException when the delivering thread is stopped meanwhile; nothing is
     *                              recorded then, and the event is delivered again later
     */
    Outcome send(String url, String webhookId, long timestamp, String signature, String body) throws InterruptedException {
        long start = System.nanoTime();
        Targets.Target target;
        try {
            target = targets.resolve(url);
        } catch (Targets.Refused e) {
            return new Outcome(null, elapsed(start), "not sent, the URL is refused: " + e.getMessage());
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setFollowRedirects(false)
                .setConnectTimeout(connectMillis)
                .setIdleTimeout(timeoutMillis)
                .putHeader("content-type", "application/json")
                .putHeader("user-agent", "Ticker-Webhooks/1")
                .putHeader("webhook-id", webhookId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", signature);
        Future<Answer> answer = client.request(options).compose(request -> {
            Promise<Answer> done = Promise.promise();
            // the answer's handlers are set as soon as its status line is there, before its body
            request.response(response -> {
                if (response.succeeded()) {
                    read(response.result(), done);
                } else {
                    done.tryFail(response.cause());
                }
            });
            request.end(Buffer.buffer(body)).onFailure(done::tryFail);
            return done.future();
        });
        try {
            Answer got = answer.toCompletionStage().toCompletableFuture()
                    .get(connectMillis + timeoutMillis + 1000, TimeUnit.MILLISECONDS);
            int duration = elapsed(start);
            if (got.status() >= 200 && got.status() < 300) {
                return new Outcome(got.status(), duration, null);
            }
            String excerpt = excerpt(got.body());
            return new Outcome(got.status(), duration, "HTTP " + got.status() + (got.status() >= 300 && got.status() < 400
                    ? " (redirects are not followed)" : "") + (excerpt.isEmpty() ? "" : ": " + excerpt));
        } catch (ExecutionException e) {
            return new Outcome(null, elapsed(start), describe(e.getCause()));
        } catch (TimeoutException e) {
            return new Outcome(null, elapsed(start), "no answer within " + (connectMillis + timeoutMillis) + " ms");
        }
    }

    private record Answer(int status, Buffer body) {
    }

    /**
     * Reads the answer up to the limit; a longer one is cut off (the connection is closed). The
     * status alone decides whether the attempt succeeded: an answer that ended before its handlers
     * could be set (a 204 has no body) is complete as it is.
     */
    private void read(HttpClientResponse response, Promise<Answer> done) {
        Buffer body = Buffer.buffer();
        try {
            response.handler(chunk -> {
                int room = maxResponseBytes - body.length();
                body.appendBuffer(chunk.length() <= room ? chunk : chunk.getBuffer(0, room));
                if (body.length() >= maxResponseBytes && done.tryComplete(new Answer(response.statusCode(), body))) {
                    response.request().reset(); // enough: the rest is never read
                }
            });
            response.endHandler(end -> done.tryComplete(new Answer(response.statusCode(), body)));
            response.exceptionHandler(done::tryFail);
        } catch (IllegalStateException ended) {
            done.tryComplete(new Answer(response.statusCode(), body));
        }
    }

    private static String describe(Throwable cause) {
        String name = cause.getClass().getSimpleName();
        String message = cause.getMessage() == null ? "" : cause.getMessage();
        if (name.contains("Timeout") || message.contains("timeout") || message.contains("timed out")) {
            return "no answer in time: " + excerpt(Buffer.buffer(message));
        }
        if (cause instanceof java.net.ConnectException || name.contains("Connect")) {
            return "could not connect: " + excerpt(Buffer.buffer(message));
        }
        return "failed: " + excerpt(Buffer.buffer(message.isEmpty() ? name : message));
    }

    /** The start of an answer, as one line of printable text. */
    private static String excerpt(Buffer body) {
        String text = body.toString(java.nio.charset.StandardCharsets.UTF_8).replaceAll("[\\p{Cc}\\p{Cf}]+", " ").strip();
        return text.length() <= ERROR_EXCERPT ? text : text.substring(0, ERROR_EXCERPT) + "…";
    }

    private static int elapsed(long start) {
        return (int) TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
