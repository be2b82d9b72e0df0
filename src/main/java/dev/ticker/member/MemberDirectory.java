package dev.ticker.member;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.ticker.changes.ContentGeneration;

/**
 * Every member as other resources embed it, rendered to JSON once: news items name their members
 * on every read, and there are few members (tens, a few hundred at most) that rarely change. All
 * of them are read in one statement when first needed, and again after any change to content
 * (through this instance, or announced by the change feed); while the feed is not following they
 * are read for every use.
 */
@ApplicationScoped
public class MemberDirectory {

    /** A member's JSON: its reference (id, slug, name) and its whole summary ({@code include=members}). */
    public record Entry(byte[] ref, byte[] summary) {
    }

    /** All members as read at one moment; the same object until something changes. */
    public record Snapshot(long generation, Map<UUID, Entry> members) {

        /** The member with this id; null for one that did not exist when these were read. */
        public Entry get(UUID id) {
            return members.get(id);
        }
    }

    private final ObjectMapper mapper;
    private final ContentGeneration generation;
    private volatile Snapshot snapshot;

    MemberDirectory(ObjectMapper mapper, ContentGeneration generation) {
        this.mapper = mapper;
        this.generation = generation;
        generation.onChange(() -> snapshot = null);
    }

    /**
     * All members, read in the caller's session when not known since the last change; {@code
     * with}: a member that must be there (one an item names), read again when it is not.
     */
    public Snapshot members(java.util.Collection<UUID> with, EntityManager em) {
        Snapshot current = snapshot;
        if (current != null && generation.current(current.generation()) && current.members().keySet().containsAll(with)) {
            return current;
        }
        return load(em);
    }

    private Snapshot load(EntityManager em) {
        long before = generation.now();
        Map<UUID, Entry> members = new HashMap<>();
        for (Member m : em.createQuery("select m from Member m", Member.class).getResultList()) {
            members.put(m.id, new Entry(json(MemberSummary.ref(m)), json(MemberSummary.of(m))));
        }
        Snapshot loaded = new Snapshot(before, Map.copyOf(members));
        if (generation.current(before)) {
            snapshot = loaded;
        }
        return loaded;
    }

    private byte[] json(MemberSummary summary) {
        try {
            return mapper.writeValueAsBytes(summary);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A member could not be rendered", e);
        }
    }
}
