package dev.ticker.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import dev.ticker.content.ContentService;
import dev.ticker.content.Markdown;
import dev.ticker.member.Member;
import dev.ticker.list.KeysetQuery;
import dev.ticker.list.ListRequest;
import dev.ticker.list.ListSpec;
import dev.ticker.list.Page;
import dev.ticker.problem.ProblemException;
import dev.ticker.list.SortField;

/**
 * Events of the IT calendar.
 *
 * <h2>Design decisions</h2>
 * <ul>
 * <li><b>Wall-clock times.</b> {@code startDate}/{@code endDate} are dates, {@code startTime}/
 * {@code endTime} times without zone, all in {@code timeZone} (an IANA id, Europe/Berlin when
 * left out). Nothing is converted to UTC, so a daylight-saving switch or a change of a zone's
 * rules never moves an event: 10:00 on 29 March stays 10:00. An unknown zone is a 422.</li>
 * <li><b>All-day and multi-day.</b> No {@code startTime} means all-day ({@code allDay} in
 * responses). {@code endDate} is inclusive and optional (a one-day event may also send it equal
 * to {@code startDate}; it is kept as sent). {@code startTime} is the time on the first day and
 * {@code endTime} the time on the last day, as in iCalendar, so only on a one-day event must the
 * end time not be before the start time. {@code endTime} needs {@code startTime}.</li>
 * <li><b>Order.</b> Soonest first: by the local start (date and time), tie-broken by id. The
 * database computes that key as a generated column {@code starts_at} = start date + start time,
 * where an all-day event counts from 00:00: on a given day the all-day events come first, as in
 * calendar apps. Events in other zones are ordered by their wall clock, not converted.
 * {@code sort=startDate} is this key; also sortable: title, createdAt, updatedAt.</li>
 * <li><b>{@code from}/{@code to}</b> are calendar days compared with the event's own dates (no
 * zone arithmetic), both inclusive, and select every event that overlaps the range:
 * {@code startDate <= to and coalesce(endDate, startDate) >= from}. A running multi-day event is
 * found by any of its days. An expression index serves {@code from} (the query uses the same
 * {@code coalesce}); with the default order PostgreSQL may still walk the sort index through past
 * events, which is cheap for a calendar of thousands of events. Should it ever matter, bound an
 * event's length and add the implied {@code startDate >= from - maxLength}.</li>
 * <li><b>{@code organizer} filter.</b> A UUID matches the organising member by id; otherwise a
 * value that is a member's slug matches that member's events; any other value is compared with
 * the organiser's name exactly (case-sensitive). An unknown id matches nothing.</li>
 * <li><b>Organiser.</b> {@code name} is what the calendar prints ("KGSt") and is required once
 * there is an organiser; {@code member} optionally links the member organisation (only its
 * {@code id} is read; an unknown id is a 422 naming {@code organizer.member.id}). The foreign key
 * has no ON DELETE, so deleting a member that organises an event is a 409 and changes nothing.</li>
 * <li><b>Input strictness.</b> Dates only as YYYY-MM-DD (years 0001-9999) and times only as
 * HH:mm; anything else, like an unknown {@code format}, does not fit the schema (400).</li>
 * </ul>
 */
@ApplicationScoped
public class EventService extends ContentService<Event, EventRequest, EventResponse> {

    static final String DEFAULT_TIME_ZONE = "Europe/Berlin";

    static final ListSpec<Event> LIST = new ListSpec<>(List.of(
            SortField.of("startDate", "startsAt", LocalDateTime.class, Event::start),
            SortField.of("title", "title", String.class, e -> e.title),
            SortField.of("createdAt", "createdAt", Instant.class, e -> e.createdAt),
            SortField.of("updatedAt", "updatedAt", Instant.class, e -> e.updatedAt)),
            "startDate", Set.of("from", "to", "format", "organizer"), ListSpec.fieldsOf(EventResponse.class), Set.of());

    EventService() {
        super(Event.class, EventRequest.class, "event");
    }

    @Transactional
    public Page<EventResponse> list(ListRequest<Event> request) {
        KeysetQuery<Event> query = new KeysetQuery<>(Event.class);
        ListRequest.DateRange range = request.dateRange();
        LocalDate from = range.from();
        LocalDate to = range.to();
        if (from != null) {
            // the same expression as the index event_last_date_idx
            query.where("coalesce(e.endDate, e.startDate) >= :from").bind("from", from);
        }
        if (to != null) {
            query.where("e.startDate <= :to").bind("to", to);
        }
        String format = request.filter("format");
        if (format != null) {
            EventFormat value = EventFormat.of(format);
            if (value == null) {
                throw ProblemException.badRequest("'format' must be in_person, online or hybrid.");
            }
            query.where("e.format = :format").bind("format", value);
        }
        String organizer = request.filter("organizer");
        if (organizer != null) {
            java.util.Optional<UUID> member = idOf(Member.class, organizer);
            if (member.isPresent()) {
                query.where("e.organizerMember.id = :member").bind("member", member.get());
            } else {
                query.where("e.organizerName = :organizer").bind("organizer", organizer);
            }
        }
        Page<Event> page = page(query, request);
        loadOrganizers(page.items());
        return page.map(EventResponse::of);
    }

    /** Loads the organising members of a page in one statement, so mapping it runs no more. */
    private void loadOrganizers(List<Event> events) {
        if (events.isEmpty()) {
            return;
        }
        em.createQuery("select m from Event e join e.organizerMember m where e.id in :ids", Member.class)
                .setParameter("ids", events.stream().map(e -> e.id).toList()).getResultList();
    }

    @Override
    protected void checkDeletable(Event entity) {
        refuseIfInIssues("join i.events x", entity.id);
    }

    @Override
    protected Event newEntity() {
        return new Event();
    }

    @Override
    protected void apply(Event e, EventRequest r) {
        Member member = reference(Member.class, "member", "organizer.member.id",
                r.organizer() == null || r.organizer().member() == null ? null : r.organizer().member().id());
        e.title = r.title();
        e.description = r.description();
        e.descriptionHtml = Markdown.toHtml(r.description());
        e.startDate = r.startDate();
        e.endDate = r.endDate();
        e.startTime = r.startTime();
        e.endTime = r.endTime();
        e.timeZone = r.timeZone() == null ? DEFAULT_TIME_ZONE : r.timeZone();
        e.location = r.location() == null || r.location().city() == null && r.location().venue() == null ? null : r.location();
        e.format = r.format();
        e.organizerName = r.organizer() == null ? null : r.organizer().name();
        e.organizerMember = member;
        e.url = r.url();
    }

    /** The organising member of a request; an unknown id is a 422 naming it. */
    @Override
    protected EventResponse toResponse(Event e) {
        return EventResponse.of(e);
    }

    @Override
    protected EventRequest toRequest(Event e) {
        return new EventRequest(e.slug, e.title, e.description, e.startDate, e.endDate, e.startTime, e.endTime, e.timeZone,
                e.location, e.format, EventResponse.organizerOf(e), e.url);
    }

    @Override
    protected String requestedSlug(EventRequest r) {
        return r.slug();
    }

    @Override
    protected String slugSource(EventRequest r) {
        return r.title();
    }
}
