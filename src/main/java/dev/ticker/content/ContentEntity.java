package dev.ticker.content;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import jakarta.persistence.PrePersist;
import jakarta.persistence.PreUpdate;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What every stored resource has: a UUID, a unique slug, timestamps and a version that rises
 * with every change and guards against lost updates (optimistic locking).
 * <p>
 * Content entities are Panache active records: public fields, whose reads Panache turns into
 * accessor calls everywhere (so a lazy relation such as an event's organiser loads when read),
 * and {@code persist}/{@code delete} on the entity. The shared life cycle ({@link ContentService})
 * is generic over the type, so its queries go through the session's {@code EntityManager}.
 */
@MappedSuperclass
public abstract class ContentEntity extends PanacheEntityBase {

    @Id
    public UUID id = UUID.randomUUID();

    @Column(nullable = false)
    public String slug;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public Integer version = 1;

    @PrePersist
    void created() {
        createdAt = now();
        updatedAt = createdAt;
    }

    @PreUpdate
    void updated() {
        updatedAt = now();
    }

    /** Timestamps are kept to the second, the precision the API shows. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS);
    }
}
