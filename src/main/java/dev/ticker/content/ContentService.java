package dev.ticker.content;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;

import org.hibernate.Session;
import org.hibernate.SessionCheckMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticker.problem.Problem;
import dev.ticker.problem.ProblemException;

/**
 * The life cycle every content type shares: lookup by id or slug, create with a unique slug,
 * replace (PUT), merge-patch (PATCH), delete, each write guarded by If-Match and by the
 * optimistic lock on {@code version}. A type supplies how its request and response records map
 * to its entity.
 *
 * @param <E> the entity
 * @param <Q> the request record (what a client writes)
 * @param <R> the response record (what a client reads)
 */
public abstract class ContentService<E extends ContentEntity, Q, R> {

    private final Class<E> entityType;
    private final Class<Q> requestType;
    private final String typeName;
    private final String collection;
    private final String table;
    private final String eventPrefix;

    // field injection: subclasses stay proxyable with a no-args constructor
    @Inject
    protected EntityManager em;
    @Inject
    ObjectMapper mapper;
    @Inject
    Validator validator;
    @Inject
    protected Caller caller;
    @Inject
    History history;
    @Inject
    Outbox outbox;

    /**
     * @param typeName   what one resource is called in messages ("news item")
     * @param collection its collection in the API ("news"), which names its revisions
     */
    protected ContentService(Class<E> entityType, Class<Q> requestType, String typeName, String collection) {
        this.entityType = entityType;
        this.requestType = requestType;
        this.typeName = typeName;
        this.collection = collection;
        this.table = entityType.getAnnotation(jakarta.persistence.Table.class).name();
        // "news" stays news; "issues" becomes issue: the names of webhook events (news.published, issue.published)
        this.eventPrefix = collection.equals("news") ? collection : collection.substring(0, collection.length() - 1);
    }

    /** A new, empty entity. */
    protected abstract E newEntity();

    /** Copies a validated request onto the entity (all but the slug). */
    protected abstract void apply(E entity, Q request);

    /** The canonical response: what a GET without parameters returns. */
    protected abstract R toResponse(E entity);

    /** The entity as a request, the document a merge patch applies to. */
    protected abstract Q toRequest(E entity);

    /** The slug the client asked for, or null. */
    protected abstract String requestedSlug(Q request);

    /** The text a slug is made from when the client sets none. */
    protected abstract String slugSource(Q request);

    /** Refuses the deletion of an entity that others still refer to (409). */
    protected void checkDeletable(E entity) {
    }

    /**
     * The response as a reader without a token sees it: what it embeds that is not published is
     * left out. By default the canonical response.
     */
    protected R toPublicResponse(E entity) {
        return toResponse(entity);
    }

    /** The response as the caller may see it. */
    protected final R toVisibleResponse(E entity) {
        return caller.seesUnpublished() ? toResponse(entity) : toPublicResponse(entity);
    }

    /** What an event says of an item that readers no longer see: its keys. */
    protected Removed removed(E entity) {
        return new Removed(entity.id, entity.slug, null);
    }

    /**
     * Called in the transaction of a write after which the item is published (by an editor or the
     * scheduler): {@code actor} is the author of the write's revisions.
     */
    protected void afterPublished(E entity, java.time.Instant now, String actor) {
    }

    /** The table of this type, for the scheduler's statements. */
    String table() {
        return table;
    }

    /** Whether this type goes through the editorial workflow (members do not). */
    public boolean hasWorkflow() {
        return PublishableEntity.class.isAssignableFrom(entityType);
    }

    @Transactional
    public R get(String idOrSlug) {
        return toVisibleResponse(findVisible(idOrSlug));
    }

    @Transactional
    public R create(Q request) {
        E entity = newEntity();
        entity.slug = slugFor(requestedSlug(request), slugSource(request), null);
        apply(entity, request);
        java.time.Instant now = ContentEntity.now();
        Workflow.Operation operation = entity instanceof PublishableEntity item && request instanceof WorkflowFields fields
                ? Workflow.apply(item, fields, null, now) : Workflow.Operation.CREATE;
        entity.persistAndFlush();
        published(entity, now, caller.name());
        record(entity, operation, caller.name(), false);
        return toResponse(entity);
    }

    @Transactional
    public R replace(String idOrSlug, Q request, Precondition precondition) {
        E entity = findForWrite(idOrSlug);
        require(precondition, entity);
        return write(entity, request);
    }

    @Transactional
    public R patch(String idOrSlug, JsonNode patch, Precondition precondition) {
        MergePatch.requireObject(patch);
        E entity = findForWrite(idOrSlug);
        require(precondition, entity);
        return write(entity, MergePatch.patched(mapper, validator, toRequest(entity), patch, requestType, typeName));
    }

    @Transactional
    public void delete(String idOrSlug, Precondition precondition) {
        E entity = findForWrite(idOrSlug);
        require(precondition, entity);
        checkDeletable(entity);
        Object last = toResponse(entity);
        boolean wasPublic = isPublic(entity);
        entity.delete();
        em.flush();
        history.record(collection, entity.id, Workflow.Operation.DELETE, statusOf(entity), entity.version, caller.name(), last);
        if (wasPublic) {
            outbox.add(eventPrefix + ".deleted", removed(entity));
        }
    }

    /**
     * The resource whose revisions an editor asks for: by id or slug (issues also by number); a
     * deleted one only by id, and only for callers who see deleted resources (admins).
     */
    @Transactional
    public Revisable revisable(String idOrSlug) {
        try {
            return new Revisable(collection, find(idOrSlug).id, true);
        } catch (ProblemException e) {
            UUID id = Slugs.asUuid(idOrSlug);
            if (e.status() == 404 && id != null && caller.seesDeleted()) {
                return new Revisable(collection, id, false);
            }
            throw e;
        }
    }

    /**
     * The statuses a list may show: for callers who see unpublished content, those they ask for
     * (null: all); for everyone else only {@code published}, whatever they ask for.
     */
    protected java.util.Collection<Status> visible(Set<Status> requested) {
        return caller.seesUnpublished() ? requested : List.of(Status.PUBLISHED);
    }

    /**
     * Publishes one scheduled item whose time has come, if there is one that no other instance is
     * publishing right now: the row is locked ({@code FOR UPDATE SKIP LOCKED}) until the caller's
     * transaction ends, and its status is checked under the lock, so each item is published
     * exactly once however many instances ask at the same time. The revision is written in the
     * same transaction.
     *
     * @param skip the items this run has tried already (one that failed is not tried again in
     *             the same run); the item tried now is added
     * @return the item published, or null when there was none to publish
     */
    public UUID publishOneDue(java.time.Instant now, String actor, Set<UUID> skip) {
        // the rows to skip (those that failed earlier in this run) are locked for a moment too,
        // so the first of the others is among the rows read
        @SuppressWarnings("unchecked")
        List<Object> due = em.createNativeQuery("select id from " + table
                + " where status = 'scheduled' and publish_at <= :now order by publish_at, id limit :rows for update skip locked")
                .setParameter("now", now).setParameter("rows", skip.size() + 1).getResultList();
        UUID id = due.stream().map(UUID.class::cast).filter(candidate -> !skip.contains(candidate)).findFirst().orElse(null);
        if (id == null) {
            return null;
        }
        skip.add(id); // tried in this run, whatever happens next
        E entity = em.find(entityType, id);
        Workflow.publishDue((PublishableEntity) entity);
        em.flush();
        published(entity, ContentEntity.now(), actor);
        record(entity, Workflow.Operation.PUBLISH, actor, false);
        return id;
    }

    /**
     * Publishes an item together with what contains it (an issue), in the caller's transaction,
     * with its own revision: a draft or scheduled item becomes published; others stay as they are.
     */
    public void publishWith(E entity, java.time.Instant now, String actor) {
        if (entity instanceof PublishableEntity item && (item.status == Status.DRAFT || item.status == Status.SCHEDULED)) {
            Workflow.publishWith(item, now);
            em.flush();
            record(entity, Workflow.Operation.PUBLISH, actor, false);
        }
    }

    /** Calls {@link #afterPublished} when the item is published now; whether it did. */
    private boolean published(E entity, java.time.Instant now, String actor) {
        if (entity instanceof PublishableEntity item && item.status == Status.PUBLISHED) {
            afterPublished(entity, now, actor);
            return true;
        }
        return false;
    }

    /**
     * Records a change in the change's transaction: its revision, and the event that readers
     * without a token would notice (docs/webhooks.md), if any: an item they now see for the first
     * time is published, one they saw and still see is updated, one they no longer see is
     * unpublished.
     *
     * @param wasPublic whether readers without a token saw the item before the change
     */
    private void record(E entity, Workflow.Operation operation, String actor, boolean wasPublic) {
        history.record(collection, entity.id, operation, statusOf(entity), entity.version, actor, toResponse(entity));
        boolean isPublic = isPublic(entity);
        if (isPublic) {
            outbox.add(eventPrefix + (wasPublic ? ".updated" : ".published"), toPublicResponse(entity));
        } else if (wasPublic) {
            outbox.add(eventPrefix + ".unpublished", removed(entity));
        }
    }

    /** Whether readers without a token see the item: members always, content once published. */
    private static boolean isPublic(ContentEntity entity) {
        return !(entity instanceof PublishableEntity item) || item.isPublic();
    }

    private static Status statusOf(ContentEntity entity) {
        return entity instanceof PublishableEntity item ? item.status : null;
    }

    /**
     * Loads the resources a request refers to, by id or else by slug, in the order given, in at
     * most two statements. An unknown id or slug, a reference with neither, or one resource named
     * twice is a 422 naming its place ({@code field[i].id}, {@code field[i].slug}), so nothing dangles.
     *
     * @param noun what one of them is called in messages ("member", "news item")
     */
    protected <T extends ContentEntity> List<T> references(Class<T> type, String noun, String field,
            List<? extends Reference> refs) {
        if (refs == null || refs.isEmpty()) {
            return new ArrayList<>();
        }
        List<UUID> ids = refs.stream().map(Reference::id).filter(Objects::nonNull).toList();
        // one statement for those not in the session yet (none when all are); null where an id names nothing
        Iterator<T> byId = (ids.isEmpty() ? List.<T>of() : em.unwrap(Session.class).findMultiple(type, ids, SessionCheckMode.ENABLED))
                .iterator();
        Map<String, T> bySlug = bySlug(type, refs.stream().filter(r -> r.id() == null && r.slug() != null)
                .map(Reference::slug).toList());
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        List<T> result = new ArrayList<>();
        for (int i = 0; i < refs.size(); i++) {
            Reference ref = refs.get(i);
            String place = field + "[" + i + "]";
            T found = ref.id() != null ? byId.next() : ref.slug() != null ? bySlug.get(ref.slug()) : null;
            if (ref.id() == null && ref.slug() == null) {
                errors.add(new Problem.FieldError(place, "needs the " + noun + "'s id or slug"));
            } else if (found == null) {
                errors.add(ref.id() != null ? new Problem.FieldError(place + ".id", "no " + noun + " with id " + ref.id())
                        : new Problem.FieldError(place + ".slug", "no " + noun + " with slug '" + Problem.echo(ref.slug()) + "'"));
            } else if (!seen.add(found.id)) {
                errors.add(new Problem.FieldError(place + (ref.id() != null ? ".id" : ".slug"), noun + " " + found.id
                        + " is listed twice"));
            } else {
                result.add(found);
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return result;
    }

    /** The one resource a request refers to at {@code field}, by id or else by slug; null when it refers to none. */
    protected <T extends ContentEntity> T reference(Class<T> type, String noun, String field, Reference ref) {
        if (ref == null) {
            return null;
        }
        try {
            return references(type, noun, field, List.of(ref)).get(0);
        } catch (ProblemException e) {
            // the same errors, without the list index: "organizer.member.slug"
            throw ProblemException.invalid(e.errors().stream()
                    .map(error -> new Problem.FieldError(error.field().replace(field + "[0]", field), error.message())).toList());
        }
    }

    private <T extends ContentEntity> Map<String, T> bySlug(Class<T> type, List<String> slugs) {
        if (slugs.isEmpty()) {
            return Map.of();
        }
        Map<String, T> found = new HashMap<>();
        em.createQuery("select e from " + type.getSimpleName() + " e where e.slug in :slugs", type)
                .setParameter("slugs", slugs).getResultList().forEach(e -> found.put(e.slug, e));
        return found;
    }

    /**
     * The id of a resource a filter names by UUID or slug (a member as organiser, employer or
     * related member), or empty when the value names none.
     */
    protected <T extends ContentEntity> java.util.Optional<UUID> idOf(Class<T> type, String idOrSlug) {
        UUID id = Slugs.asUuid(idOrSlug);
        if (id != null) {
            return java.util.Optional.of(id);
        }
        if (!Slugs.isSlug(idOrSlug)) {
            return java.util.Optional.empty(); // "KGSt" cannot be a slug: no need to ask the database
        }
        return em.createQuery("select e.id from " + type.getSimpleName() + " e where e.slug = :slug", UUID.class)
                .setParameter("slug", idOrSlug).getResultStream().findFirst();
    }

    /**
     * Refuses (409, naming the issues) to delete what a newsletter issue contains: the issue
     * would lose it silently.
     *
     * @param path the HQL path from an issue {@code i} to the entity {@code x}, e.g. "join i.events x"
     */
    protected void refuseIfInIssues(String path, UUID id) {
        List<Integer> numbers = em.createQuery("select distinct i.number from Issue i " + path + " where x.id = :id order by 1",
                Integer.class).setParameter("id", id).getResultList();
        if (!numbers.isEmpty()) {
            throw ProblemException.conflict("The " + typeName + " is part of issue" + (numbers.size() == 1 ? " " : "s ")
                    + numbers.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                    + "; remove it from " + (numbers.size() == 1 ? "that issue" : "those issues") + " first.");
        }
    }

    private void require(Precondition precondition, E entity) {
        if (precondition != Precondition.NONE && !precondition.holds(toResponse(entity))) {
            throw ProblemException.preconditionFailed(
                    "The resource has changed since it was read (If-Match does not match its ETag); GET it again and retry.");
        }
    }

    private R write(E entity, Q request) {
        int version = entity.version;
        boolean wasPublic = isPublic(entity);
        String requested = requestedSlug(request);
        if (requested != null && !requested.equals(entity.slug)) {
            entity.slug = slugFor(requested, null, entity.id);
        }
        Workflow.Operation operation = Workflow.Operation.UPDATE;
        if (entity instanceof PublishableEntity item && request instanceof WorkflowFields fields) {
            operation = Workflow.apply(item, fields, item.status, ContentEntity.now()); // a 422 rolls everything back
        }
        apply(entity, request);
        em.flush();
        if (published(entity, ContentEntity.now(), caller.name())) {
            em.flush(); // what publishing changed besides (an issue's content)
        }
        if (entity.version != version) { // a write that changes nothing is no revision, and no event
            record(entity, operation, caller.name(), wasPublic);
        }
        return toResponse(entity);
    }

    /** Finds by UUID or slug, whatever its status; 404 when there is none. */
    public E find(String idOrSlug) {
        return find(idOrSlug, "");
    }

    /**
     * Finds what a write (PUT, PATCH, DELETE) changes; by default as {@link #find(String)}. A type
     * whose writes read a relation anyway loads it in the same statement here.
     */
    protected E findForWrite(String idOrSlug) {
        return find(idOrSlug);
    }

    /**
     * Finds by UUID or slug with these fetch joins on alias {@code e} ("left join fetch
     * e.members"); 404 when there is none. With joins it is a query, whose translation Hibernate
     * keeps: a find with an entity graph instead built a new loader on every call (a sixth of a
     * write's CPU, docs/performance.md).
     */
    protected E find(String idOrSlug, String fetchJoins) {
        UUID id = Slugs.asUuid(idOrSlug);
        E entity = id != null && fetchJoins.isEmpty() ? em.find(entityType, id)
                : byIdOrSlug("select e from " + entityType.getSimpleName() + " e " + fetchJoins, idOrSlug, entityType).stream()
                        .findFirst().orElse(null);
        if (entity == null) {
            throw notFound(idOrSlug);
        }
        return entity;
    }

    /**
     * The rows of {@code select} (a query of alias {@code e}, without a where clause) for the one
     * resource this UUID or slug names; none when it can be neither (no statement then).
     */
    protected <T> List<T> byIdOrSlug(String select, String idOrSlug, Class<T> type) {
        UUID id = Slugs.asUuid(idOrSlug);
        if (id == null && !Slugs.isSlug(idOrSlug)) {
            return List.of();
        }
        return em.createQuery(select + (id != null ? " where e.id = :key" : " where e.slug = :key"), type)
                .setParameter("key", id != null ? id : idOrSlug).getResultList();
    }

    /**
     * Finds what the caller may see: for readers without a token, content that is not published
     * does not exist (the same 404 as for an unknown id or slug, so it reveals nothing).
     */
    public E findVisible(String idOrSlug) {
        E entity = find(idOrSlug);
        if (entity instanceof PublishableEntity item && !item.isPublic() && !caller.seesUnpublished()) {
            throw notFound(idOrSlug);
        }
        return entity;
    }

    /** The 404 for a lookup that finds nothing. */
    protected ProblemException notFound(String idOrSlug) {
        return ProblemException.notFound("No " + typeName + " with id or slug '" + Problem.echo(idOrSlug) + "'.");
    }

    /**
     * A slug the client chose must be free (409); one made from the title gets the first free
     * numeric suffix: "kisa", "kisa-2", "kisa-3".
     */
    private String slugFor(String requested, String source, UUID self) {
        if (requested != null) {
            if (slugOwners(requested).stream().anyMatch(owner -> !owner.equals(self))) {
                throw ProblemException.conflict("The slug '" + requested + "' is already taken by another " + typeName + ".");
            }
            return requested;
        }
        String base = Slugs.of(source);
        if (slugOwners(base).isEmpty()) {
            return base;
        }
        // the prefix is a literal (a slug is [a-z0-9-], nothing to escape), so the planner can use
        // the text_pattern_ops index of migration V10 instead of a generic plan's full scan
        Set<String> taken = new HashSet<>();
        em.unwrap(Session.class).doWork(connection -> {
            try (java.sql.Statement select = connection.createStatement();
                    java.sql.ResultSet rows = select.executeQuery("select slug from " + table + " where slug like '" + base + "-%'")) {
                while (rows.next()) {
                    taken.add(rows.getString(1));
                }
            }
        });
        for (int n = 2;; n++) {
            // the suffix must fit the 80 characters a slug may have: shorten the base, not the suffix
            String suffix = "-" + n;
            String candidate = base.substring(0, Math.min(base.length(), Slugs.MAX_LENGTH - suffix.length()))
                    .replaceAll("-+$", "") + suffix;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }

    /**
     * Who has this slug (at most one). Plain JDBC by the unique index: asked on every create, and
     * through the ORM the query cost more than the insert it precedes; nothing the session holds
     * unflushed can have the slug (it is asked before the entity changes).
     */
    private List<UUID> slugOwners(String slug) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (java.sql.PreparedStatement select = connection.prepareStatement("select id from " + table + " where slug = ?")) {
                select.setString(1, slug);
                try (java.sql.ResultSet rows = select.executeQuery()) {
                    List<UUID> owners = new ArrayList<>(1);
                    while (rows.next()) {
                        owners.add(rows.getObject(1, UUID.class));
                    }
                    return owners;
                }
            }
        });
    }
}
