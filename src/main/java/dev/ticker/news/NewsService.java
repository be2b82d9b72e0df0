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

import dev.ticker.TickerConfig;
import dev.ticker.content.ContentEntity;
import dev.ticker.content.ContentService;
import dev.ticker.content.Markdown;
import dev.ticker.member.Member;
import dev.ticker.member.MemberSummary;
import dev.ticker.list.KeysetQuery;
import dev.ticker.list.ListRequest;
import dev.ticker.list.ListSpec;
import dev.ticker.list.Page;
import dev.ticker.problem.ProblemException;
import dev.ticker.list.SortField;

@ApplicationScoped
public class NewsService extends ContentService<NewsItem, NewsRequest, NewsResponse> {

    static final String MEMBERS = "members";

    static final ListSpec<NewsItem> LIST = new ListSpec<>(List.of(
            SortField.of("publishedAt", "publishedAt", Instant.class, n -> n.publishedAt),
            SortField.of("title", "title", String.class, n -> n.title),
            SortField.of("createdAt", "createdAt", Instant.class, n -> n.createdAt),
            SortField.of("updatedAt", "updatedAt", Instant.class, n -> n.updatedAt)),
            "-publishedAt", Set.of("tag", "state", "member", "from", "to", "issue"), ListSpec.fieldsOf(NewsResponse.class),
            Set.of(MEMBERS));

    @Inject
    TickerConfig config;

    NewsService() {
        super(NewsItem.class, NewsRequest.class, "news item");
    }

    @Transactional
    public Page<NewsResponse> list(ListRequest<NewsItem> request) {
        KeysetQuery<NewsItem> query = new KeysetQuery<>(NewsItem.class);
        String tag = request.filter("tag");
        if (tag != null) {
            query.where("array_contains(e.tags, :tag)").bind("tag", tag);
        }
        String state = request.filter("state");
        if (state != null) {
            query.where("e.region.state = :state").bind("state", state);
        }
        String member = request.filter("member");
        if (member != null) {
            query.where("e.id in (select n.id from NewsItem n join n.members m where m.id = :member)")
                    .bind("member", idOf(Member.class, member).orElse(new UUID(0, 0))); // unknown: matches nothing
        }
        String issue = request.filter("issue");
        if (issue != null) {
            if (!issue.matches("[1-9][0-9]{0,8}")) {
                throw ProblemException.badRequest("'issue' must be an issue number such as 20.");
            }
            query.where("e.id in (select n.id from IssueSection s join s.news n where s.issue.number = :issue)")
                    .bind("issue", Integer.valueOf(issue));
        }
        ZoneId zone = config.timeZone();
        ListRequest.DateRange range = request.dateRange();
        LocalDate from = range.from();
        LocalDate to = range.to();
        if (from != null) {
            query.where("e.publishedAt >= :from").bind("from", from.atStartOfDay(zone).toInstant());
        }
        if (to != null) {
            query.where("e.publishedAt < :to").bind("to", to.plusDays(1).atStartOfDay(zone).toInstant());
        }
        boolean include = request.includes(MEMBERS);
        return page(query, request).map(n -> NewsResponse.of(n, include));
    }

    @Transactional
    public NewsResponse get(String idOrSlug, boolean includeMembers) {
        return NewsResponse.of(find(idOrSlug), includeMembers);
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
        List<Member> members = references(Member.class, "member", "members",
                r.members() == null ? null : r.members().stream().map(MemberSummary::id).toList());
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
        if (!new ArrayList<>(n.members).equals(members)) { // unchanged: no rewrite of the join rows
            n.members.clear();
            n.members.addAll(members);
        }
        if (r.publishedAt() != null) {
            n.publishedAt = r.publishedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        } else if (n.publishedAt == null) {
            n.publishedAt = ContentEntity.now();
        }
    }

    @Override
    protected NewsResponse toResponse(NewsItem n) {
        return NewsResponse.of(n, false);
    }

    @Override
    protected NewsRequest toRequest(NewsItem n) {
        return new NewsRequest(n.slug, n.title, n.teaser, n.body, n.image, List.copyOf(n.links), List.copyOf(n.tags), n.region,
                n.members.stream().map(MemberSummary::ref).toList(), n.publishedAt);
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
