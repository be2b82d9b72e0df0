package dev.ticker.list;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.Table;
import jakarta.persistence.TypedQuery;

import dev.ticker.content.ContentEntity;
import dev.ticker.content.Status;

/**
 * A list query with keyset pagination: filters (AND), the sort with nulls last, tie-broken by
 * id, and "after the cursor" as a condition on the sort values, so deep pages cost what the
 * first does and items inserted meanwhile never shift a page.
 */
public final class KeysetQuery<E extends ContentEntity> {

    private final Class<E> entity;
    private final StringBuilder where = new StringBuilder();
    private final Map<String, Object> params = new HashMap<>();
    private List<String> statuses;

    public KeysetQuery(Class<E> entity) {
        this.entity = entity;
    }

    /**
     * Adds a condition on alias {@code e} when a filter has a value: {@code ?} in the condition
     * stands for the value, e.g. {@code when(request.get(STATE), "e.state = ?")}.
     */
    public KeysetQuery<E> when(Object value, String condition) {
        if (value != null) {
            String param = "p" + params.size();
            where(condition.replace("?", ":" + param)).bind(param, value);
        }
        return this;
    }

    /**
     * Only items in these workflow statuses (null: any). A search also asks it of the search
     * documents, so PostgreSQL can skip what the caller may not see in their index
     * ({@code search_document_published_idx}) before it joins the items.
     */
    public KeysetQuery<E> inStatus(Collection<Status> statuses) {
        if (statuses != null) {
            this.statuses = statuses.stream().map(Status::value).toList();
        }
        return when(statuses, "e.status in ?");
    }

    /**
     * A filter on a reference to another resource that also carries a name (an event's organiser,
     * a posting's employer): a value that {@code resolve} finds (a member's id or slug) selects
     * what refers to that resource; any other value is compared with the name, ignoring case.
     *
     * @param reference the path of the reference, e.g. "e.organizerMember"
     * @param name      the path of the name, e.g. "e.organizerName"
     */
    public KeysetQuery<E> whenRefersTo(String value, Function<String, Optional<UUID>> resolve, String reference, String name) {
        if (value == null) {
            return this;
        }
        Optional<UUID> id = resolve.apply(value);
        // lower(name): the same expression as the indexes of migration V12
        return id.isPresent() ? when(id.get(), reference + ".id = ?") : when(value, "lower(" + name + ") = lower(?)");
    }

    /** Adds a condition on alias {@code e}; named parameters are bound with {@link #bind}. */
    public KeysetQuery<E> where(String condition) {
        where.append(where.length() == 0 ? " where " : " and ").append('(').append(condition).append(')');
        return this;
    }

    public KeysetQuery<E> bind(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /**
     * The page the request asks for, and the total of items matching the conditions (from
     * {@code totals} when it was counted since content last changed).
     */
    public Page<E> page(EntityManager em, ListRequest<E> request, Totals totals) {
        if (request.text() != null) {
            return rankedPage(em, request);
        }
        List<SortOrder<E>> sort = request.sort();
        Map<String, Object> pageParams = new HashMap<>(params);
        TypedQuery<E> query = em.createQuery("select e from " + entity.getSimpleName() + " e" + pageConditions(request, pageParams),
                entity).setMaxResults(request.limit() + 1);
        pageParams.forEach(query::setParameter);
        List<E> rows = query.getResultList();
        long total = total(em, totals);
        String next = null;
        if (rows.size() > request.limit()) {
            rows = rows.subList(0, request.limit());
            E last = rows.get(rows.size() - 1);
            next = Cursor.after(last, sort, last.id).encode();
        }
        return new Page<>(List.copyOf(rows), request.limit(), total, next);
    }

    /**
     * The page the request asks for as the ids and versions of its items, read in one narrow
     * statement (no entities): for lists whose items are rendered once per version. Not for a
     * search ({@code q}).
     */
    public Page<ItemKey> keys(EntityManager em, ListRequest<E> request, Totals totals) {
        if (request.text() != null) {
            throw new IllegalArgumentException("a search is ranked: use page()");
        }
        List<SortOrder<E>> sort = request.sort();
        StringBuilder select = new StringBuilder("select e.id, e.version");
        for (SortOrder<E> order : sort) {
            select.append(", e.").append(order.field().property());
        }
        Map<String, Object> pageParams = new HashMap<>(params);
        TypedQuery<Object[]> query = em.createQuery(select + " from " + entity.getSimpleName() + " e"
                + pageConditions(request, pageParams), Object[].class).setMaxResults(request.limit() + 1);
        pageParams.forEach(query::setParameter);
        List<Object[]> rows = query.getResultList();
        long total = total(em, totals);
        String next = null;
        if (rows.size() > request.limit()) {
            rows = rows.subList(0, request.limit());
            Object[] last = rows.get(rows.size() - 1);
            next = Cursor.at(java.util.Arrays.asList(last).subList(2, last.length), sort, (UUID) last[0]).encode();
        }
        List<ItemKey> keys = rows.stream().map(row -> new ItemKey((UUID) row[0], (Integer) row[1])).toList();
        return new Page<>(keys, request.limit(), total, next);
    }

    /** The conditions, the cursor's and the order of a page: "where … order by …". */
    private String pageConditions(ListRequest<E> request, Map<String, Object> pageParams) {
        List<SortOrder<E>> sort = request.sort();
        StringBuilder hql = new StringBuilder(where);
        if (request.cursor() != null) {
            hql.append(where.length() == 0 ? " where " : " and ").append(after(sort, request.cursor(), pageParams));
        }
        hql.append(" order by ");
        for (SortOrder<E> order : sort) {
            hql.append("e.").append(order.field().property()).append(order.descending() ? " desc" : " asc")
                    .append(order.field().nullable() ? " nulls last" : "").append(", ");
        }
        hql.append("e.id").append(idDescending(sort) ? " desc" : " asc");
        return hql.toString();
    }

    /**
     * How many items match the conditions: counted once, then from {@link Totals} until content
     * changes (docs/decisions.md, "Totals").
     */
    private long total(EntityManager em, Totals totals) {
        return totals.of(entity.getSimpleName() + where + new TreeMap<>(params), () -> {
            TypedQuery<Long> count = em.createQuery("select count(e) from " + entity.getSimpleName() + " e" + where, Long.class);
            params.forEach(count::setParameter);
            return count.getSingleResult();
        });
    }

    /**
     * The page of a search ({@code q}): the newest {@link TextQuery#WINDOW} items that match the
     * query and the filters (the window; one statement, the filters as on any list), ranked by
     * {@code ticker_rank} (a second statement over the window's search documents), then the page's
     * items (a third). {@code total} is the size of the window; a full window says so.
     */
    private Page<E> rankedPage(EntityManager em, ListRequest<E> request) {
        TextQuery text = request.text();
        String type = entity.getAnnotation(Table.class).name();
        TextQuery.planForEachQuery(em);
        List<UUID> ids = window(em, text, type);
        boolean capped = ids.size() > TextQuery.WINDOW;
        if (capped) {
            ids = ids.subList(0, TextQuery.WINDOW);
        }
        Ranked.RankedPage ranked = Ranked.page(TextQuery.rank(em, ids, text), request.cursor(), request.limit());
        List<E> items = List.of();
        if (!ranked.items().isEmpty()) {
            Map<UUID, E> byId = new HashMap<>();
            em.createQuery("select e from " + entity.getSimpleName() + " e where e.id in :ids", entity)
                    .setParameter("ids", ranked.ids()).getResultList().forEach(e -> byId.put(e.id, e));
            items = ranked.ids().stream().map(byId::get).filter(Objects::nonNull).toList();
        }
        return new Page<>(items, request.limit(), ids.size(), ranked.next(), capped);
    }

    /**
     * The ids of the newest {@link TextQuery#WINDOW} + 1 items that match the query and the
     * filters, newest first. PostgreSQL chooses how: along the recency index, checking each
     * document, when the words are in many; from the GIN index, then sorted, when in few.
     */
    private List<UUID> window(EntityManager em, TextQuery text, String type) {
        StringBuilder hql = new StringBuilder("select e.id from ").append(entity.getSimpleName()).append(" e, SearchDocument d")
                .append(where).append(where.length() == 0 ? " where " : " and ")
                .append("d.id = e.id and d.type = :searchType and (function('ticker_match', d.vector, :searchQuery) = true");
        if (text.infix() != null) {
            hql.append(" or lower(d.title) like :searchInfix");
        }
        hql.append(")");
        if (statuses != null) {
            hql.append(" and d.status in :searchStatuses");
        }
        hql.append(" order by d.recency desc, d.id desc");
        TypedQuery<UUID> window = em.createQuery(hql.toString(), UUID.class).setMaxResults(TextQuery.WINDOW + 1);
        params.forEach(window::setParameter);
        window.setParameter("searchType", type);
        if (statuses != null) {
            window.setParameter("searchStatuses", statuses);
        }
        window.setParameter("searchQuery", text.tsquery());
        if (text.infix() != null) {
            window.setParameter("searchInfix", "%" + text.infix() + "%");
        }
        return window.getResultList();
    }

    /** The id breaks ties in the direction of the last sort field, so one index serves both. */
    private static <E> boolean idDescending(List<SortOrder<E>> sort) {
        return sort.get(sort.size() - 1).descending();
    }

    /**
     * Rows strictly after the cursor in the sort order (nulls last in both directions):
     * a > k or a is null or (a = k and (next fields...)); for k null: a is null and (next...).
     */
    private static <E> String after(List<SortOrder<E>> sort, Cursor cursor, Map<String, Object> params) {
        params.put("cursorId", cursor.id());
        String condition = "e.id " + (idDescending(sort) ? "<" : ">") + " :cursorId";
        for (int i = sort.size() - 1; i >= 0; i--) {
            SortOrder<E> order = sort.get(i);
            String path = "e." + order.field().property();
            Object value = cursor.values().get(i);
            if (value == null) {
                condition = "(" + path + " is null and " + condition + ")";
                continue;
            }
            String param = "cursor" + i;
            params.put(param, value);
            String beyond = path + (order.descending() ? " < :" : " > :") + param;
            if (order.field().nullable()) {
                beyond += " or " + path + " is null";
            }
            condition = "(" + beyond + " or (" + path + " = :" + param + " and " + condition + "))";
            if (i == 0 && !order.field().nullable()) {
                // a plain range on the first key lets PostgreSQL start the index scan at the cursor
                condition = "(" + path + (order.descending() ? " <= :" : " >= :") + param + " and " + condition + ")";
            }
        }
        return condition;
    }
}
