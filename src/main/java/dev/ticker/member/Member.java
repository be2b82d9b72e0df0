package dev.ticker.member;

import jakarta.persistence.AttributeOverride;
import jakarta.persistence.AttributeOverrides;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import dev.ticker.content.ContentEntity;
import dev.ticker.content.Image;

/** A member organisation of the association. */
@Entity
@Table(name = "member")
public class Member extends ContentEntity {

    @Column(nullable = false)
    public String name;

    @Column(name = "short_name")
    public String shortName;

    public String city;

    /** ISO 3166-2 code of the federal state, such as DE-NW. */
    public String state;

    public String website;

    public String description;

    @Embedded
    @AttributeOverrides({
            @AttributeOverride(name = "url", column = @Column(name = "logo_url")),
            @AttributeOverride(name = "alt", column = @Column(name = "logo_alt")),
            @AttributeOverride(name = "credit", column = @Column(name = "logo_credit")) })
    public Image logo;

    @Column(name = "member_since")
    public Integer memberSince;

    @Column(nullable = false)
    public boolean active = true;
}
