package dev.ticker.webhook;

import static dev.ticker.Fixtures.admin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;

import dev.ticker.Fixtures;
import dev.ticker.news.NewsRequest;
import dev.ticker.news.NewsService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Webhooks end to end, with real receivers on loopback: what is sent for which change, signed as
 * Standard Webhooks says (checked with the reference library), retried with the same webhook-id,
 * never for a rolled-back change, nothing lost when the delivery loop is stopped mid-way, a slow
 * receiver not holding up others, disabling after the retry period and resuming from the outbox.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Dispatcher dispatcher;
    @Inject
    Courier courier;
    @Inject
    NewsService newsService;
    @Inject
    EntityManager em;
    @Inject
    ObjectMapper mapper;

    private final List<Receiver> receivers = new ArrayList<>();

    @BeforeEach
    void deliveringAndNoSubscriptions() {
        dispatcher.start();
        deleteAllWebhooks();
    }

    @AfterEach
    void cleanUp() {
        dispatcher.start();
        deleteAllWebhooks();
        receivers.forEach(Receiver::close);
    }

    private static void deleteAllWebhooks() {
        List<String> ids = admin().get("/v1/webhooks").then().statusCode(200).extract().jsonPath().getList("items.id");
        ids.forEach(id -> admin().delete("/v1/webhooks/" + id).then().statusCode(204));
    }

    private Receiver receiver() throws Exception {
        Receiver receiver = new Receiver();
        receivers.add(receiver);
        return receiver;
    }

    private static Map<String, Object> subscribe(String url, String... events) {
        return admin().contentType(ContentType.JSON).body(Map.of("url", url, "events", List.of(events)))
                .post("/v1/webhooks").then().statusCode(201).extract().jsonPath().getMap("");
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    private static boolean isType(Receiver.Request request, String type) {
        try {
            return json(request.body()).path("type").asText().equals(type);
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean about(Receiver.Request request, String type, Object id) {
        try {
            JsonNode body = json(request.body());
            return body.path("type").asText().equals(type) && body.path("data").path("id").asText().equals(id.toString());
        } catch (Exception e) {
            return false;
        }
    }

    // --- what is sent ------------------------------------------------------------------------------

    @Test
    void aPublishedItemIsSentAsReadersSeeItSignedAsStandardWebhooksSays() throws Exception {
        Receiver receiver = receiver();
        Map<String, Object> webhook = subscribe(receiver.url(), "news.published");
        String secret = webhook.get("secret").toString();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertTrue(java.util.Base64.getDecoder().decode(secret.substring(6)).length >= 24, "at least 24 random bytes");

        Map<String, Object> news = Fixtures.createNews();
        Receiver.Request request = receiver.await(r -> about(r, "news.published", news.get("id")), WAIT);

        // the reference implementation verifies the signature with the secret
        new Webhook(secret).verify(request.body(), request.headers());
        assertThrows(WebhookVerificationException.class, () -> new Webhook("whsec_" + java.util.Base64.getEncoder()
                .encodeToString(new byte[32])).verify(request.body(), request.headers()));
        assertThrows(WebhookVerificationException.class, () -> new Webhook(secret).verify(request.body().replace("published",
                "unpublished"), request.headers()));
        assertTrue(request.webhookId().startsWith("msg_"), request.webhookId());
        long timestamp = Long.parseLong(request.header("webhook-timestamp"));
        assertTrue(Math.abs(timestamp - Instant.now().getEpochSecond()) < 30, "Unix seconds, now");
        assertEquals("application/json", request.header("content-type"));

        // body: type, an RFC 3339 timestamp, and data as an anonymous GET shows the item
        JsonNode body = json(request.body());
        assertEquals(List.of("type", "timestamp", "data"), iterable(body.fieldNames()));
        Instant at = Instant.parse(body.get("timestamp").asText());
        assertTrue(Duration.between(at, Instant.now()).abs().toSeconds() < 30);
        JsonNode anonymous = json(given().get("/v1/news/" + news.get("id")).then().statusCode(200).extract().asString());
        assertEquals(anonymous, body.get("data"));
        assertEquals(1, receiver.requests().size(), "subscribed to news.published only");
    }

    @Test
    void eachChangeReadersNoticeIsOneEventAndDraftsAreNeverSent() throws Exception {
        Receiver receiver = receiver();
        subscribe(receiver.url(), "*");

        Map<String, Object> draftBody = Fixtures.news(Fixtures.unique("Entwurf"));
        draftBody.put("status", "draft");
        draftBody.put("body", "Geheimer Entwurfstext");
        Map<String, Object> draft = Fixtures.createNews(draftBody);
        admin().contentType(Fixtures.MERGE_PATCH).body(Map.of("teaser", "Noch geheim")).patch("/v1/news/" + draft.get("id"))
                .then().statusCode(200);
        Object id = draft.get("id");
        // published with other text: what the draft said was never public
        admin().contentType(Fixtures.MERGE_PATCH).body(Map.of("status", "published", "body", "Öffentlicher Text", "teaser",
                "Öffentlich")).patch("/v1/news/" + id).then().statusCode(200);
        admin().contentType(Fixtures.MERGE_PATCH).body(Map.of("teaser", "Jetzt öffentlich")).patch("/v1/news/" + id)
                .then().statusCode(200);
        admin().contentType(Fixtures.MERGE_PATCH).body(Map.of("status", "archived")).patch("/v1/news/" + id).then().statusCode(200);
        admin().contentType(Fixtures.MERGE_PATCH).body(Map.of("status", "published")).patch("/v1/news/" + id).then().statusCode(200);
        admin().delete("/v1/news/" + id).then().statusCode(204);

        receiver.await(r -> about(r, "news.deleted", id), WAIT);
        List<String> types = new ArrayList<>();
        for (Receiver.Request request : receiver.requests()) {
            types.add(json(request.body()).get("type").asText());
            assertFalse(request.body().contains("Geheim") || request.body().contains("geheim"), "no draft content: " + request.body());
        }
        assertEquals(List.of("news.published", "news.updated", "news.unpublished", "news.published", "news.deleted"), types,
                "in the order they happened");
        JsonNode updated = json(receiver.requests().get(1).body()).get("data");
        assertEquals("Jetzt öffentlich", updated.get("teaser").asText());
        JsonNode unpublished = json(receiver.requests().get(2).body()).get("data");
        assertEquals(Set.of("id", "slug"), Set.copyOf(iterable(unpublished.fieldNames())), "only the keys of what readers no longer see");
        assertEquals(draft.get("slug"), unpublished.get("slug").asText());
        assertEquals(5, receiver.requests().stream().map(Receiver.Request::webhookId).distinct().count(), "one webhook-id per event");
    }

    @Test
    void publishingAnIssueSendsTheIssueWithItsNumberAndTheDraftsItPublishes() throws Exception {
        Receiver receiver = receiver();
        subscribe(receiver.url(), "issue.published", "issue.deleted", "news.published");
        Map<String, Object> itemBody = Fixtures.news(Fixtures.unique("Im Heft"));
        itemBody.put("status", "draft");
        Map<String, Object> item = Fixtures.createNews(itemBody);
        Map<String, Object> issueBody = Fixtures.issue(Fixtures.freeIssueNumber());
        issueBody.put("sections", List.of(Map.of("heading", "Aus den Mitgliedern", "news", List.of(Map.of("id", item.get("id"))))));
        Map<String, Object> issue = Fixtures.createIssue(issueBody);

        Receiver.Request published = receiver.await(r -> about(r, "issue.published", issue.get("id")), WAIT);
        JsonNode data = json(published.body()).get("data");
        assertEquals(issueBody.get("number"), data.get("number").asInt());
        assertEquals(item.get("id"), data.at("/sections/0/news/0/id").asText(), "the item it published is in it");
        receiver.await(r -> about(r, "news.published", item.get("id")), WAIT);

        admin().delete("/v1/issues/" + issueBody.get("number")).then().statusCode(204);
        JsonNode deleted = json(receiver.await(r -> about(r, "issue.deleted", issue.get("id")), WAIT).body()).get("data");
        assertEquals(issueBody.get("number"), deleted.get("number").asInt(), "an issue's key: its number");
    }

    @Test
    void scheduledContentIsSentWhenTheServicePublishesIt() throws Exception {
        Receiver receiver = receiver();
        subscribe(receiver.url(), "news.published");
        Map<String, Object> body = Fixtures.news(Fixtures.unique("Geplant"));
        body.put("status", "scheduled");
        body.put("publishAt", Instant.now().plusSeconds(3).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        Map<String, Object> scheduled = Fixtures.createNews(body);
        Thread.sleep(500);
        assertEquals(0, receiver.requests().size(), "nothing while it is scheduled");
        JsonNode data = json(receiver.await(r -> about(r, "news.published", scheduled.get("id")), Duration.ofSeconds(15)).body())
                .get("data");
        assertEquals("published", data.get("status").asText(), "written by the scheduler, in its transaction");
        assertEquals(body.get("publishAt"), data.get("publishedAt").asText());
    }

    @Test
    void membersAreSentWhenCreatedChangedAndDeleted() throws Exception {
        Receiver receiver = receiver();
        subscribe(receiver.url(), "member.published", "member.updated", "member.deleted");
        Map<String, Object> member = Fixtures.createMember();
        admin().contentType(Fixtures.MERGE_PATCH).body(Map.of("city", "Siegburg")).patch("/v1/members/" + member.get("id"))
                .then().statusCode(200);
        admin().delete("/v1/members/" + member.get("id")).then().statusCode(204);
        receiver.await(r -> about(r, "member.deleted", member.get("id")), WAIT);
        assertEquals(List.of("member.published", "member.updated", "member.deleted"), receiver.requests().stream()
                .map(r -> r.body().replaceAll("^\\{\"type\":\"([a-z.]+)\".*", "$1")).toList());
    }

    @Test
    void aRolledBackChangeSendsNothing() throws Exception {
        Receiver receiver = receiver();
        subscribe(receiver.url(), "*");
        String title = Fixtures.unique("Zurückgerollt");
        NewsRequest request = mapper.convertValue(Fixtures.news(title), NewsRequest.class);
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            newsService.create(request); // written, with its event, in this transaction
            throw new IllegalStateException("rolled back after the write");
        }));
        // a change after it is delivered: everything before it would have been too
        Map<String, Object> after = Fixtures.createNews();
        receiver.await(r -> about(r, "news.published", after.get("id")), WAIT);
        assertEquals(1, receiver.requests().size(), "only the committed change: " + receiver.requests());
        assertFalse(receiver.requests().get(0).body().contains(title));
        long events = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from webhook_event where body like :title").setParameter("title", "%" + title + "%")
                .getSingleResult()).longValue());
        assertEquals(0, events, "no event stored for the rolled-back change");
    }

    @Test
    void aCreateWithAnIdempotencyKeyIsSentAfterItsCommitAndItsReplayIsNotSentAgain() throws Exception {
        Receiver receiver = receiver();
        subscribe(receiver.url(), "news.published");
        Map<String, Object> body = Fixtures.news(Fixtures.unique("Einmal gesendet"));
        String key = java.util.UUID.randomUUID().toString();
        String id = Fixtures.editor().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/news")
                .then().statusCode(201).extract().path("id");
        // the event, written in the key's transaction, wakes the delivery after that transaction's commit
        receiver.await(r -> about(r, "news.published", id), WAIT);
        Fixtures.editor().header("Idempotency-Key", key).contentType(ContentType.JSON).body(body).post("/v1/news")
                .then().statusCode(201).header("Idempotency-Replayed", equalTo("true")).body("id", equalTo(id));
        Map<String, Object> after = Fixtures.createNews();
        receiver.await(r -> about(r, "news.published", after.get("id")), WAIT);
        assertEquals(2, receiver.requests().size(), "the replay sent nothing: " + receiver.requests());
    }

    // --- retries -----------------------------------------------------------------------------------

    @Test
    void aReceiverThatFailsTwiceGetsTheEventThreeTimesWithTheSameWebhookId() throws Exception {
        Receiver receiver = receiver().answer(Receiver.Answer.status(500), Receiver.Answer.status(503));
        Map<String, Object> webhook = subscribe(receiver.url(), "news.published");
        Map<String, Object> news = Fixtures.createNews();
        receiver.awaitCount(3, WAIT);
        List<Receiver.Request> got = receiver.requests();
        assertEquals(1, got.stream().map(Receiver.Request::webhookId).distinct().count(), "the same webhook-id each time");
        assertTrue(got.stream().allMatch(r -> about(r, "news.published", news.get("id"))));
        assertTrue(!got.get(1).at().isBefore(got.get(0).at().plusMillis(100)), "the retry waited (backoff)");
        for (Receiver.Request request : got) {
            new Webhook(webhook.get("secret").toString()).verify(request.body(), request.headers()); // signed anew each time
        }

        // the log: three attempts, newest first
        awaitDeliveries(webhook, 3);
        admin().get("/v1/webhooks/" + webhook.get("id") + "/deliveries").then().statusCode(200)
                .body("items", hasSize(3))
                .body("page.total", is(3))
                .body("items.attempt", equalTo(List.of(3, 2, 1)))
                .body("items.statusCode", equalTo(List.of(204, 503, 500)))
                .body("items.succeeded", equalTo(List.of(true, false, false)))
                .body("items[0].error", nullValue())
                .body("items[0].nextAttemptAt", nullValue())
                .body("items[1].error", startsWith("HTTP 503"))
                .body("items[2].nextAttemptAt", notNullValue())
                .body("items.webhookId", equalTo(List.of(got.get(0).webhookId(), got.get(0).webhookId(), got.get(0).webhookId())))
                .body("items.eventType", equalTo(List.of("news.published", "news.published", "news.published")));
    }

    private static void awaitDeliveries(Map<String, Object> webhook, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (admin().get("/v1/webhooks/" + webhook.get("id") + "/deliveries").jsonPath().getInt("page.total") >= count) {
                return;
            }
            Thread.sleep(50);
        }
    }

    @Test
    void redirectsAreNotFollowedAndLongAnswersAreCutShort() throws Exception {
        Receiver elsewhere = receiver();
        Receiver receiver = receiver().answer(
                new Receiver.Answer(302, "", Duration.ZERO, Map.of("Location", elsewhere.url())),
                new Receiver.Answer(500, "x".repeat(1_000_000), Duration.ZERO, Map.of()));
        Map<String, Object> webhook = subscribe(receiver.url(), "news.published");
        Fixtures.createNews();
        receiver.awaitCount(3, WAIT);
        awaitDeliveries(webhook, 3);
        admin().get("/v1/webhooks/" + webhook.get("id") + "/deliveries").then().statusCode(200)
                .body("items.statusCode", equalTo(List.of(204, 500, 302)))
                .body("items[2].error", containsString("redirects are not followed"))
                .body("items[1].error.length()", is(org.hamcrest.Matchers.lessThan(300)));
        assertEquals(0, elsewhere.requests().size(), "the redirect was not followed");
    }

    @Test
    void aSlowReceiverDoesNotHoldUpOtherSubscriptions() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Receiver slow = receiver();
        CountDownLatch slowGotIt = slow.holdNext(release);
        Receiver fast = receiver();
        subscribe(slow.url(), "news.published");
        subscribe(fast.url(), "news.published");
        try {
            Map<String, Object> news = Fixtures.createNews();
            assertTrue(slowGotIt.await(10, java.util.concurrent.TimeUnit.SECONDS));
            Receiver.Request got = fast.await(r -> about(r, "news.published", news.get("id")), WAIT);
            assertEquals(1, release.getCount(), "delivered while the slow receiver still held its request");
            assertNotNull(got);
        } finally {
            release.countDown();
        }
    }

    // --- nothing lost --------------------------------------------------------------------------------

    @Test
    void stoppingTheDeliveryLoopMidWayLosesNothing() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Receiver receiver = receiver();
        CountDownLatch arrived = receiver.holdNext(release);
        Map<String, Object> webhook = subscribe(receiver.url(), "news.published");
        Map<String, Object> first = Fixtures.createNews();
        assertTrue(arrived.await(10, java.util.concurrent.TimeUnit.SECONDS), "the first attempt reached the receiver");

        dispatcher.stop(); // mid-way: the attempt is in flight, nothing recorded yet
        release.countDown();
        List<Map<String, Object>> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(Fixtures.createNews()); // queued while nobody delivers
        }
        int whileStopped = receiver.requests().size();
        Thread.sleep(500);
        assertEquals(whileStopped, receiver.requests().size(), "nothing is delivered while the loop is stopped");

        dispatcher.start();
        List<String> order = new ArrayList<>(List.of(first.get("id").toString()));
        later.forEach(n -> order.add(n.get("id").toString()));
        receiver.await(r -> about(r, "news.published", order.get(order.size() - 1)), WAIT);
        List<Receiver.Request> got = receiver.requests();
        String firstId = got.get(0).webhookId();
        assertTrue(got.stream().filter(r -> r.webhookId().equals(firstId)).count() >= 2,
                "the interrupted event is sent again, with its webhook-id");
        assertEquals(order, got.stream().map(r -> {
            try {
                return json(r.body()).at("/data/id").asText();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).distinct().toList(), "all six, in the order they happened");
        long pending = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from webhook_message where subscription_id = cast(:id as uuid) and delivered_at is null")
                .setParameter("id", webhook.get("id").toString()).getSingleResult()).longValue());
        Instant deadline = Instant.now().plusSeconds(5);
        while (pending > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            pending = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                    "select count(*) from webhook_message where subscription_id = cast(:id as uuid) and delivered_at is null")
                    .setParameter("id", webhook.get("id").toString()).getSingleResult()).longValue());
        }
        assertEquals(0, pending, "every message delivered");
    }

    @Test
    void aSubscriptionFailingForTheWholePeriodIsDisabledAndResumesFromTheOutbox() throws Exception {
        Receiver receiver = receiver();
        Receiver.Answer[] failures = new Receiver.Answer[200];
        java.util.Arrays.fill(failures, Receiver.Answer.status(500));
        receiver.answer(failures);
        Map<String, Object> webhook = subscribe(receiver.url(), "news.published");
        String path = "/v1/webhooks/" + webhook.get("id");
        Map<String, Object> first = Fixtures.createNews();

        // the test profile retries for 6 s
        Instant deadline = Instant.now().plusSeconds(20);
        while (admin().get(path).jsonPath().getBoolean("active") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        admin().get(path).then().statusCode(200).body("active", is(false))
                .body("disabledReason", containsString("failed for 6 s"))
                .body("disabledReason", containsString("HTTP 500"));
        Map<String, Object> second = Fixtures.createNews(); // queued while disabled
        admin().post(path + "/ping").then().statusCode(409);
        Thread.sleep(500);
        int before = receiver.requests().size();
        Thread.sleep(500);
        assertEquals(before, receiver.requests().size(), "nothing is sent while disabled");

        receiver.clearAnswers(); // the receiver works again
        admin().contentType(Fixtures.MERGE_PATCH).body(Map.of("active", true)).patch(path).then().statusCode(200)
                .body("active", is(true)).body("disabledReason", nullValue());
        Receiver.Request resumed = receiver.await(r -> about(r, "news.published", second.get("id")), WAIT);
        List<Receiver.Request> after = receiver.requests().subList(before, receiver.requests().size());
        assertTrue(about(after.get(0), "news.published", first.get("id")), "resumes with the event that failed");
        assertNotNull(resumed);
    }

    // --- secrets, ping, redelivery, the API ------------------------------------------------------------

    @Test
    void aRotatedSecretSignsNextToTheNewOneDuringTheGracePeriod() throws Exception {
        Receiver receiver = receiver();
        Map<String, Object> webhook = subscribe(receiver.url(), "news.published");
        String old = webhook.get("secret").toString();
        Map<String, Object> rotated = admin().post("/v1/webhooks/" + webhook.get("id") + "/rotate-secret").then().statusCode(200)
                .body("previousSecretExpiresAt", notNullValue()).extract().jsonPath().getMap("");
        String fresh = rotated.get("secret").toString();
        assertFalse(fresh.equals(old));
        admin().get("/v1/webhooks/" + webhook.get("id")).then().statusCode(200).body("secret", nullValue())
                .body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("secret")));

        Map<String, Object> news = Fixtures.createNews();
        Receiver.Request request = receiver.await(r -> about(r, "news.published", news.get("id")), WAIT);
        assertEquals(2, request.header("webhook-signature").split(" ").length, request.header("webhook-signature"));
        new Webhook(fresh).verify(request.body(), request.headers());
        new Webhook(old).verify(request.body(), request.headers());
    }

    @Test
    void pingAndRedeliverQueueAnEventThatTheReceiverGets() throws Exception {
        Receiver receiver = receiver();
        Map<String, Object> webhook = subscribe(receiver.url(), "news.published");
        String path = "/v1/webhooks/" + webhook.get("id");
        String pingId = admin().post(path + "/ping").then().statusCode(202).body("eventType", is("ping"))
                .extract().jsonPath().getString("webhookId");
        Receiver.Request ping = receiver.await(r -> isType(r, "ping"), WAIT);
        assertEquals(pingId, ping.webhookId());
        assertEquals(webhook.get("id"), json(ping.body()).at("/data/webhook").asText());
        new Webhook(webhook.get("secret").toString()).verify(ping.body(), ping.headers());

        awaitDeliveries(webhook, 1);
        String deliveryId = admin().get(path + "/deliveries").jsonPath().getString("items[0].id");
        admin().post(path + "/deliveries/" + deliveryId + "/redeliver").then().statusCode(202).body("webhookId", is(pingId));
        receiver.awaitCount(2, WAIT);
        assertEquals(pingId, receiver.requests().get(1).webhookId(), "sent again with the same webhook-id");
        admin().post(path + "/deliveries/" + java.util.UUID.randomUUID() + "/redeliver").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void subscriptionsAreCheckedAndChangedByAdminsOnly() {
        String url = "http://127.0.0.1:9/hooks";
        Map<String, Object> webhook = subscribe(url, "issue.published");
        String path = "/v1/webhooks/" + webhook.get("id");
        admin().get(path).then().statusCode(200).body("url", is(url)).body("events", equalTo(List.of("issue.published")))
                .body("active", is(true)).body("version", is(1));
        admin().get("/v1/webhooks").then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(webhook.get("id")))
                .body("items.secret", equalTo(java.util.Collections.nCopies(1, null)));
        admin().contentType(Fixtures.MERGE_PATCH).body(Map.of("events", List.of("*"), "description", "Alles")).patch(path)
                .then().statusCode(200).body("events", equalTo(List.of("*"))).body("description", is("Alles")).body("url", is(url))
                .body("version", is(2));

        Map<String, Object> bad = new HashMap<>();
        bad.put("url", "ftp://example.org/x");
        bad.put("events", List.of("news.publish", "*", "*"));
        admin().contentType(ContentType.JSON).body(bad).post("/v1/webhooks").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("url", "events[0]", "events[2]"));
        admin().contentType(ContentType.JSON).body(Map.of("url", "https://user:pw@example.org/", "events", List.of("*")))
                .post("/v1/webhooks").then().statusCode(422).body("errors[0].field", is("url"));
        admin().contentType(ContentType.JSON).body(Map.of("url", url, "events", List.of())).post("/v1/webhooks").then()
                .statusCode(422);
        admin().contentType(ContentType.JSON).body(Map.of("url", url, "events", List.of("*"), "secret", "whsec_x"))
                .post("/v1/webhooks").then().statusCode(400).body("detail", containsString("secret"));
        given().header("Authorization", "Bearer " + Fixtures.editorToken()).get("/v1/webhooks").then().statusCode(403);
        given().get("/v1/webhooks").then().statusCode(401);
        admin().get("/v1/webhooks/nope").then().statusCode(404);
        admin().get(path + "/deliveries?cursor=nope").then().statusCode(400);
        admin().delete(path).then().statusCode(204);
        admin().get(path).then().statusCode(404);
    }

    @Test
    void deliveredMessagesArePrunedAfterTheRetention() throws Exception {
        Receiver receiver = receiver();
        Map<String, Object> webhook = subscribe(receiver.url(), "news.published");
        Fixtures.createNews();
        receiver.awaitCount(1, WAIT);
        awaitDeliveries(webhook, 1);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update webhook_message set delivered_at = delivered_at - interval '8 days'"
                    + " where subscription_id = cast(:id as uuid)").setParameter("id", webhook.get("id").toString()).executeUpdate();
            em.createNativeQuery("update webhook_event set occurred_at = occurred_at - interval '8 days' where id in"
                    + " (select event_id from webhook_message where subscription_id = cast(:id as uuid))")
                    .setParameter("id", webhook.get("id").toString()).executeUpdate();
        });
        assertTrue(courier.prune() >= 1);
        admin().get("/v1/webhooks/" + webhook.get("id") + "/deliveries").then().statusCode(200).body("items", hasSize(0));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
