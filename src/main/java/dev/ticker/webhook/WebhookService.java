package dev.ticker.webhook;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticker.TickerConfig;
import dev.ticker.content.MergePatch;
import dev.ticker.content.Precondition;
import dev.ticker.content.Slugs;
import dev.ticker.list.Cursor;
import dev.ticker.list.ListSpec;
import dev.ticker.list.Page;
import dev.ticker.problem.Problem;
import dev.ticker.problem.ProblemException;
import io.quarkus.panache.common.Sort;

/**
 * Webhook subscriptions (admins): create with a generated secret, read, change by merge patch,
 * delete, rotate the secret, ping, and the log of delivery attempts with redelivery.
 */
@ApplicationScoped
public class WebhookService {

    private final EntityManager em;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final Targets targets;
    private final WebhookOutbox outbox;
    private final TickerConfig.Webhooks config;

    WebhookService(EntityManager em, ObjectMapper mapper, Validator validator, Targets targets, WebhookOutbox outbox,
            TickerConfig config) {
        this.em = em;
        this.mapper = mapper;
        this.validator = validator;
        this.targets = targets;
        this.outbox = outbox;
        this.config = config.webhooks();
    }

    /** Creates a subscription and answers it with its secret, the only time the secret is shown. */
    @Transactional
    public WebhookResponse create(WebhookRequest request) {
        check(request, true);
        WebhookSubscription subscription = new WebhookSubscription();
        subscription.secret = Signature.newSecret();
        apply(subscription, request);
        subscription.persistAndFlush();
        return WebhookResponse.of(subscription, subscription.secret);
    }

    @Transactional
    public List<WebhookResponse> list() {
        return WebhookSubscription.<WebhookSubscription>listAll(Sort.by("createdAt").and("id")).stream()
                .map(s -> WebhookResponse.of(s, null)).toList();
    }

    @Transactional
    public WebhookResponse get(String id) {
        return WebhookResponse.of(find(id), null);
    }

    /**
     * Applies a JSON Merge Patch. Setting {@code active} to true on a subscription that was not
     * active resumes it from the oldest message it has not delivered, at once and with a whole
     * retry period ahead.
     */
    @Transactional
    public WebhookResponse patch(String id, JsonNode patch, Precondition precondition) {
        MergePatch.requireObject(patch);
        WebhookSubscription subscription = find(id);
        if (!precondition.holds(WebhookResponse.of(subscription, null))) {
            throw ProblemException.preconditionFailed(
                    "The webhook has changed since it was read (If-Match does not match its ETag); GET it again and retry.");
        }
        WebhookRequest request = MergePatch.patched(mapper, validator, new WebhookRequest(subscription.url, subscription.events,
                subscription.description, subscription.active), patch, WebhookRequest.class, "webhook");
        check(request, !request.url().equals(subscription.url));
        boolean resumes = !subscription.active && !Boolean.FALSE.equals(request.active());
        apply(subscription, request);
        if (resumes) {
            subscription.disabledReason = null;
            em.flush();
            em.createNativeQuery("update webhook_message set next_attempt_at = statement_timestamp(), failing_since = null"
                    + " where subscription_id = :id and delivered_at is null").setParameter("id", subscription.id).executeUpdate();
            outbox.wake(subscription.id);
        }
        em.flush();
        return WebhookResponse.of(subscription, null);
    }

    /** Deletes a subscription with its undelivered messages and its log. */
    @Transactional
    public void delete(String id) {
        find(id).delete();
    }

    /**
     * Makes a new secret and answers it once; the previous one signs too (a second signature in
     * {@code webhook-signature}) for {@code ticker.webhooks.secret-grace-period}, so receivers can
     * switch without losing an event.
     */
    @Transactional
    public WebhookResponse rotateSecret(String id) {
        WebhookSubscription subscription = find(id);
        subscription.previousSecret = subscription.secret;
        subscription.previousSecretUntil = Instant.now().plus(config.secretGracePeriod()).truncatedTo(ChronoUnit.SECONDS);
        subscription.secret = Signature.newSecret();
        em.flush();
        return WebhookResponse.of(subscription, subscription.secret);
    }

    /** Queues a {@code ping} event for the subscription, behind what it has not yet received. */
    @Transactional
    public QueuedEvent ping(String id) {
        WebhookSubscription subscription = active(find(id));
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String body = outbox.body(EventTypes.PING, at, new PingData(subscription.id, subscription.url));
        return outbox.addFor(subscription.id, UUID.randomUUID(), EventTypes.PING, body, at);
    }

    /** What a ping event carries: which subscription it tests (WebhookPing in the API description). */
    public record PingData(UUID webhook, String url) {
    }

    /** Queues the event of an attempt again (with its {@code webhook-id}), behind what the subscription has not yet received. */
    @Transactional
    public QueuedEvent redeliver(String id, String deliveryId) {
        WebhookSubscription subscription = active(find(id));
        UUID delivery = Slugs.asUuid(deliveryId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = delivery == null ? List.of()
                : em.createNativeQuery("select event_id, event_type from webhook_delivery where id = :id and subscription_id = :s")
                        .setParameter("id", delivery).setParameter("s", subscription.id).getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("No delivery '" + Problem.echo(deliveryId) + "' of webhook " + subscription.id + ".");
        }
        return outbox.addFor(subscription.id, (UUID) rows.get(0)[0], (String) rows.get(0)[1], null,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    /** A page of the subscription's delivery attempts, newest first. */
    @Transactional
    public Page<WebhookDelivery> deliveries(String id, Map<String, List<String>> query) {
        WebhookSubscription subscription = find(id);
        ListSpec.Paging paging = ListSpec.paging(query);
        Long before = paging.cursor() == null ? null : Cursor.decodeBefore(paging.cursor());
        long total = ((Number) em.createNativeQuery("select count(*) from webhook_delivery where subscription_id = :s")
                .setParameter("s", subscription.id).getSingleResult()).longValue();
        jakarta.persistence.Query select = em.createNativeQuery("select seq, id, event_id, event_type, attempt, attempted_at,"
                + " status_code, duration_ms, error, next_attempt_at from webhook_delivery where subscription_id = :s"
                + (before == null ? "" : " and seq < :before") + " order by seq desc limit :limit")
                .setParameter("s", subscription.id).setParameter("limit", paging.limit() + 1);
        if (before != null) {
            select.setParameter("before", before);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        List<WebhookDelivery> items = new ArrayList<>();
        for (Object[] row : rows.subList(0, Math.min(rows.size(), paging.limit()))) {
            items.add(new WebhookDelivery((UUID) row[1], Signature.webhookId((UUID) row[2]), (String) row[3],
                    ((Number) row[4]).intValue(), instant(row[5]), row[8] == null,
                    row[6] == null ? null : ((Number) row[6]).intValue(), ((Number) row[7]).intValue(), (String) row[8],
                    instant(row[9])));
        }
        String next = rows.size() > paging.limit() ? Cursor.before(((Number) rows.get(paging.limit() - 1)[0]).longValue()) : null;
        return new Page<>(items, paging.limit(), total, next);
    }

    private static WebhookSubscription active(WebhookSubscription subscription) {
        if (!subscription.active) {
            throw ProblemException.conflict("The webhook is not active" + (subscription.disabledReason == null ? ""
                    : " (" + subscription.disabledReason + ")") + "; set active to true first.");
        }
        return subscription;
    }

    private WebhookSubscription find(String id) {
        UUID uuid = Slugs.asUuid(id);
        WebhookSubscription subscription = uuid == null ? null : em.find(WebhookSubscription.class, uuid);
        if (subscription == null) {
            throw ProblemException.notFound("No webhook with id '" + Problem.echo(id) + "'.");
        }
        return subscription;
    }

    /**
     * What Bean Validation cannot say: the URL may be called (checked when it is new, so that a
     * subscription whose host does not resolve for a while can still be switched off; a host that
     * does not resolve at all is accepted, and every attempt resolves it again and judges the
     * addresses it then has), and every event type is known, once.
     */
    private void check(WebhookRequest request, boolean newUrl) {
        List<Problem.FieldError> errors = new ArrayList<>();
        try {
            if (newUrl) {
                targets.resolve(request.url());
            }
        } catch (Targets.Refused e) {
            if (!e.unresolved()) { // a name that does not resolve yet is judged by each attempt, when it does
                errors.add(new Problem.FieldError("url", e.getMessage()));
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.events().size(); i++) {
            String type = request.events().get(i);
            if (!type.equals(EventTypes.ALL) && !EventTypes.KNOWN.contains(type)) {
                errors.add(new Problem.FieldError("events[" + i + "]", "unknown event type '" + Problem.echo(type)
                        + "'; known: * or " + String.join(", ", EventTypes.KNOWN)));
            } else if (!seen.add(type)) {
                errors.add(new Problem.FieldError("events[" + i + "]", "'" + type + "' is listed twice"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static void apply(WebhookSubscription subscription, WebhookRequest request) {
        subscription.url = request.url();
        subscription.events = new ArrayList<>(request.events());
        subscription.description = request.description();
        subscription.active = !Boolean.FALSE.equals(request.active());
    }

    /** A timestamp as a native query answers it (as Revisions reads them). */
    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
