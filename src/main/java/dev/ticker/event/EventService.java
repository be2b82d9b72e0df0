package dev.ticker.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

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
import dev.ticker.token.Roles;

/**
 * Events of the IT calendar: wall-clock dates and times in the event's own zone, the overlap
 * filter, organisers that may be members. The choices behind them are in docs/decisions.md
 * ("Events").
 */
@ApplicationScoped
public class EventService extends ContentService<Event, EventRequest, EventResponse> {

    // field injection, as in ContentService (a no-args constructor for the proxy)
    @Inject
    Totals totals;

    static final String DEFAULT_TIME_ZONE = "Europe/Berlin";

    static final Filter<LocalDate> FROM = Filter.date("from",
            "Only events that last until this day or later (inclusive).", "2025-11-25");
    static final Filter<LocalDate> TO = Filter.date("to",
            "Only events that begin on this day or earlier (inclusive). With `from`: every event overlapping the range.",
            "2025-11-30");
    static final Filter<EventFormat> FORMAT = Filter.oneOf("format", EventFormat.class, "Only events of this format.", "online");
    static final Filter<String> ORGANIZER = Filter.text("organizer",
            "Only events organised by this member (id or slug), or else by an organiser of this name (ignoring case).", "KGSt");

    static final Filter<Set<Status>> STATUS = Filter.anyOf("status", Status.class,
            "Only events in these workflow statuses, comma-separated; needs a bearer token, except `published` "
                    + "(without a token, only published events are listed).", "draft,scheduled")
            .onlyFor(Roles.EDITOR, Set.of(Status.PUBLISHED)::equals);

    static final ListSpec<Event> LIST = ListSpec.<Event>sortedBy(
            SortField.of("startDate", "startsAt", LocalDateTime.class, Event::start),
            SortField.of("title", "title", String.class, e -> e.title),
            SortField.of("createdAt", "createdAt", Instant.class, e -> e.createdAt),
            SortField.of("updatedAt", "updatedAt", Instant.class, e -> e.updatedAt))
            .filteredBy(FROM, TO, FORMAT, ORGANIZER, STATUS).showing(EventResponse.class);

    EventService() {
        super(Event.class, EventRequest.class, "event", "events");
    }

    @Transactional
    public Page<EventResponse> list(ListRequest<Event> request) {
        ListRequest.DateRange range = request.dateRange(FROM, TO);
        return new KeysetQuery<>(Event.class)
                .inStatus(visible(request.get(STATUS)))
                // the same expression as the index event_last_date_idx
                .when(range.from(), "coalesce(e.endDate, e.startDate) >= ?")
                .when(range.to(), "e.startDate <= ?")
                .when(request.get(FORMAT), "e.format = ?")
                .whenRefersTo(request.get(ORGANIZER), value -> idOf(Member.class, value), "e.organizerMember", "e.organizerName")
                // organising members load in one statement for the page (quarkus.hibernate-orm.fetch.batch-size)
                .page(em, request, totals).map(EventResponse::of);
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
        Member member = reference(Member.class, "member", "organizer.member", r.organizer() == null ? null : r.organizer().member());
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

    @Override
    protected EventResponse toResponse(Event e) {
        return EventResponse.of(e);
    }

    @Override
    protected EventRequest toRequest(Event e) {
        return new EventRequest(e.slug, e.title, e.description, e.startDate, e.endDate, e.startTime, e.endTime, e.timeZone,
                e.location, e.format, EventResponse.organizerOf(e), e.url, e.status, e.publishAt, e.publishedAt);
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
