package dev.ticker.event;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import dev.ticker.content.PublishableEntity;
import dev.ticker.member.Member;

/**
 * An event of the IT calendar. Dates and times are wall-clock values in {@link #timeZone},
 * stored as they are (date, time without time zone) and never converted to UTC.
 */
@Entity
@Table(name = "event")
public class Event extends PublishableEntity {

    @Column(nullable = false)
    public String title;

    /** Markdown, as the editor wrote it. */
    public String description;

    /** The description rendered and sanitised, kept so reads need not render. */
    @Column(name = "description_html")
    public String descriptionHtml;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    /** The last day, inclusive; null for a one-day event. */
    @Column(name = "end_date")
    public LocalDate endDate;

    /** The time on the first day; null for an all-day event. */
    @Column(name = "start_time")
    public LocalTime startTime;

    /** The time on the last day. */
    @Column(name = "end_time")
    public LocalTime endTime;

    /** IANA zone id that the dates and times are wall-clock values in. */
    @Column(name = "time_zone", nullable = false)
    public String timeZone;

    /**
     * The local start as one sort key, computed by the database (a generated column):
     * start date plus start time, 00:00 for an all-day event. Only queries read it.
     */
    @Column(name = "starts_at", insertable = false, updatable = false)
    public LocalDateTime startsAt;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "city", column = @Column(name = "location_city")),
            @AttributeOverride(name = "venue", column = @Column(name = "location_venue")) })
    public EventLocation location;

    @Convert(converter = EventFormat.Column.class)
    @Column(nullable = false)
    public EventFormat format;

    @Column(name = "organizer_name")
    public String organizerName;

    /** The member that organises the event; a page loads those of all its events in one statement. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "organizer_member_id")
    public Member organizerMember;

    public String url;

    /** The sort key of the default order as Java computes it, for cursors (equal to {@link #startsAt}). */
    LocalDateTime start() {
        return startDate.atTime(startTime == null ? LocalTime.MIDNIGHT : startTime);
    }
}
