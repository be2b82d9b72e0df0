package dev.ticker.job;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.ticker.TickerConfig;
import dev.ticker.content.ContentService;
import dev.ticker.content.Markdown;
import dev.ticker.member.Member;
import dev.ticker.member.MemberSummary;
import dev.ticker.token.Role;
import dev.ticker.token.Caller;
import dev.ticker.list.KeysetQuery;
import dev.ticker.list.ListRequest;
import dev.ticker.list.ListSpec;
import dev.ticker.list.Page;
import dev.ticker.problem.ProblemException;
import dev.ticker.list.SortField;

/**
 * Job postings of the job market.
 *
 * <p>Decisions (also in the API description):
 * <ul>
 * <li><b>Expiry</b>: {@code validThrough} is the last day, inclusive, in {@code ticker.time-zone}
 * (Europe/Berlin); a posting is expired from the day after. Expired postings leave the public
 * list and their anonymous detail is a 404, like a draft. With a token the detail is readable
 * and the list shows them with {@code includeExpired=true} (anonymously a 401, so a client never
 * mistakes a filtered list for a complete one). Writes always need a token, so editors can edit
 * or delete expired postings. Responses carry a read-only {@code expired} flag. A posting may be
 * created already expired (imports of past job markets). No {@code validThrough}: no expiry.</li>
 * <li><b>Employer</b>: always a {@code name}; {@code member} links a member organisation (only
 * its id is read). The name stays authoritative for display, since a posting may name a
 * subsidiary or a department. The link is a foreign key without ON DELETE: deleting a member
 * that is an employer is a 409 until its postings are changed or deleted. An unknown member
 * id is a 422 naming {@code employer.member.id}.</li>
 * <li><b>employer filter</b>: a member id, or a member slug, selects the postings linked to that
 * member (an unknown id matches nothing); any other value matches the employer name exactly.</li>
 * <li><b>Enumerations</b> ({@code employmentType}, {@code remote}) are lowercase strings; any other
 * value, or a number, is a 400 listing the allowed values, like every other body that does not
 * fit the schema. {@code remote} is {@code none} when left out; {@code employmentType} may be
 * left out.</li>
 * <li><b>Order</b>: newest first ({@code -createdAt}): a job market shows what is new. Sortable:
 * createdAt, updatedAt, title, validThrough (postings without expiry last in both directions).
 * {@code sort=validThrough} gives "apply soon" lists.</li>
 * <li><b>applyUrl</b> is an absolute http(s) URL or a {@code mailto:} address, since many public
 * employers take applications by e-mail.</li>
 * </ul>
 */
@ApplicationScoped
public class JobService extends ContentService<JobPosting, JobRequest, JobResponse> {

    static final String INCLUDE_EXPIRED = "includeExpired";

    static final ListSpec<JobPosting> LIST = new ListSpec<>(List.of(
            SortField.of("createdAt", "createdAt", Instant.class, j -> j.createdAt),
            SortField.of("updatedAt", "updatedAt", Instant.class, j -> j.updatedAt),
            SortField.of("title", "title", String.class, j -> j.title),
            SortField.nullable("validThrough", "validThrough", LocalDate.class, j -> j.validThrough)),
            "-createdAt", Set.of("employer", "state", INCLUDE_EXPIRED), ListSpec.fieldsOf(JobResponse.class), Set.of());

    @Inject
    TickerConfig config;
    @Inject
    Caller caller;

    JobService() {
        super(JobPosting.class, JobRequest.class, "job posting");
    }

    @Transactional
    public Page<JobResponse> list(ListRequest<JobPosting> request) {
        LocalDate today = today();
        KeysetQuery<JobPosting> query = new KeysetQuery<>(JobPosting.class);
        if (!includeExpired(request.filter(INCLUDE_EXPIRED))) {
            query.where("e.validThrough is null or e.validThrough >= :today").bind("today", today);
        }
        String employer = request.filter("employer");
        if (employer != null) {
            java.util.Optional<UUID> member = idOf(Member.class, employer);
            if (member.isPresent()) {
                query.where("e.employerMember.id = :member").bind("member", member.get());
            } else {
                query.where("e.employerName = :employerName").bind("employerName", employer);
            }
        }
        String state = request.filter("state");
        if (state != null) {
            query.where("e.location.state = :state").bind("state", state);
        }
        Page<JobPosting> page = page(query, request);
        loadEmployers(page.items());
        return page.map(j -> JobResponse.of(j, today));
    }

    /** One posting; an expired one only for token holders (anonymously it is a 404, like a draft). */
    @Override
    @Transactional
    public JobResponse get(String idOrSlug) {
        JobPosting job = find(idOrSlug);
        LocalDate today = today();
        if (job.expiredOn(today) && !caller.isEditor()) {
            throw ProblemException.notFound("No job posting with id or slug '" + idOrSlug + "'.");
        }
        return JobResponse.of(job, today);
    }

    /** The calendar day in the configured zone: a posting valid through it is still public. */
    private LocalDate today() {
        return LocalDate.now(config.timeZone());
    }

    private boolean includeExpired(String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (!value.equals("true")) {
            throw ProblemException.badRequest("'" + INCLUDE_EXPIRED + "' must be true or false.");
        }
        caller.require(Role.EDITOR, "'" + INCLUDE_EXPIRED + "=true'");
        return true;
    }

    /** Loads the employer members of a page in one statement instead of one per member. */
    private void loadEmployers(List<JobPosting> jobs) {
        Set<UUID> ids = new HashSet<>();
        for (JobPosting job : jobs) {
            if (job.employerMember != null) {
                ids.add(job.employerMember.id);
            }
        }
        if (!ids.isEmpty()) {
            em.createQuery("select m from Member m where m.id in :ids", Member.class).setParameter("ids", ids).getResultList();
        }
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
        j.employerMember = reference(Member.class, "member", "employer.member.id",
                r.employer().member() == null ? null : r.employer().member().id());
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

    /** The employer member; an unknown id is a 422 naming it. */
    @Override
    protected JobResponse toResponse(JobPosting j) {
        return JobResponse.of(j, today());
    }

    @Override
    protected JobRequest toRequest(JobPosting j) {
        return new JobRequest(j.slug, j.title,
                new Employer(j.employerName, j.employerMember == null ? null : MemberSummary.ref(j.employerMember)),
                j.location, j.employmentType, j.remote, j.salary, j.description, j.applyUrl, j.validThrough);
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
