package dev.ticker.issue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.ticker.content.ContentService;
import dev.ticker.content.Markdown;
import dev.ticker.content.Slugs;
import dev.ticker.content.Status;
import dev.ticker.event.Event;
import dev.ticker.event.EventService;
import dev.ticker.event.EventSummary;
import dev.ticker.job.JobPosting;
import dev.ticker.job.JobService;
import dev.ticker.job.JobSummary;
import dev.ticker.list.Filter;
import dev.ticker.list.KeysetQuery;
import dev.ticker.list.ListRequest;
import dev.ticker.list.ListSpec;
import dev.ticker.list.Page;
import dev.ticker.list.SortField;
import dev.ticker.list.Totals;
import dev.ticker.news.NewsItem;
import dev.ticker.news.NewsService;
import dev.ticker.news.NewsSummary;
import dev.ticker.problem.ProblemException;
import dev.ticker.token.Roles;

/**
 * Issues are addressed by their number ({@code /v1/issues/20}); id and slug work too. A section
 * keeps its news items in the editor's order; an unknown news item (by id or slug) is a 422
 * naming its place.
 */
@ApplicationScoped
public class IssueService extends ContentService<Issue, IssueRequest, IssueResponse> {

    // field injection, as in ContentService (a no-args constructor for the proxy)
    @Inject
    Totals totals;

    static final Filter<LocalDate> FROM = Filter.date("from", "Only issues dated on or after this day.", "2025-01-01");
    static final Filter<LocalDate> TO = Filter.date("to", "Only issues dated on or before this day.", "2025-12-31");

    static final Filter<Set<Status>> STATUS = Filter.anyOf("status", Status.class,
            "Only issues in these workflow statuses, comma-separated; needs a bearer token, except `published` "
                    + "(without a token, only published issues are listed).", "draft,scheduled")
            .onlyFor(Roles.EDITOR, Set.of(Status.PUBLISHED)::equals);

    static final ListSpec<Issue> LIST = ListSpec.<Issue>sortedBy(
            SortField.of("number", "number", Integer.class, i -> i.number),
            SortField.of("issueDate", "issueDate", LocalDate.class, i -> i.issueDate),
            SortField.of("createdAt", "createdAt", Instant.class, i -> i.createdAt),
            SortField.of("updatedAt", "updatedAt", Instant.class, i -> i.updatedAt))
            .byDefault("-number").filteredBy(FROM, TO, STATUS).showing(IssueResponse.class);

    // field injection, as in ContentService: a bean with a superclass constructor of arguments needs a no-args one
    @Inject
    NewsService news;
    @Inject
    EventService events;
    @Inject
    JobService jobs;

    IssueService() {
        super(Issue.class, IssueRequest.class, "issue", "issues");
    }

    @Transactional
    public Page<IssueResponse> list(ListRequest<Issue> request) {
        ListRequest.DateRange range = request.dateRange(FROM, TO);
        boolean unpublished = caller.seesUnpublished();
        return new KeysetQuery<>(Issue.class)
                .inStatus(visible(request.get(STATUS)))
                .when(range.from(), "e.issueDate >= ?")
                .when(range.to(), "e.issueDate <= ?")
                .page(em, request, totals).map(i -> IssueResponse.of(i, unpublished));
    }

    /** By number first: "20" is issue number 20, not a slug. */
    @Override
    public Issue find(String numberIdOrSlug) {
        Integer number = Slugs.asNumber(numberIdOrSlug);
        if (number != null) {
            return em.createQuery("select i from Issue i where i.number = :number", Issue.class)
                    .setParameter("number", number).getResultStream().findFirst()
                    .orElseThrow(() -> notFound(numberIdOrSlug));
        }
        return super.find(numberIdOrSlug);
    }

    @Override
    protected ProblemException notFound(String numberIdOrSlug) {
        return Slugs.asNumber(numberIdOrSlug) != null ? ProblemException.notFound("No issue number " + numberIdOrSlug + ".")
                : super.notFound(numberIdOrSlug);
    }

    /**
     * A published issue shows no draft: publishing it (by a write or when it is due) publishes the
     * draft and scheduled news items, events and job postings it contains, in the same
     * transaction, each with its own revision; so does adding one to a published issue. Archived
     * ones stay archived (and out of what readers without a token see).
     */
    @Override
    protected void afterPublished(Issue issue, Instant now, String actor) {
        // in the order of their ids, so that two issues published at once never wait for each other in a circle
        issue.sections.stream().flatMap(section -> section.news.stream()).distinct().sorted(BY_ID)
                .forEach(item -> news.publishWith(item, now, actor));
        issue.events.stream().sorted(BY_ID).forEach(event -> events.publishWith(event, now, actor));
        issue.jobs.stream().sorted(BY_ID).forEach(job -> jobs.publishWith(job, now, actor));
    }

    private static final java.util.Comparator<dev.ticker.content.ContentEntity> BY_ID = java.util.Comparator.comparing(e -> e.id);

    @Override
    protected Issue newEntity() {
        return new Issue();
    }

    @Override
    protected void apply(Issue issue, IssueRequest r) {
        List<Long> taken = em.createQuery("select count(i) from Issue i where i.number = :number and i.id <> :self", Long.class)
                .setParameter("number", r.number()).setParameter("self", issue.id).getResultList();
        if (taken.get(0) > 0) {
            throw ProblemException.conflict("Issue number " + r.number() + " exists already.");
        }
        List<List<NewsItem>> news = new ArrayList<>();
        for (int s = 0; r.sections() != null && s < r.sections().size(); s++) {
            List<NewsSummary> refs = r.sections().get(s).news();
            news.add(references(NewsItem.class, "news item", "sections[" + s + "].news", refs));
        }
        List<Event> events = references(Event.class, "event", "events", r.events());
        List<JobPosting> jobs = references(JobPosting.class, "job posting", "jobs", r.jobs());
        List<List<Object>> sectionsBefore = outline(issue);
        issue.number = r.number();
        issue.title = r.title();
        issue.issueDate = r.issueDate();
        issue.place = r.place();
        issue.editorial = r.editorial();
        issue.editorialBodyHtml = r.editorial() == null ? null : Markdown.toHtml(r.editorial().body());
        issue.heroImage = r.heroImage();
        issue.events.clear();
        issue.events.addAll(events);
        issue.jobs.clear();
        issue.jobs.addAll(jobs);
        issue.sections.clear();
        if (r.sections() != null) {
            for (IssueRequest.Section given : r.sections()) {
                IssueSection section = new IssueSection();
                section.issue = issue;
                section.position = issue.sections.size();
                section.heading = given.heading();
                section.news.addAll(news.get(section.position));
                issue.sections.add(section);
            }
        }
        if (issue.createdAt != null && !outline(issue).equals(sectionsBefore)) {
            // sections are rows of their own: touch the issue so its version and updatedAt move too
            int version = issue.version;
            issue.updatedAt = dev.ticker.content.ContentEntity.now();
            em.flush();
            if (issue.version == version) {
                // updatedAt did not move (same second) and nothing else changed on the row itself
                em.lock(issue, jakarta.persistence.LockModeType.PESSIMISTIC_FORCE_INCREMENT);
            }
        }
    }

    /** Headings and news ids of the sections, to tell whether a write changed them. */
    private static List<List<Object>> outline(Issue issue) {
        return issue.sections.stream()
                .map(s -> List.<Object>of(s.heading, s.news.stream().map(n -> n.id).toList())).toList();
    }

    @Override
    protected IssueResponse toResponse(Issue i) {
        return IssueResponse.of(i, true);
    }

    @Override
    protected IssueResponse toPublicResponse(Issue i) {
        return IssueResponse.of(i, false);
    }

    @Override
    protected dev.ticker.content.Removed removed(Issue i) {
        return new dev.ticker.content.Removed(i.id, i.slug, i.number);
    }

    @Override
    protected IssueRequest toRequest(Issue i) {
        return new IssueRequest(i.slug, i.number, i.title, i.issueDate, i.place, i.editorial, i.heroImage,
                i.sections.stream().map(s -> new IssueRequest.Section(s.heading,
                        s.news.stream().map(n -> new NewsSummary(n.id, null, null, null, null)).toList())).toList(),
                i.events.stream().map(EventSummary::of).toList(), i.jobs.stream().map(JobSummary::of).toList(), i.status,
                i.publishAt, i.publishedAt);
    }

    @Override
    protected String requestedSlug(IssueRequest r) {
        return r.slug();
    }

    @Override
    protected String slugSource(IssueRequest r) {
        return r.title();
    }
}
