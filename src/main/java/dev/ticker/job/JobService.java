package dev.ticker.job;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.ticker.TickerConfig;
import dev.ticker.content.ContentService;
import dev.ticker.content.Markdown;
import dev.ticker.content.Status;
import dev.ticker.list.Filter;
import dev.ticker.list.KeysetQuery;
import dev.ticker.list.ListRequest;
import dev.ticker.list.ListSpec;
import dev.ticker.list.Page;
import dev.ticker.list.SortField;
import dev.ticker.list.Totals;
import dev.ticker.member.Member;
import dev.ticker.member.MemberSummary;
import dev.ticker.token.Roles;

/**
 * Job postings of the job market: expiry by the last day in Ticker's time zone, employers that
 * may be members. The choices behind them are in docs/decisions.md ("Jobs").
 */
@ApplicationScoped
public class JobService extends ContentService<JobPosting, JobRequest, JobResponse> {

    // field injection, as in ContentService (a no-args constructor for the proxy)
    @Inject
    Totals totals;

    static final Filter<String> EMPLOYER = Filter.text("employer",
            "Only postings of this employer: a member's id or slug, otherwise the employer name (ignoring case).", "lecos");
    static final Filter<String> STATE = Filter.text("state", "Only postings in this federal state (ISO 3166-2).", "DE-SN");
    static final Filter<Boolean> INCLUDE_EXPIRED = Filter.flag("includeExpired",
            "`true` also lists expired postings; needs a bearer token (401 without).").forRole(Roles.EDITOR);

    static final Filter<Set<Status>> STATUS = Filter.anyOf("status", Status.class,
            "Only postings in these workflow statuses, comma-separated; needs a bearer token, except `published` "
                    + "(without a token, only published postings are listed).", "draft,scheduled")
            .onlyFor(Roles.EDITOR, Set.of(Status.PUBLISHED)::equals);

    static final ListSpec<JobPosting> LIST = ListSpec.<JobPosting>sortedBy(
            SortField.of("createdAt", "createdAt", Instant.class, j -> j.createdAt),
            SortField.of("updatedAt", "updatedAt", Instant.class, j -> j.updatedAt),
            SortField.of("title", "title", String.class, j -> j.title),
            SortField.nullable("validThrough", "validThrough", LocalDate.class, j -> j.validThrough))
            .byDefault("-createdAt").filteredBy(EMPLOYER, STATE, INCLUDE_EXPIRED, STATUS).showing(JobResponse.class);

    // field injection, as in ContentService: a bean with a superclass constructor of arguments needs a no-args one
    @Inject
    TickerConfig config;

    JobService() {
        super(JobPosting.class, JobRequest.class, "job posting", "jobs");
    }

    @Transactional
    public Page<JobResponse> list(ListRequest<JobPosting> request) {
        LocalDate today = today();
        return new KeysetQuery<>(JobPosting.class)
                .inStatus(visible(request.get(STATUS)))
                .when(Boolean.TRUE.equals(request.get(INCLUDE_EXPIRED)) ? null : today, "e.validThrough is null or e.validThrough >= ?")
                .whenRefersTo(request.get(EMPLOYER), value -> idOf(Member.class, value), "e.employerMember", "e.employerName")
                .when(request.get(STATE), "e.location.state = ?")
                // employer members load in one statement for the page (quarkus.hibernate-orm.fetch.batch-size)
                .page(em, request, totals).map(j -> JobResponse.of(j, today));
    }

    /** One posting; an expired one only for token holders (anonymously it is a 404, like a draft). */
    @Override
    @Transactional
    public JobResponse get(String idOrSlug) {
        JobPosting job = findVisible(idOrSlug);
        LocalDate today = today();
        if (job.expiredOn(today) && !caller.seesUnpublished()) {
            throw notFound(idOrSlug);
        }
        return JobResponse.of(job, today);
    }

    /** The calendar day in the configured zone: a posting valid through it is still public. */
    private LocalDate today() {
        return LocalDate.now(config.timeZone());
    }

    @Override
    protected void checkDeletable(JobPosting entity) {
        refuseIfInIssues("join i.jobs x", entity.id);
    }

    @Override
    protected JobPosting newEntity() {
        return new JobPosting();
    }

    @Override
    protected void apply(JobPosting j, JobRequest r) {
        j.employerMember = reference(Member.class, "member", "employer.member", r.employer().member());
        j.title = r.title();
        j.employerName = r.employer().name();
        j.location = r.location() == null || r.location().city() == null && r.location().state() == null ? null : r.location();
        j.employmentType = r.employmentType();
        j.remote = r.remote() == null ? RemoteWork.NONE : r.remote();
        j.salary = r.salary();
        j.description = r.description();
        j.descriptionHtml = Markdown.toHtml(r.description());
        j.applyUrl = r.applyUrl();
        j.validThrough = r.validThrough();
    }

    @Override
    protected JobResponse toResponse(JobPosting j) {
        return JobResponse.of(j, today());
    }

    @Override
    protected JobRequest toRequest(JobPosting j) {
        return new JobRequest(j.slug, j.title,
                new Employer(j.employerName, j.employerMember == null ? null : MemberSummary.ref(j.employerMember)),
                j.location, j.employmentType, j.remote, j.salary, j.description, j.applyUrl, j.validThrough, j.status, j.publishAt,
                j.publishedAt);
    }

    @Override
    protected String requestedSlug(JobRequest r) {
        return r.slug();
    }

    @Override
    protected String slugSource(JobRequest r) {
        return r.title();
    }
}
