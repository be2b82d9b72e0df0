package dev.ticker.news;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import dev.ticker.web.Sha256;

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

    /**
     * An item's JSON up to its members' array, the members' ids, and the JSON from the array's
     * end; and the last whole item made of them (for each form of the members), with its SHA-256.
     */
    private static final class Fragment {
        final byte[] head;
        final List<UUID> members;
        final byte[] tail;
        private volatile Whole refs;
        private volatile Whole summaries;

        Fragment(byte[] head, List<UUID> members, byte[] tail) {
            this.head = head;
            this.members = members;
            this.tail = tail;
        }

        int weight() {
            return 2 * (head.length + tail.length) + 16 * members.size() + 128;
        }

        /** The whole item with its members as in this directory snapshot (kept until the snapshot changes). */
        RawValue whole(boolean fullMembers, MemberDirectory.Snapshot directory) {
            Whole kept = fullMembers ? summaries : refs;
            if (kept == null || kept.directory() != directory) {
                kept = Whole.of(this, fullMembers, directory);
                if (fullMembers) {
                    summaries = kept;
                } else {
                    refs = kept;
                }
            }
            return RawJson.of(kept.json(), kept.sha256());
        }
    }

    private record Whole(MemberDirectory.Snapshot directory, byte[] json, byte[] sha256) {

        static Whole of(Fragment fragment, boolean fullMembers, MemberDirectory.Snapshot directory) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(fragment.head.length + fragment.tail.length + 256);
            out.writeBytes(fragment.head);
            boolean first = true;
            for (UUID id : fragment.members) {
                MemberDirectory.Entry member = directory.get(id);
                if (member == null) {
                    continue; // members that news items name cannot be deleted: does not happen
                }
                if (!first) {
                    out.write(',');
                }
                out.writeBytes(fullMembers ? member.summary() : member.ref());
                first = false;
            }
            out.writeBytes(fragment.tail);
            byte[] json = out.toByteArray();
            return new Whole(directory, json, Sha256.digest().digest(json));
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
     * left out; one changed since is shown as it is now. (A single item is a page of one.)
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
        Set<UUID> named = new HashSet<>();
        found.values().forEach(fragment -> named.addAll(fragment.members));
        MemberDirectory.Snapshot members = directory.members(named, em);
        List<RawValue> items = new ArrayList<>(keys.size());
        for (ItemKey key : keys) {
            Fragment fragment = found.get(key.id());
            if (fragment != null) {
                items.add(fragment.whole(fullMembers, members));
            }
        }
        return items;
    }

    private Fragment render(NewsItem item) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(NewsResponse.of(item, List.of()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A news item could not be rendered", e);
        }
        int split = indexOf(json, MEMBERS) + MEMBERS.length; // the tail starts with the array's "]"
        Fragment fragment = new Fragment(Arrays.copyOfRange(json, 0, split), item.members.stream().map((Member m) -> m.id).toList(),
                Arrays.copyOfRange(json, split, json.length));
        fragments.put(new ItemKey(item.id, item.version), fragment);
        return fragment;
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
