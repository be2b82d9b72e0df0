package dev.ticker.list;

import java.util.ArrayList;
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
        if (statuses == null) {
            return this;
        }
        this.statuses = statuses.stream().map(Status::value).toList();
        return where(in("e.status", "status", statuses, params));
    }

    /**
     * "path = :name0 or path = :name1 …", the values bound one by one. Not "in": Hibernate keeps
     * the translation of a query to SQL only when no parameter may take a list, and any parameter
     * of an "in" may; translating took a tenth of an uncached list's CPU (docs/performance.md).
     */
    private static String in(String path, String name, Collection<?> values, Map<String, Object> params) {
        if (values.isEmpty()) {
            return "1 = 0";
        }
        StringBuilder condition = new StringBuilder();
        int i = 0;
        for (Object value : values) {
            params.put(name + i, value);
            condition.append(i == 0 ? "" : " or ").append(path).append(" = :").append(name).append(i++);
        }
        return condition.toString();
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
        List<E> rows = rows(em, request, "select e", entity);
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
     * statement (no entities; two past the last item with a first sort key, {@link #rows}): for
     * lists whose items are rendered once per version. Not for a search ({@code q}).
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
        List<Object[]> rows = rows(em, request, select.toString(), Object[].class);
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

    /**
     * The rows of a page and one more (to know whether there is a next one): one statement; two
     * when the first sort key may be null and the cursor's value of it is not. Then the rows
     * after the cursor are those with a value beyond it, in range of the sort's index, and, once
     * they run out, the rows without a value (nulls last): a single condition "a < k or a is
     * null" would make PostgreSQL walk the index from its start instead (docs/performance.md).
     */
    private <R> List<R> rows(EntityManager em, ListRequest<E> request, String select, Class<R> type) {
        List<SortOrder<E>> sort = request.sort();
        Cursor cursor = request.cursor();
        int wanted = request.limit() + 1;
        Map<String, Object> pageParams = new HashMap<>(params);
        String condition = cursor == null ? null : after(sort, cursor, pageParams);
        List<R> rows = run(em, select + " from " + entity.getSimpleName() + " e" + conditions(condition) + orderBy(sort), type,
                pageParams, wanted);
        if (cursor != null && nullsApart(sort, cursor) && rows.size() < wanted) {
            List<R> nulls = run(em, select + " from " + entity.getSimpleName() + " e"
                    + conditions("e." + sort.get(0).field().property() + " is null") + orderBy(sort), type, params, wanted - rows.size());
            rows = new ArrayList<>(rows);
            rows.addAll(nulls);
        }
        return rows;
    }

    private static <R> List<R> run(EntityManager em, String hql, Class<R> type, Map<String, Object> params, int max) {
        TypedQuery<R> query = em.createQuery(hql, type).setMaxResults(max);
        params.forEach(query::setParameter);
        return query.getResultList();
    }

    /** The filters and this condition: "where … and (…)". */
    private String conditions(String condition) {
        return condition == null ? where.toString() : where + (where.length() == 0 ? " where " : " and ") + condition;
    }

    /** The order of a page: "order by …, e.id". */
    private static <E> String orderBy(List<SortOrder<E>> sort) {
        StringBuilder hql = new StringBuilder(" order by ");
        for (SortOrder<E> order : sort) {
            hql.append("e.").append(order.field().property()).append(order.descending() ? " desc" : " asc")
                    .append(order.field().nullable() ? " nulls last" : "").append(", ");
        }
        return hql.append("e.id").append(idDescending(sort) ? " desc" : " asc").toString();
    }

    /** Whether the rows without a first sort key are read apart ({@link #rows}): it may be null, and the cursor has one. */
    private static <E> boolean nullsApart(List<SortOrder<E>> sort, Cursor cursor) {
        return sort.get(0).field().nullable() && cursor.values().get(0) != null;
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
        Map<String, Object> windowParams = new HashMap<>(params);
        if (statuses != null) {
            hql.append(" and (").append(in("d.status", "searchStatus", statuses, windowParams)).append(')');
        }
        hql.append(" order by d.recency desc, d.id desc");
        TypedQuery<UUID> window = em.createQuery(hql.toString(), UUID.class).setMaxResults(TextQuery.WINDOW + 1);
        windowParams.forEach(window::setParameter);
        window.setParameter("searchType", type);
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
     * For the first key, "or a is null" is left to a statement of its own ({@link #rows}).
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
            if (order.field().nullable() && i > 0) {
                beyond += " or " + path + " is null";
            }
            condition = "(" + beyond + " or (" + path + " = :" + param + " and " + condition + "))";
            if (i == 0) {
                // a plain range on the first key lets PostgreSQL start the index scan at the cursor
                condition = "(" + path + (order.descending() ? " <= :" : " >= :") + param + " and " + condition + ")";
            }
        }
        return condition;
    }
}
