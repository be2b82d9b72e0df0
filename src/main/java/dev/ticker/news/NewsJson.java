package dev.ticker.news;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.RawValue;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.ticker.TickerConfig;
import dev.ticker.list.ItemKey;
import dev.ticker.member.Member;
import dev.ticker.member.MemberDirectory;
import dev.ticker.web.RawJson;

/**
 * News items rendered to JSON once per version. A version of an item never changes, so what it
 * looks like is kept (up to {@code ticker.cache.fragment-bytes}) and a list page or a single
 * read only has to find out which versions to show: one narrow statement. The members an item
 * names are the one part that changes without a new version of the item (a member renamed), so
 * they are not part of the kept JSON but inserted from the {@link MemberDirectory} on every read.
 * The bytes are exactly those Jackson writes for a {@link NewsResponse}, so the ETag of a read is
 * the same whichever way it was made (the write paths' If-Match compares with it).
 */
@ApplicationScoped
class NewsJson {

    private static final byte[] MEMBERS = "\"members\":[".getBytes(StandardCharsets.UTF_8);

    /** An item's JSON up to its members' array, the members' ids, and the JSON from the array's end. */
    private record Fragment(byte[] head, List<UUID> members, byte[] tail) {
        int weight() {
            return head.length + tail.length + 16 * members.size() + 64;
        }
    }

    private final Cache<ItemKey, Fragment> fragments;
    private final ObjectMapper mapper;
    private final MemberDirectory directory;

    NewsJson(ObjectMapper mapper, MemberDirectory directory, TickerConfig config) {
        this.mapper = mapper;
        this.directory = directory;
        this.fragments = Caffeine.newBuilder().maximumWeight(config.cache().fragmentBytes())
                .weigher((ItemKey key, Fragment fragment) -> fragment.weight()).build();
    }

    /**
     * The items of a page in its order, as raw JSON; the ones not rendered yet are read (one
     * statement, and one for their members) and kept. An item deleted since the page was read is
     * left out; one changed since is shown as it is now.
     */
    List<RawValue> items(List<ItemKey> keys, boolean fullMembers, EntityManager em) {
        Map<UUID, Fragment> found = new HashMap<>();
        List<UUID> missing = new ArrayList<>();
        for (ItemKey key : keys) {
            Fragment fragment = fragments.getIfPresent(key);
            if (fragment != null) {
                found.put(key.id(), fragment);
            } else {
                missing.add(key.id());
            }
        }
        if (!missing.isEmpty()) {
            for (NewsItem item : em.createQuery("select n from NewsItem n where n.id in :ids", NewsItem.class)
                    .setParameter("ids", missing).getResultList()) {
                found.put(item.id, render(item));
            }
        }
        List<RawValue> items = new ArrayList<>(keys.size());
        for (ItemKey key : keys) {
            Fragment fragment = found.get(key.id());
            if (fragment != null) {
                items.add(RawJson.of(assemble(fragment, fullMembers, em)));
            }
        }
        return items;
    }

    /** One item as raw JSON, rendered from the entity unless this version is kept. */
    RawValue item(NewsItem item, boolean fullMembers, EntityManager em) {
        Fragment fragment = fragments.getIfPresent(new ItemKey(item.id, item.version));
        return RawJson.of(assemble(fragment != null ? fragment : render(item), fullMembers, em));
    }

    /** One item by its key as raw JSON, or null when it is no longer there. */
    RawValue item(ItemKey key, boolean fullMembers, EntityManager em) {
        List<RawValue> items = items(List.of(key), fullMembers, em);
        return items.isEmpty() ? null : items.get(0);
    }

    private Fragment render(NewsItem item) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(NewsResponse.of(item, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A news item could not be rendered", e);
        }
        int at = indexOf(json, MEMBERS);
        int split = at + MEMBERS.length; // the tail starts with the array's "]"
        byte[] head = java.util.Arrays.copyOfRange(json, 0, split);
        byte[] tail = java.util.Arrays.copyOfRange(json, split, json.length);
        Fragment fragment = new Fragment(head, item.members.stream().map((Member m) -> m.id).toList(), tail);
        fragments.put(new ItemKey(item.id, item.version), fragment);
        return fragment;
    }

    private byte[] assemble(Fragment fragment, boolean fullMembers, EntityManager em) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(fragment.head().length + fragment.tail().length + 256);
        out.writeBytes(fragment.head());
        boolean first = true;
        for (UUID id : fragment.members()) {
            MemberDirectory.Entry member = directory.get(id, em);
            if (member == null) {
                continue; // deleted since: members that news items name cannot be deleted, so this does not happen
            }
            if (!first) {
                out.write(',');
            }
            out.writeBytes(fullMembers ? member.summary() : member.ref());
            first = false;
        }
        out.writeBytes(fragment.tail());
        return out.toByteArray();
    }

    /**
     * Where the members' array starts. A key written as {@code "members":} can only be the
     * record's own: inside a string every quote is escaped, and the item's nested objects (image,
     * links, region) have no such key.
     */
    private static int indexOf(byte[] json, byte[] part) {
        outer:
        for (int i = 0; i <= json.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (json[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("A news item's JSON has no members");
    }
}
