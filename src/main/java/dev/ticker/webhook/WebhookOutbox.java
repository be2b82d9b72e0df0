package dev.ticker.webhook;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticker.content.Outbox;

/**
 * The transactional outbox: an event is written in the transaction of the change that causes
 * it, with one message for each subscription that wants it, in one statement; when no
 * subscription wants it, nothing is written. So an event exists exactly when its change
 * committed, whatever happens to the process afterwards, and a rolled-back change leaves none.
 * Inactive subscriptions get their messages too: they are sent when the subscription is
 * enabled again.
 */
@ApplicationScoped
public class WebhookOutbox implements Outbox {

    /** Parameters: the type, the event's id, the type again, its time, its body, its time again. */
    private static final String ADD = """
            with subscribers as (
                select id from webhook_subscription where ? = any(events) or '*' = any(events)
            ), event as (
                insert into webhook_event (id, type, occurred_at, body)
                select ?, ?, ?, ? where exists (select 1 from subscribers)
                returning id
            )
            insert into webhook_message (subscription_id, event_id, created_at, next_attempt_at)
            select s.id, event.id, ?, statement_timestamp() from subscribers s, event order by s.id
            returning subscription_id""";

    /** The body every receiver gets (Standard Webhooks): the type, when it happened, and the data. */
    record Payload(String type, Instant timestamp, Object data) {
    }

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Event<Dispatcher.Queued> queued;

    WebhookOutbox(EntityManager em, ObjectMapper mapper, Event<Dispatcher.Queued> queued) {
        this.em = em;
        this.mapper = mapper;
        this.queued = queued;
    }

    /**
     * Plain JDBC on the transaction's connection: the ORM would flush the session before a native
     * statement, and the event reads nothing of the change (its body is written already).
     */
    @Override
    public void add(String type, Object data) {
        UUID id = UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String body = body(type, at, data);
        List<UUID> subscriptions = new ArrayList<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement add = connection.prepareStatement(ADD)) {
                add.setString(1, type);
                add.setObject(2, id);
                add.setString(3, type);
                add.setObject(4, at.atOffset(ZoneOffset.UTC));
                add.setString(5, body);
                add.setObject(6, at.atOffset(ZoneOffset.UTC));
                try (ResultSet rows = add.executeQuery()) {
                    while (rows.next()) {
                        subscriptions.add(rows.getObject(1, UUID.class));
                    }
                }
            }
        });
        if (!subscriptions.isEmpty()) {
            queued.fire(new Dispatcher.Queued(List.copyOf(subscriptions))); // heard after the commit
        }
    }

    /**
     * Queues an event for one subscription only (a ping, or an event sent again), in the
     * caller's transaction.
     */
    QueuedEvent addFor(UUID subscription, UUID event, String type, String body, Instant at) {
        if (body != null) {
            em.createNativeQuery("insert into webhook_event (id, type, occurred_at, body) values (:id, :type, :at, :body)")
                    .setParameter("id", event).setParameter("type", type).setParameter("at", Timestamp.from(at))
                    .setParameter("body", body).executeUpdate();
        }
        em.createNativeQuery("insert into webhook_message (subscription_id, event_id, created_at, next_attempt_at)"
                + " values (:subscription, :event, :at, statement_timestamp())")
                .setParameter("subscription", subscription).setParameter("event", event).setParameter("at", Timestamp.from(at))
                .executeUpdate();
        queued.fire(new Dispatcher.Queued(List.of(subscription)));
        return new QueuedEvent(Signature.webhookId(event), type, at);
    }

    /** Wakes the delivery threads for the subscription after the caller's transaction commits. */
    void wake(UUID subscription) {
        queued.fire(new Dispatcher.Queued(List.of(subscription)));
    }

    String body(String type, Instant at, Object data) {
        try {
            return mapper.writeValueAsString(new Payload(type, at, data));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An event could not be serialised", e);
        }
    }
}
