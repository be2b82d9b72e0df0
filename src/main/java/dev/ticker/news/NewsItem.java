package dev.ticker.news;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.ticker.content.Image;
import dev.ticker.content.Link;
import dev.ticker.content.PublishableEntity;
import dev.ticker.member.Member;

/**
 * A news item. An update writes only the columns that changed ({@code @DynamicUpdate}): a PATCH
 * of the teaser does not send the body and its HTML again.
 */
@Entity
@DynamicUpdate
@Table(name = "news")
public class NewsItem extends PublishableEntity {

    @Column(nullable = false)
    public String title;

    public String teaser;

    /** Markdown, as the editor wrote it. */
    public String body;

    /** The body rendered and sanitised, kept so reads need not render. */
    @Column(name = "body_html")
    public String bodyHtml;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "url", column = @Column(name = "image_url")),
            @AttributeOverride(name = "alt", column = @Column(name = "image_alt")),
            @AttributeOverride(name = "credit", column = @Column(name = "image_credit")) })
    public Image image;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Link> links = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public List<String> tags = new ArrayList<>();

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "state", column = @Column(name = "region_state")),
            @AttributeOverride(name = "place", column = @Column(name = "region_place")) })
    public Region region;

    /** Related members in the editor's order; loaded for a whole page in one statement. */
    @ManyToMany
    @JoinTable(name = "news_member", joinColumns = @JoinColumn(name = "news_id"),
            inverseJoinColumns = @JoinColumn(name = "member_id"))
    @OrderColumn(name = "position")
    public List<Member> members = new ArrayList<>();
}
