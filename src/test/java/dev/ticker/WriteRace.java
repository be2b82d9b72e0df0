package dev.ticker;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Concurrent writers released at once, for the lost-update tests of every type. */
public final class WriteRace {

    public static final int WRITERS = 8;
    public static final Set<Integer> ALLOWED = Set.of(200, 409, 412);

    private WriteRace() {
    }

    /** One writer's answer. */
    public record Outcome(int writer, String value, int status, String contentType, String body) {

        public JsonPath json() {
            return JsonPath.from(body);
        }
    }

    public interface Write {
        Response send(int writer, String value);
    }

    public static void assertStatusesAllowed(List<Outcome> outcomes) {
        for (Outcome o : outcomes) {
            assertTrue(ALLOWED.contains(o.status()), "each answer is 200, 409 or 412: " + o);
            if (o.status() != 200) {
                assertTrue(o.contentType().startsWith("application/problem+json"), "a refusal is a problem document: " + o);
            }
        }
    }

    /** Runs one write per writer, all released at once by a start gate, and waits for every answer. */
    public static List<Outcome> race(IntFunction<String> valueOf, Write write) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch ready = new CountDownLatch(WRITERS);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Outcome>> futures = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                int writer = i;
                String value = valueOf.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    if (!start.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("start gate not opened");
                    }
                    Response response = write.send(writer, value);
                    return new Outcome(writer, value, response.statusCode(), String.valueOf(response.contentType()),
                            response.asString());
                }));
            }
            assertTrue(ready.await(30, TimeUnit.SECONDS), "all writers ready");
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get(60, TimeUnit.SECONDS));
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS), "writers finished");
        }
    }
}
