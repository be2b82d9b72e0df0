package dev.ticker.issue;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import dev.ticker.news.NewsItem;

/** One section of an issue: a heading and its news items, in order. */
@Entity
@Table(name = "issue_section")
public class IssueSection {

    @Id
    public UUID id = UUID.randomUUID();

    @ManyToOne(optional = false)
    @JoinColumn(name = "issue_id")
    public Issue issue;

    /** The place of the section in its issue, from 0. */
    @Column(nullable = false)
    public int position;

    @Column(nullable = false)
    public String heading;

    @ManyToMany
    @JoinTable(name = "issue_section_news", joinColumns = @JoinColumn(name = "section_id"),
            inverseJoinColumns = @JoinColumn(name = "news_id"))
    @OrderColumn(name = "position")
    public List<NewsItem> news = new ArrayList<>();
}
