package dev.ticker.revision;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticker.content.ApiValue;
import dev.ticker.content.ContentEntity;
import dev.ticker.content.History;
import dev.ticker.content.Revisable;
import dev.ticker.content.Slugs;
import dev.ticker.content.Status;
import dev.ticker.content.Workflow;
import dev.ticker.list.Cursor;
import dev.ticker.list.ListSpec;
import dev.ticker.list.Page;
import dev.ticker.problem.ProblemException;

/**
 * The revisions of every resource, in one table (migration V14): written in the transaction of
 * each change ({@link History}), read newest first. A revision is never changed or deleted.
 */
@ApplicationScoped
public class Revisions implements History {

    private final EntityManager em;
    private final ObjectMapper mapper;

    Revisions(EntityManager em, ObjectMapper mapper) {
        this.em = em;
        this.mapper = mapper;
    }

    private static final String INSERT = "insert into revision (resource_type, resource_id, number, operation, status, version,"
            + " actor, recorded_at, document) select ?, ?, coalesce(max(number), 0) + 1, ?, ?, ?, ?, ?, cast(? as json)"
            + " from revision where resource_type = ? and resource_id = ?";

    /**
     * The next number is taken in the same statement; writes to one resource are serialised by
     * its row (the optimistic lock's update holds it until commit), so numbers never collide.
     * Plain JDBC on the transaction's connection: the ORM would flush the session before a native
     * statement, and every caller has flushed the change already (the revision reads none of it).
     */
    @Override
    public void record(String collection, UUID id, Workflow.Operation operation, Status status, int version, String actor,
            Object document) {
        String json;
        try {
            json = mapper.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A revision could not be serialised", e);
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, collection);
                insert.setObject(2, id);
                insert.setString(3, operation.value());
                insert.setString(4, status == null ? null : status.value());
                insert.setInt(5, version);
                insert.setString(6, actor);
                insert.setObject(7, ContentEntity.now().atOffset(java.time.ZoneOffset.UTC));
                insert.setString(8, json);
                insert.setString(9, collection);
                insert.setObject(10, id);
                insert.executeUpdate();
            }
        });
    }

    /** A page of a resource's revisions, newest first; a deleted resource without revisions is a 404. */
    @Transactional
    public Page<Revision> page(Revisable resource, Map<String, List<String>> query) {
        ListSpec.Paging paging = ListSpec.paging(query);
        Long before = paging.cursor() == null ? null : Cursor.decodeBefore(paging.cursor());
        long total = ((Number) em.createNativeQuery("select count(*) from revision where resource_type = :type and resource_id = :id")
                .setParameter("type", resource.collection()).setParameter("id", resource.id()).getSingleResult()).longValue();
        if (total == 0 && !resource.exists()) {
            throw notFound(resource);
        }
        jakarta.persistence.Query select = em.createNativeQuery(SELECT + " where resource_type = :type and resource_id = :id"
                + (before == null ? "" : " and number < :before") + " order by number desc limit :limit")
                .setParameter("type", resource.collection()).setParameter("id", resource.id())
                .setParameter("limit", paging.limit() + 1);
        if (before != null) {
            select.setParameter("before", before);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = select.getResultList();
        List<Revision> items = new ArrayList<>();
        for (Object[] row : rows.subList(0, Math.min(rows.size(), paging.limit()))) {
            items.add(revision(row));
        }
        String next = rows.size() > paging.limit() ? Cursor.before(items.get(items.size() - 1).number()) : null;
        return new Page<>(items, paging.limit(), total, next);
    }

    /** One revision, by its number. */
    @Transactional
    public Revision get(Revisable resource, String number) {
        Integer n = Slugs.asNumber(number);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = n == null ? List.of() : em.createNativeQuery(SELECT
                + " where resource_type = :type and resource_id = :id and number = :number")
                .setParameter("type", resource.collection()).setParameter("id", resource.id()).setParameter("number", n)
                .getResultList();
        if (rows.isEmpty()) {
            throw ProblemException.notFound("No revision " + dev.ticker.problem.Problem.echo(number) + " of "
                    + resource.collection() + " " + resource.id() + ".");
        }
        return revision(rows.get(0));
    }

    private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() {
    };
    private static final String SELECT = "select number, operation, status, version, actor, recorded_at, document from revision";

    private Revision revision(Object[] row) {
        try {
            return new Revision(((Number) row[0]).intValue(), ApiValue.of(Workflow.Operation.class, (String) row[1]),
                    row[2] == null ? null : ApiValue.of(Status.class, (String) row[2]), ((Number) row[3]).intValue(),
                    (String) row[4], instant(row[5]), mapper.readValue(row[6].toString(), DOCUMENT));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored revision is not JSON", e);
        }
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime time) {
            return time.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }

    private static ProblemException notFound(Revisable resource) {
        return ProblemException.notFound("No revisions of " + resource.collection() + " " + resource.id() + ".");
    }
}
