package dev.ticker.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.ticker.TickerConfig;
import dev.ticker.event.EventRequest;
import dev.ticker.event.EventService;
import dev.ticker.issue.IssueRequest;
import dev.ticker.issue.IssueService;
import dev.ticker.job.JobRequest;
import dev.ticker.job.JobService;
import dev.ticker.member.MemberRequest;
import dev.ticker.member.MemberService;
import dev.ticker.news.NewsRequest;
import dev.ticker.news.NewsService;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Loads the newsletter Nr. 20 (resources/demo/branchenticker-20.json) into an empty database,
 * once: through the same services as the API, so it is validated like any request. On by
 * default only in the embedded default ({@code ticker.demo.load}).
 */
@ApplicationScoped
public class DemoContent {

    static final String FILE = "/demo/branchenticker-20.json";
    static final String MARKER = "demo-content";

    private final TickerConfig config;
    private final ObjectMapper mapper;
    private final Validator validator;
    private final EntityManager em;
    private final MemberService members;
    private final NewsService news;
    private final EventService events;
    private final JobService jobs;
    private final IssueService issues;

    DemoContent(TickerConfig config, ObjectMapper mapper, Validator validator, EntityManager em, MemberService members,
            NewsService news, EventService events, JobService jobs, IssueService issues) {
        this.config = config;
        this.mapper = mapper;
        this.validator = validator;
        this.em = em;
        this.members = members;
        this.news = news;
        this.events = events;
        this.jobs = jobs;
        this.issues = issues;
    }

    void onStart(@Observes @Priority(10) StartupEvent started) {
        if (config.demo().load().orElse(config.embedded().active())) {
            load();
        }
    }

    /** Loads the demo content unless it was loaded before or the database holds content already. */
    @Transactional
    public boolean load() {
        // the marker row makes "once" hold across restarts and concurrent instances
        int claimed = em.createNativeQuery("insert into app_state (key, value) values (:key, 'loaded') on conflict do nothing")
                .setParameter("key", MARKER).executeUpdate();
        if (claimed == 0) {
            return false;
        }
        long content = 0;
        for (String entity : new String[] { "Member", "NewsItem", "Event", "JobPosting", "Issue" }) {
            content += em.createQuery("select count(e) from " + entity + " e", Long.class).getSingleResult();
        }
        if (content > 0) {
            Log.info("Demo content not loaded: the database holds content already.");
            return false;
        }
        JsonNode doc = read();
        Map<String, UUID> ids = new HashMap<>();
        for (JsonNode member : doc.path("members")) {
            ids.put("member:" + member.path("slug").asText(), members.create(request(member, MemberRequest.class, ids)).id());
        }
        for (JsonNode item : doc.path("news")) {
            ids.put("news:" + item.path("slug").asText(), news.create(request(item, NewsRequest.class, ids)).id());
        }
        for (JsonNode event : doc.path("events")) {
            ids.put("event:" + event.path("slug").asText(), events.create(request(event, EventRequest.class, ids)).id());
        }
        for (JsonNode job : doc.path("jobs")) {
            ids.put("job:" + job.path("slug").asText(), jobs.create(request(job, JobRequest.class, ids)).id());
        }
        issues.create(request(doc.path("issue"), IssueRequest.class, ids));
        Log.infof("Loaded the demo content: the newsletter Nr. 20 with %d news items (GET /v1/issues/20).", doc.path("news").size());
        return true;
    }

    private JsonNode read() {
        try (InputStream in = DemoContent.class.getResourceAsStream(FILE)) {
            return mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("The demo content " + FILE + " cannot be read", e);
        }
    }

    /** Resolves {"ref": "type:slug"} to {"id": …}, then reads and validates the request like the API does. */
    private <T> T request(JsonNode node, Class<T> type, Map<String, UUID> ids) {
        JsonNode resolved = resolve(node.deepCopy(), ref -> {
            UUID id = ids.get(ref);
            if (id == null) {
                throw new IllegalStateException("The demo content refers to " + ref + " before it is defined");
            }
            return id;
        });
        try {
            T request = mapper.treeToValue(resolved, type);
            Set<ConstraintViolation<T>> violations = validator.validate(request);
            if (!violations.isEmpty()) {
                throw new IllegalStateException("The demo content is invalid: " + violations);
            }
            return request;
        } catch (IOException e) {
            throw new UncheckedIOException("The demo content does not fit " + type.getSimpleName(), e);
        }
    }

    static JsonNode resolve(JsonNode node, Function<String, UUID> ids) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.size() == 1 && object.has("ref")) {
                return object.objectNode().put("id", ids.apply(object.get("ref").asText()).toString());
            }
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                field.setValue(resolve(field.getValue(), ids));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) node).set(i, resolve(node.get(i), ids));
            }
        }
        return node;
    }
}
