package dev.ticker.event;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.stream.IntStream;

import biweekly.component.DaylightSavingsTime;
import biweekly.component.Observance;
import biweekly.component.StandardTime;
import biweekly.component.VTimezone;
import biweekly.io.TimezoneAssignment;
import biweekly.property.RecurrenceDates;
import biweekly.util.DateTimeComponents;
import biweekly.util.Frequency;
import biweekly.util.ICalDate;
import biweekly.util.Recurrence;
import biweekly.util.UtcOffset;

/**
 * The VTIMEZONE of a zone, made from the JDK's time-zone rules (no download). A zone with daylight
 * saving time gets what Outlook and Google write: a STANDARD and a DAYLIGHT observance, each with
 * a yearly RRULE ("the last Sunday of March"), from the first year its current rules apply (Europe/
 * Berlin: 1997); a zone without gets one STANDARD observance. Changes the JDK knows by date
 * rather than by rule (a zone whose rules follow another calendar) and rules that are no RRULE (a
 * change at 24:00 that may move into the next month) are listed one by one (RDATE), from the
 * year the calendar needs on (up to {@link #LAST_YEAR}). Clients that know the IANA id (most) use
 * their own rules; the others get the same offsets from these.
 */
final class VTimezones {

    /** The last year whose changes are listed where no RRULE can say them. */
    static final int LAST_YEAR = 2100;
    /** Yearly rules are described from this year at the earliest. */
    private static final int FIRST_YEAR = 1970;

    private VTimezones() {
    }

    /**
     * The zone for biweekly: its java.util.TimeZone (to write local times) and its VTIMEZONE.
     *
     * @param sinceYear the first year the VTIMEZONE must describe: changes listed one by one are left out before it
     */
    static TimezoneAssignment assignment(ZoneId zone, int sinceYear) {
        return new TimezoneAssignment(TimeZone.getTimeZone(zone), of(zone, sinceYear));
    }

    static VTimezone of(ZoneId zone, int sinceYear) {
        ZoneRules rules = zone.getRules();
        VTimezone component = new VTimezone(zone.getId());
        List<ZoneOffsetTransition> history = rules.getTransitions();
        List<ZoneOffsetTransitionRule> yearly = rules.getTransitionRules();
        List<ZoneOffsetTransition> listed = history.stream().filter(t -> t.getDateTimeAfter().getYear() >= sinceYear).toList();
        List<Observance> observances = new ArrayList<>();
        if (yearly.isEmpty()) {
            // the change before the year too, so the offset at its start is described
            List<ZoneOffsetTransition> earlier = history.stream().filter(t -> t.getDateTimeAfter().getYear() < sinceYear).toList();
            List<ZoneOffsetTransition> changes = new ArrayList<>(earlier.isEmpty() ? List.of() : List.of(earlier.get(earlier.size() - 1)));
            changes.addAll(listed);
            observances.addAll(changes.isEmpty() ? List.of(fixed(zone, rules)) : listed(zone, changes));
        } else {
            // the changes by date (a zone whose rules change for years ahead), then the yearly rules after them
            observances.addAll(listed(zone, listed));
            int firstYear = history.isEmpty() ? FIRST_YEAR
                    : Math.max(FIRST_YEAR, history.get(history.size() - 1).getDateTimeAfter().getYear() + 1);
            for (ZoneOffsetTransitionRule rule : yearly) {
                YearlyDay day = YearlyDay.of(rule, firstYear);
                observances.addAll(day != null ? List.of(recurring(zone, rule, firstYear, day))
                        : listed(zone, IntStream.rangeClosed(Math.max(firstYear, sinceYear), LAST_YEAR)
                                .mapToObj(rule::createTransition).toList()));
            }
        }
        for (Observance observance : observances) {
            if (observance instanceof DaylightSavingsTime daylight) {
                component.addDaylightSavingsTime(daylight);
            } else {
                component.addStandardTime((StandardTime) observance);
            }
        }
        return component;
    }

    /** A zone that never changed its offset: that offset. */
    private static Observance fixed(ZoneId zone, ZoneRules rules) {
        ZoneOffset offset = rules.getOffset(java.time.Instant.EPOCH);
        Observance standard = observance(zone, false, offset, offset);
        standard.setDateStart(components(LocalDateTime.of(FIRST_YEAR, 1, 1, 0, 0)));
        return standard;
    }

    /** One yearly rule of the zone as an RRULE, from {@code firstYear} on. */
    private static Observance recurring(ZoneId zone, ZoneOffsetTransitionRule rule, int firstYear, YearlyDay day) {
        ZoneOffsetTransition first = rule.createTransition(firstYear);
        Observance observance = observance(zone, isDaylight(zone, first), rule.getOffsetBefore(), rule.getOffsetAfter());
        // DTSTART and its recurrences are local times in the offset before the change (TZOFFSETFROM)
        observance.setDateStart(components(first.getDateTimeBefore()));
        observance.setRecurrenceRule(day.rrule());
        return observance;
    }

    /** Changes one by one: an observance per kind of change (from one offset to another), its first onset and RDATEs. */
    private static List<Observance> listed(ZoneId zone, List<ZoneOffsetTransition> transitions) {
        Map<String, Observance> byChange = new LinkedHashMap<>();
        for (ZoneOffsetTransition t : transitions) {
            String change = t.getOffsetBefore() + ">" + t.getOffsetAfter() + ">" + isDaylight(zone, t);
            Observance observance = byChange.get(change);
            if (observance == null) {
                observance = observance(zone, isDaylight(zone, t), t.getOffsetBefore(), t.getOffsetAfter());
                observance.setDateStart(components(t.getDateTimeBefore()));
                observance.addRecurrenceDates(new RecurrenceDates());
                byChange.put(change, observance);
            } else {
                observance.getRecurrenceDates().get(0).getDates().add(new ICalDate(components(t.getDateTimeBefore()), true));
            }
        }
        byChange.values().forEach(o -> o.getRecurrenceDates().removeIf(dates -> dates.getDates().isEmpty()));
        return List.copyOf(byChange.values());
    }

    private static boolean isDaylight(ZoneId zone, ZoneOffsetTransition change) {
        return zone.getRules().isDaylightSavings(change.getInstant());
    }

    private static Observance observance(ZoneId zone, boolean daylight, ZoneOffset from, ZoneOffset to) {
        Observance observance = daylight ? new DaylightSavingsTime() : new StandardTime();
        observance.setTimezoneOffsetFrom(new UtcOffset(from.getTotalSeconds() * 1000L));
        observance.setTimezoneOffsetTo(new UtcOffset(to.getTotalSeconds() * 1000L));
        String name = TimeZone.getTimeZone(zone).getDisplayName(daylight, TimeZone.SHORT, Locale.ENGLISH);
        if (!name.startsWith("GMT")) { // the JDK's stand-in where the zone has no abbreviation
            observance.addTimezoneName(name);
        }
        return observance;
    }

    private static DateTimeComponents components(LocalDateTime local) {
        return new DateTimeComponents(local.getYear(), local.getMonthValue(), local.getDayOfMonth(), local.getHour(),
                local.getMinute(), local.getSecond(), false);
    }

    /**
     * The local day of a yearly change, in one of the forms an RRULE has: a fixed day of the
     * month, the n-th or last weekday of the month, or a weekday among seven days of the month.
     * Each form is checked against the JDK's changes over a whole 28-year cycle of the calendar.
     */
    private record YearlyDay(Month month, int monthDay, int nth, DayOfWeek weekday, List<Integer> monthDays) {

        static YearlyDay of(ZoneOffsetTransitionRule rule, int firstYear) {
            LocalDate first = rule.createTransition(firstYear).getDateTimeBefore().toLocalDate();
            Month month = first.getMonth();
            DayOfWeek weekday = first.getDayOfWeek();
            int dom = first.getDayOfMonth();
            int indicator = rule.getDayOfMonthIndicator();
            List<YearlyDay> candidates = new ArrayList<>();
            if (rule.getDayOfWeek() == null) {
                candidates.add(new YearlyDay(month, dom, 0, null, null));
            } else {
                candidates.add(new YearlyDay(month, 0, -1, weekday, null));
                candidates.add(new YearlyDay(month, 0, (dom - 1) / 7 + 1, weekday, null));
                int shift = dom - nominal(rule, firstYear).getDayOfMonth();
                List<Integer> days = IntStream.range(0, 7)
                        .mapToObj(d -> indicator > 0 ? indicator + shift + d : indicator + shift - d).toList();
                if (days.stream().allMatch(d -> d != 0 && Math.abs(d) <= 31)) { // what BYMONTHDAY takes
                    candidates.add(new YearlyDay(month, 0, 0, weekday, days));
                }
            }
            for (YearlyDay candidate : candidates) {
                if (IntStream.range(firstYear, firstYear + 28).allMatch(year -> rule.createTransition(year).getDateTimeBefore()
                        .toLocalDate().equals(candidate.in(year)))) {
                    return candidate;
                }
            }
            return null;
        }

        /** The day a rule names, before its time of day is applied. */
        private static LocalDate nominal(ZoneOffsetTransitionRule rule, int year) {
            int indicator = rule.getDayOfMonthIndicator();
            LocalDate date = indicator > 0 ? LocalDate.of(year, rule.getMonth(), indicator)
                    : LocalDate.of(year, rule.getMonth(), 1).with(TemporalAdjusters.lastDayOfMonth()).plusDays(indicator + 1);
            if (rule.getDayOfWeek() != null) {
                date = date.with(indicator > 0 ? TemporalAdjusters.nextOrSame(rule.getDayOfWeek())
                        : TemporalAdjusters.previousOrSame(rule.getDayOfWeek()));
            }
            return date;
        }

        /** The day in a year, as the RRULE means it; null when the form names no single day. */
        LocalDate in(int year) {
            LocalDate start = LocalDate.of(year, month, 1);
            int length = start.lengthOfMonth();
            if (weekday == null) {
                return monthDay <= length ? start.withDayOfMonth(monthDay) : null;
            }
            if (nth == -1) {
                return start.with(TemporalAdjusters.lastInMonth(weekday));
            }
            if (nth > 0) {
                LocalDate day = start.with(TemporalAdjusters.dayOfWeekInMonth(nth, weekday));
                return day.getMonth() == month ? day : null;
            }
            List<LocalDate> matching = monthDays.stream().filter(d -> Math.abs(d) <= length)
                    .map(d -> start.withDayOfMonth(d > 0 ? d : length + 1 + d)).filter(d -> d.getDayOfWeek() == weekday).toList();
            return matching.size() == 1 ? matching.get(0) : null;
        }

        Recurrence rrule() {
            Recurrence.Builder builder = new Recurrence.Builder(Frequency.YEARLY).byMonth(month.getValue());
            if (weekday == null) {
                return builder.byMonthDay(monthDay).build();
            }
            biweekly.util.DayOfWeek day = biweekly.util.DayOfWeek.valueOf(weekday.name());
            return nth != 0 ? builder.byDay(nth, day).build() : builder.byDay(day).byMonthDay(monthDays).build();
        }
    }
}
