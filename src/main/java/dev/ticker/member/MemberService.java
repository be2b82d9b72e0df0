package dev.ticker.member;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import dev.ticker.content.ContentService;
import dev.ticker.list.Filter;
import dev.ticker.list.KeysetQuery;
import dev.ticker.list.ListRequest;
import dev.ticker.list.ListSpec;
import dev.ticker.list.Page;
import dev.ticker.list.SortField;
import dev.ticker.list.Totals;
import dev.ticker.problem.ProblemException;

@ApplicationScoped
public class MemberService extends ContentService<Member, MemberRequest, MemberResponse> {

    // field injection, as in ContentService (a no-args constructor for the proxy)
    @Inject
    Totals totals;

    static final Filter<String> STATE = Filter.text("state", "Only members in this federal state (ISO 3166-2).", "DE-NW");
    static final Filter<Boolean> ACTIVE = Filter.flag("active", "Only current (true) or former (false) members.");

    static final ListSpec<Member> LIST = ListSpec.<Member>sortedBy(
            SortField.of("name", "name", String.class, m -> m.name),
            SortField.nullable("city", "city", String.class, m -> m.city),
            SortField.nullable("memberSince", "memberSince", Integer.class, m -> m.memberSince),
            SortField.of("createdAt", "createdAt", Instant.class, m -> m.createdAt),
            SortField.of("updatedAt", "updatedAt", Instant.class, m -> m.updatedAt))
            .filteredBy(STATE, ACTIVE).showing(MemberResponse.class);

    MemberService() {
        super(Member.class, MemberRequest.class, "member", "members");
    }

    @Transactional
    public Page<MemberResponse> list(ListRequest<Member> request) {
        return new KeysetQuery<>(Member.class)
                .when(request.get(STATE), "e.state = ?")
                .when(request.get(ACTIVE), "e.active = ?")
                .page(em, request, totals).map(MemberResponse::of);
    }

    @Override
    protected Member newEntity() {
        return new Member();
    }

    @Override
    protected void apply(Member m, MemberRequest r) {
        m.name = r.name();
        m.shortName = r.shortName();
        m.city = r.city();
        m.state = r.state();
        m.website = r.website();
        m.description = r.description();
        m.logo = r.logo();
        m.memberSince = r.memberSince();
        m.active = r.active() == null || r.active();
    }

    @Override
    protected MemberResponse toResponse(Member m) {
        return MemberResponse.of(m);
    }

    @Override
    protected MemberRequest toRequest(Member m) {
        return new MemberRequest(m.slug, m.name, m.shortName, m.city, m.state, m.website, m.description, m.logo,
                m.memberSince, m.active);
    }

    @Override
    protected String requestedSlug(MemberRequest r) {
        return r.slug();
    }

    @Override
    protected String slugSource(MemberRequest r) {
        return r.shortName() != null ? r.shortName() : r.name();
    }

    /** A member that content refers to cannot go: say which content, so the editor can act. */
    @Override
    protected void checkDeletable(Member m) {
        List<String> uses = new java.util.ArrayList<>();
        count("select count(*) from NewsItem n join n.members m where m.id = :id", m, "news item", "news items", uses);
        count("select count(*) from Event e where e.organizerMember.id = :id", m, "event it organises", "events it organises", uses);
        count("select count(*) from JobPosting j where j.employerMember.id = :id", m, "job posting", "job postings", uses);
        if (!uses.isEmpty()) {
            throw ProblemException.conflict("The member is referred to by " + String.join(", ", uses)
                    + "; remove it from there first.");
        }
    }

    private void count(String hql, Member m, String one, String many, List<String> uses) {
        long n = em.createQuery(hql, Long.class).setParameter("id", m.id).getSingleResult();
        if (n > 0) {
            uses.add(n + " " + (n == 1 ? one : many));
        }
    }
}
