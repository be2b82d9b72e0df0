package dev.ticker.event;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticker.TickerConfig;
import dev.ticker.content.Status;
import dev.ticker.list.KeysetQuery;
import dev.ticker.list.Totals;
import dev.ticker.list.ListRequest;
import dev.ticker.list.ListSpec;
import dev.ticker.problem.Problem;
import dev.ticker.problem.ProblemException;
import dev.ticker.web.JsonLd;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Events in other formats than the API's JSON: the iCalendar documents ({@link EventCalendar})
 * and JSON-LD ({@link EventJsonLd}). Calendars hold only published events, whoever asks: they are
 * subscribed to and shared, and a token in a calendar URL would leak drafts to everyone the URL
 * reaches. JSON-LD follows the JSON GET (token holders see unpublished events too). See
 * docs/decisions.md ("Calendars", "JSON-LD").
 */
@ApplicationScoped
public class EventOutputService {

    /** The query parameters of the calendar, each as the event list reads it. */
    static final List<String> CALENDAR_PARAMETERS = List.of("format", "from", "to");
    /** Without from and to, the calendar starts this many days before today (and holds every later event). */
    static final int DAYS_BACK = 365;
    /** The most events one calendar holds: the latest ones when more would match. */
    static final int MAX_EVENTS = 1000;

    private final EventService events;
    private final EntityManager em;
    private final ObjectMapper mapper;
    private final TickerConfig config;
    private final Totals totals;

    EventOutputService(EventService events, EntityManager em, ObjectMapper mapper, TickerConfig config, Totals totals) {
        this.events = events;
        this.totals = totals;
        this.em = em;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * The filters of the calendar: {@code from}, {@code to} and {@code format}, parsed and checked
     * as the event list does it; any other parameter is a 400.
     */
    public ListRequest<Event> calendarRequest(Map<String, List<String>> query, SecurityIdentity caller) {
        ListSpec.only(query, Set.copyOf(CALENDAR_PARAMETERS));
        Map<String, List<String>> list = new LinkedHashMap<>(query);
        list.put("sort", List.of("-startDate")); // the latest first, so a calendar cut at MAX_EVENTS keeps them
        ListRequest<Event> parsed = EventService.LIST.parse(list, caller);
        return new ListRequest<>(MAX_EVENTS, parsed.sort(), null, null, parsed.filters(), Set.of(), null);
    }

    /** The calendar of the published events that match, soonest first. */
    @Transactional
    public byte[] calendar(ListRequest<Event> request) {
        ListRequest.DateRange range = request.dateRange(EventService.FROM, EventService.TO);
        LocalDate from = range.from() == null && range.to() == null ? LocalDate.now(config.timeZone()).minusDays(DAYS_BACK)
                : range.from();
        List<Event> found = new ArrayList<>(new KeysetQuery<>(Event.class)
                .when(Status.PUBLISHED, "e.status = ?")
                // the same expressions as the event list (and its index event_last_date_idx)
                .when(from, "coalesce(e.endDate, e.startDate) >= ?")
                .when(range.to(), "e.startDate <= ?")
                .when(request.get(EventService.FORMAT), "e.format = ?")
                .page(em, request, totals).items());
        Collections.reverse(found);
        return EventCalendar.subscription(found);
    }

    /** The calendar of one event; one that is not published is a 404, even for token holders. */
    @Transactional
    public byte[] calendar(String idOrSlug) {
        Event event = events.find(idOrSlug);
        if (!event.isPublic()) {
            throw ProblemException.notFound("No event with id or slug '" + Problem.echo(idOrSlug) + "'.");
        }
        return EventCalendar.single(event);
    }

    /** The event as schema.org JSON-LD, visible as its JSON is. */
    @Transactional
    public byte[] jsonLd(String idOrSlug) {
        return JsonLd.document(mapper, EventJsonLd.of(events.findVisible(idOrSlug)));
    }
}
