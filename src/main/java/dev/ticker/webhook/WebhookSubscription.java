package dev.ticker.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import dev.ticker.content.ContentEntity;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A webhook subscription (table webhook_subscription, migration V17). */
@Entity
@Table(name = "webhook_subscription")
public class WebhookSubscription extends PanacheEntityBase {

    @Id
    public UUID id = UUID.randomUUID();

    @Column(nullable = false)
    public String url;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false, columnDefinition = "text[]")
    public List<String> events;

    public String description;

    @Column(nullable = false)
    public boolean active;

    /** The signing secret ({@code whsec_…}); it must be kept as it is to sign with it. */
    @Column(nullable = false)
    public String secret;

    @Column(name = "previous_secret")
    public String previousSecret;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    /** Why the service disabled the subscription, or null. */
    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** 1 when created, as every resource's (ContentEntity). */
    @Version
    @Column(nullable = false)
    public Integer version = 1;

    @PrePersist
    void created() {
        createdAt = ContentEntity.now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void updated() {
        updatedAt = ContentEntity.now();
    }
}
