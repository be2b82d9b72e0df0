package dev.ticker.issue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import dev.ticker.content.PublishableEntity;
import dev.ticker.event.Event;
import dev.ticker.job.JobPosting;

/** A numbered edition of the newsletter. */
@Entity
@Table(name = "issue")
public class Issue extends PublishableEntity {

    @Column(nullable = false)
    public Integer number;

    @Column(nullable = false)
    public String title;

    @Column(name = "issue_date", nullable = false)
    public LocalDate issueDate;

    public String place;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "salutation", column = @Column(name = "editorial_salutation")),
            @AttributeOverride(name = "body", column = @Column(name = "editorial_body")),
            @AttributeOverride(name = "signoff", column = @Column(name = "editorial_signoff")) })
    public Editorial editorial;

    @Column(name = "editorial_body_html")
    public String editorialBodyHtml;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "url", column = @Column(name = "hero_url")),
            @AttributeOverride(name = "alt", column = @Column(name = "hero_alt")),
            @AttributeOverride(name = "caption", column = @Column(name = "hero_caption")),
            @AttributeOverride(name = "credit", column = @Column(name = "hero_credit")) })
    public HeroImage heroImage;

    /** The calendar section, in order. */
    @ManyToMany
    @JoinTable(name = "issue_event", joinColumns = @JoinColumn(name = "issue_id"), inverseJoinColumns = @JoinColumn(name = "event_id"))
    @OrderColumn(name = "position")
    public List<Event> events = new ArrayList<>();

    /** The job market section, in order. */
    @ManyToMany
    @JoinTable(name = "issue_job", joinColumns = @JoinColumn(name = "issue_id"), inverseJoinColumns = @JoinColumn(name = "job_id"))
    @OrderColumn(name = "position")
    public List<JobPosting> jobs = new ArrayList<>();

    @OneToMany(mappedBy = "issue", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<IssueSection> sections = new ArrayList<>();
}
