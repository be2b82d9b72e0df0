package dev.ticker.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import dev.ticker.TickerConfig;
import dev.ticker.changes.TablesChanged;
import dev.ticker.problem.DatabaseUnavailable;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * The delivery loop of this instance: {@code ticker.webhooks.workers} threads, each delivering
 * due messages through the {@link Courier} until none is left, then waiting until it is woken
 * or {@code ticker.webhooks.poll-interval} has passed. Woken by this instance's commits that
 * queued events, and by the change feed when another instance committed a change of content
 * (the transaction that queued its events). Threads of its own, not a request's: delivery never
 * slows down the write that caused it. Nothing is kept in memory: PostgreSQL is the queue.
 */
@ApplicationScoped
public class Dispatcher {

    private static final long IDLE_MILLIS = 25;

    /** Fired by the outbox in a transaction that queued messages for these subscriptions; heard after its commit. */
    public record Queued(List<UUID> subscriptions) {
    }

    private final Courier courier;
    private final int workers;
    private final long pollMillis;
    private final long finishMillis;
    private final Object signal = new Object();
    private long generation;
    private volatile boolean running;
    private final List<Thread> threads = new ArrayList<>();
    /** The subscriptions this instance's threads are serving right now (each loops until it has nothing left to claim). */
    private final Set<UUID> serving = ConcurrentHashMap.newKeySet();
    /** An outage is logged once by all threads, and its end. */
    private final DatabaseUnavailable.Notice outage = new DatabaseUnavailable.Notice(Dispatcher.class, "Webhook delivery");

    Dispatcher(Courier courier, TickerConfig config) {
        this.courier = courier;
        this.workers = config.webhooks().workers();
        this.pollMillis = Math.max(10, config.webhooks().pollInterval().toMillis());
        this.finishMillis = config.webhooks().connectTimeout().plus(config.webhooks().timeout()).toMillis() + 1000;
    }

    void onStart(@Observes StartupEvent start) {
        start();
    }

    /**
     * On shutdown, the threads finish the attempt they are making (each within the timeouts) and
     * take no other, so a rolling restart sends nothing twice; what is still running after that
     * is stopped.
     */
    void onStop(@Observes ShutdownEvent stop) {
        running = false;
        synchronized (signal) {
            signal.notifyAll();
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(finishMillis);
        synchronized (this) {
            for (Thread thread : threads) {
                try {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        stop();
    }

    /** Starts the delivery threads (again). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < workers; i++) {
            Thread thread = new Thread(this::loop, "ticker-webhooks-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Stops the delivery threads, interrupting attempts in flight: their transactions roll back,
     * as when the process dies, and the messages are sent again by whoever delivers next.
     */
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
    }

    /** Wakes the delivery threads. */
    public void wake() {
        synchronized (signal) {
            generation++;
            signal.notify(); // one thread; a thread that finds work wakes the next (see loop)
        }
    }

    /**
     * A commit of this instance queued messages: a thread is woken unless each of their
     * subscriptions is being served here already (its thread takes them in its next round). Under
     * a stream of writes for one busy subscription, waking a thread for each would only make it
     * find the subscription taken.
     */
    void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) Queued queued) {
        if (!serving.containsAll(queued.subscriptions())) {
            wake();
        }
    }

    /**
     * Another instance's change may have queued messages; those of this instance come here too
     * (the change feed hears every commit). While this instance serves a subscription, its busy
     * thread claims whatever else is due in its next round, and the other threads look every
     * {@code poll-interval}.
     */
    void changed(@Observes TablesChanged changed) {
        if (serving.isEmpty()) {
            wake();
        }
    }

    @Scheduled(identity = "webhooks-prune", every = "${ticker.webhooks.prune-interval}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prune() {
        int pruned = courier.prune();
        if (pruned > 0) {
            Log.debugf("Pruned %d delivered webhook messages", pruned);
        }
    }

    /**
     * Waits for a wake-up (or the poll interval), then delivers until nothing is left that no
     * other worker has. One wake-up wakes one thread; a thread that claimed a subscription wakes
     * the next, in case more are due, so an idle instance answers a commit with one query, and a
     * busy one with as many threads as there are subscriptions to serve. A thread that found
     * everything due taken by others lets {@value #IDLE_MILLIS} ms pass before it looks again: under
     * a stream of commits for one busy subscription, the others would otherwise ask after each.
     */
    private void loop() {
        long seen = -1;
        boolean foundNothing = false;
        while (running) {
            try {
                if (foundNothing) {
                    Thread.sleep(Math.min(IDLE_MILLIS, pollMillis));
                }
                synchronized (signal) {
                    if (generation == seen) {
                        signal.wait(pollMillis);
                    }
                    seen = generation;
                }
                foundNothing = true;
                while (running && courier.anythingDue() && courier.deliverNext(() -> running, serving)) {
                    foundNothing = false;
                    wake(); // there may be more
                }
                outage.reached();
            } catch (InterruptedException e) {
                return; // stopped
            } catch (java.sql.SQLException | RuntimeException e) {
                if (!outage.unreachable(e)) {
                    Log.warnf("Webhook delivery failed (%s); it is tried again.", e.getMessage());
                }
                sleep();
            }
        }
    }

    private void sleep() {
        try {
            Thread.sleep(pollMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
