package dev.ticker.job;

import java.time.LocalDate;

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

/** A job posting of the newsletter's job market. */
@Entity
@Table(name = "job")
public class JobPosting extends PublishableEntity {

    @Column(nullable = false)
    public String title;

    @Column(name = "employer_name", nullable = false)
    public String employerName;

    /** The employer when it is a member; the foreign key keeps the member from being deleted. */
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "employer_member_id")
    public Member employerMember;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "city", column = @Column(name = "location_city")),
            @AttributeOverride(name = "state", column = @Column(name = "location_state")) })
    public JobLocation location;

    @Convert(converter = EmploymentType.Column.class)
    @Column(name = "employment_type")
    public EmploymentType employmentType;

    @Convert(converter = RemoteWork.Column.class)
    @Column(nullable = false)
    public RemoteWork remote = RemoteWork.NONE;

    public String salary;

    /** Markdown, as the editor wrote it. */
    public String description;

    /** The description rendered and sanitised, kept so reads need not render. */
    @Column(name = "description_html")
    public String descriptionHtml;

    @Column(name = "apply_url")
    public String applyUrl;

    /** The last day (inclusive) the posting is public; null: no expiry. */
    @Column(name = "valid_through")
    public LocalDate validThrough;

    /** Whether the last day has passed on {@code today}. */
    public boolean expiredOn(LocalDate today) {
        return validThrough != null && validThrough.isBefore(today);
    }
}
