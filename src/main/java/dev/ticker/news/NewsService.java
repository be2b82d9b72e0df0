package dev.ticker.news;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.util.RawValue;

import dev.ticker.TickerConfig;
import dev.ticker.content.ContentService;
import dev.ticker.content.Markdown;
import dev.ticker.content.PublishableEntity;
import dev.ticker.content.Status;
import dev.ticker.list.Filter;
import dev.ticker.list.ItemKey;
import dev.ticker.list.KeysetQuery;
import dev.ticker.list.ListRequest;
import dev.ticker.list.ListSpec;
import dev.ticker.list.Page;
import dev.ticker.list.SortField;
import dev.ticker.list.Totals;
import dev.ticker.member.Member;
import dev.ticker.member.MemberSummary;
import dev.ticker.token.Roles;

@ApplicationScoped
public class NewsService extends ContentService<NewsItem, NewsRequest, NewsResponse> {

    static final String MEMBERS = "members";

    static final Filter<String> TAG = Filter.text("tag", "Only items with this tag (exact match).", "Open Source");
    static final Filter<String> STATE = Filter.text("state", "Only items whose region is in this federal state (ISO 3166-2).",
            "DE-SN");
    static final Filter<String> MEMBER = Filter.text("member", "Only items related to this member (id or slug).", "lecos");
    static final Filter<LocalDate> FROM = Filter.date("from", "Only items published on or after this day (Europe/Berlin).",
            "2025-11-01");
    static final Filter<LocalDate> TO = Filter.date("to", "Only items published on or before this day (Europe/Berlin).",
            "2025-11-30");
    static final Filter<Integer> ISSUE = Filter.number("issue", "an issue number", "Only items in this issue (its number).", "20");
    static final Filter<Set<Status>> STATUS = Filter.anyOf("status", Status.class,
            "Only items in these workflow statuses, comma-separated; needs a bearer token, except `published` "
                    + "(without a token, only published items are listed).", "draft,scheduled")
            .onlyFor(Roles.EDITOR, Set.of(Status.PUBLISHED)::equals);

    static final ListSpec<NewsItem> LIST = ListSpec.<NewsItem>sortedBy(
            SortField.nullable("publishedAt", "publishedAt", Instant.class, n -> n.publishedAt),
            SortField.of("title", "title", String.class, n -> n.title),
            SortField.of("createdAt", "createdAt", Instant.class, n -> n.createdAt),
            SortField.of("updatedAt", "updatedAt", Instant.class, n -> n.updatedAt))
            .byDefault("-publishedAt").filteredBy(TAG, STATE, MEMBER, FROM, TO, ISSUE, STATUS)
            .showing(NewsResponse.class).including(MEMBERS);

    // field injection, as in ContentService: a bean with a superclass constructor of arguments needs a no-args one
    @Inject
    TickerConfig config;
    @Inject
    NewsJson json;
    @Inject
    Totals totals;

    NewsService() {
        super(NewsItem.class, NewsRequest.class, "news item", "news");
    }

    /**
     * A page of the list as the API sends it: each item as JSON rendered once per version
     * ({@link NewsJson}), found by one narrow statement; with {@code fields} or {@code q}, the
     * items as records ({@link #list}). Reads need no transaction of their own (each statement
     * sees what was committed when it began, as in a READ COMMITTED transaction) and change
     * nothing: the session is read-only.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<?> page(ListRequest<NewsItem> request) {
        if (request.fields() != null || request.text() != null) {
            return list(request);
        }
        readOnly();
        Page<ItemKey> keys = query(request).keys(em, request, totals);
        return new Page<>(json.items(keys.items(), request.includes(MEMBERS), em), keys.limit(), keys.total(), keys.next());
    }

    /** A page of the list, its items as records (for the feeds, sparse fieldsets and searches). */
    @Transactional
    public Page<NewsResponse> list(ListRequest<NewsItem> request) {
        boolean include = request.includes(MEMBERS);
        return query(request).page(em, request, totals).map(n -> NewsResponse.of(n, include));
    }

    private KeysetQuery<NewsItem> query(ListRequest<NewsItem> request) {
        ZoneId zone = config.timeZone();
        ListRequest.DateRange range = request.dateRange(FROM, TO);
        String member = request.get(MEMBER);
        boolean unpublished = caller.seesUnpublished();
        KeysetQuery<NewsItem> query = new KeysetQuery<>(NewsItem.class)
                .inStatus(visible(request.get(STATUS)))
                .when(request.get(TAG), "array_contains(e.tags, ?)")
                .when(request.get(STATE), "e.region.state = ?")
                // an unknown member matches nothing
                .when(member == null ? null : idOf(Member.class, member).orElse(new UUID(0, 0)),
                        "e.id in (select n.id from NewsItem n join n.members m where m.id = ?)")
                // without a token, an issue that is not published contains nothing
                .when(request.get(ISSUE), "e.id in (select n.id from IssueSection s join s.news n where s.issue.number = ?"
                        + (unpublished ? "" : " and s.issue.status = :issueStatus") + ")")
                .when(range.from() == null ? null : range.from().atStartOfDay(zone).toInstant(), "e.publishedAt >= ?")
                .when(range.to() == null ? null : range.to().plusDays(1).atStartOfDay(zone).toInstant(), "e.publishedAt < ?");
        if (request.get(ISSUE) != null && !unpublished) {
            query.bind("issueStatus", Status.PUBLISHED);
        }
        return query;
    }

    /**
     * One item as the API sends it: JSON rendered once per version ({@link NewsJson}), found by
     * one narrow statement (its id, version and status: no entity is loaded unless this version
     * was not rendered yet); no transaction, as {@link #page}.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public RawValue get(String idOrSlug, boolean includeMembers) {
        readOnly();
        List<Object[]> found = byIdOrSlug("select e.id, e.version, e.status from NewsItem e", idOrSlug, Object[].class);
        // as findVisible: without a token, what is not published does not exist
        if (found.isEmpty() || !PublishableEntity.isPublic((Status) found.get(0)[2]) && !caller.seesUnpublished()) {
            throw notFound(idOrSlug);
        }
        List<RawValue> item = json.items(List.of(new ItemKey((UUID) found.get(0)[0], (Integer) found.get(0)[1])), includeMembers, em);
        if (item.isEmpty()) {
            throw notFound(idOrSlug); // deleted in between
        }
        return item.get(0);
    }

    /** This request's session changes nothing: no snapshots for dirty checking of what it loads. */
    private void readOnly() {
        em.unwrap(org.hibernate.Session.class).setDefaultReadOnly(true);
    }

    /** A write reads the members (the merge patch's document, the response): loaded with the item, in one statement. */
    @Override
    protected NewsItem findForWrite(String idOrSlug) {
        return find(idOrSlug, "left join fetch e.members");
    }

    @Override
    protected void checkDeletable(NewsItem n) {
        refuseIfInIssues("join i.sections s join s.news x", n.id);
    }

    @Override
    protected NewsItem newEntity() {
        return new NewsItem();
    }

    @Override
    protected void apply(NewsItem n, NewsRequest r) {
        // a PATCH that leaves the members alone names them by the ids they have: nothing to look up
        List<Member> members = sameMembers(n, r) ? n.members : references(Member.class, "member", "members", r.members());
        n.title = r.title();
        n.teaser = r.teaser();
        if (n.bodyHtml == null || !java.util.Objects.equals(n.body, r.body())) { // a PATCH of the teaser renders nothing
            n.body = r.body();
            n.bodyHtml = Markdown.toHtml(r.body());
        }
        n.image = r.image();
        n.links = r.links() == null ? new ArrayList<>() : new ArrayList<>(r.links());
        n.tags = r.tags() == null ? new ArrayList<>() : new ArrayList<>(r.tags());
        n.region = r.region() == null || r.region().state() == null && r.region().place() == null ? null : r.region();
        if (members != n.members && !new ArrayList<>(n.members).equals(members)) { // unchanged: no rewrite of the join rows
            n.members.clear();
            n.members.addAll(members);
        }
    }

    /** Whether the request names exactly the item's members, by id, in their order. */
    private static boolean sameMembers(NewsItem n, NewsRequest r) {
        List<? extends dev.ticker.content.Reference> refs = r.members() == null ? List.of() : r.members();
        if (n.id == null || refs.size() != n.members.size()) {
            return false;
        }
        for (int i = 0; i < refs.size(); i++) {
            if (!n.members.get(i).id.equals(refs.get(i).id())) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected NewsResponse toResponse(NewsItem n) {
        return NewsResponse.of(n, false);
    }

    @Override
    protected NewsRequest toRequest(NewsItem n) {
        return new NewsRequest(n.slug, n.title, n.teaser, n.body, n.image, List.copyOf(n.links), List.copyOf(n.tags), n.region,
                n.members.stream().map(MemberSummary::ref).toList(), n.status, n.publishAt, n.publishedAt);
    }

    @Override
    protected String requestedSlug(NewsRequest r) {
        return r.slug();
    }

    @Override
    protected String slugSource(NewsRequest r) {
        return r.title();
    }
}
