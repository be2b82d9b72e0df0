package dev.ticker.news;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndCategoryImpl;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEnclosure;
import com.rometools.rome.feed.synd.SyndEnclosureImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;

import dev.ticker.TickerConfig;
import dev.ticker.content.Status;
import dev.ticker.list.Filter;
import dev.ticker.list.ListRequest;
import dev.ticker.list.ListSpec;
import dev.ticker.member.MemberSummary;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The news as feeds for feed readers and mailing tools: Atom 1.0 (RFC 4287) and JSON Feed 1.1.
 * Both carry the newest published news items ({@code ticker.feed.size}, newest
 * {@code publishedAt} first), filtered by {@code tag}, {@code member} and {@code state} exactly
 * as the news list filters them. A feed is a subscription, so it carries published items only,
 * also for a caller with a token: a feed reader that was given an editor's token never shows
 * drafts to whoever reads along.
 */
@ApplicationScoped
class NewsFeeds {

    static final String ATOM = "application/atom+xml";
    static final String JSON_FEED = "application/feed+json";
    /** What a feed takes: the filters of the news list that make sense for a subscription. */
    static final List<Filter<String>> FILTERS = List.of(NewsService.MEMBER, NewsService.STATE, NewsService.TAG);

    private static final String TITLE = "VITAKO-Branchenticker: Meldungen";
    private static final String DESCRIPTION = "Die neuesten Meldungen aus dem Newsletter der VITAKO, "
            + "der Bundes-Arbeitsgemeinschaft der Kommunalen IT-Dienstleister.";
    private static final String PUBLISHER = "VITAKO";
    private static final String LANGUAGE = "de";
    /** The {@code updated} of a feed without items: any fixed moment keeps its ETag stable. */
    private static final Instant NEVER = Instant.EPOCH;

    private final NewsService news;
    private final TickerConfig config;
    private final ObjectMapper mapper;
    private final SecurityIdentity caller;

    NewsFeeds(NewsService news, TickerConfig config, ObjectMapper mapper, SecurityIdentity caller) {
        this.news = news;
        this.config = config;
        this.mapper = mapper;
        this.caller = caller;
    }

    /** Where a feed is asked for: the API's base URI (for absolute links) and the feed's own URI. */
    record Request(Map<String, List<String>> query, URI base, URI self) {
    }

    /** The Atom 1.0 feed, UTF-8. */
    byte[] atom(Request request) {
        List<NewsResponse> items = newest(request.query());
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setEncoding(StandardCharsets.UTF_8.name());
        feed.setUri(request.self().toString());
        feed.setTitle(title(request.query()));
        feed.setDescription(DESCRIPTION);
        feed.setLanguage(LANGUAGE);
        feed.setPublishedDate(Date.from(updated(items))); // Atom's feed-level <updated>
        feed.setLinks(List.of(link("self", ATOM, request.self().toString()),
                link("alternate", "text/html", config.email().website())));
        feed.setAuthors(List.of(person(PUBLISHER, config.email().website())));
        List<SyndEntry> entries = new ArrayList<>(items.size());
        for (NewsResponse item : items) {
            entries.add(entry(item, request.base()));
        }
        feed.setEntries(entries);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Writer writer = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
            new SyndFeedOutput().output(feed, writer, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FeedException e) {
            throw new IllegalStateException("The Atom feed could not be written", e);
        }
        return bytes.toByteArray();
    }

    /** The JSON Feed 1.1, UTF-8. */
    byte[] json(Request request) {
        List<NewsResponse> items = newest(request.query());
        List<JsonFeed.Item> written = new ArrayList<>(items.size());
        for (NewsResponse item : items) {
            written.add(jsonItem(item, request.base()));
        }
        JsonFeed feed = new JsonFeed(JsonFeed.VERSION, title(request.query()), config.email().website(),
                request.self().toString(), DESCRIPTION, LANGUAGE, List.of(new JsonFeed.Author(PUBLISHER, config.email().website())),
                written);
        try {
            return mapper.writeValueAsBytes(feed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The JSON Feed could not be written", e);
        }
    }

    /**
     * The newest published items the query selects. Only the news list's filters that a feed
     * takes are accepted (anything else is a 400 naming them); their values are read by the news
     * list's own declaration, so a bad value is the same 400 as on the list.
     */
    private List<NewsResponse> newest(Map<String, List<String>> query) {
        ListSpec.only(query, FILTERS.stream().map(Filter::name).collect(java.util.stream.Collectors.toSet()));
        ListRequest<NewsItem> parsed = NewsService.LIST.parse(query, caller);
        Map<Filter<?>, Object> filters = new LinkedHashMap<>(parsed.filters());
        filters.put(NewsService.STATUS, EnumSet.of(Status.PUBLISHED)); // a subscription: published only, whoever asks
        return news.list(new ListRequest<>(config.feed().size(), parsed.sort(), null, null, filters, Set.of(), null)).items();
    }

    private SyndEntry entry(NewsResponse item, URI base) {
        SyndEntry entry = new SyndEntryImpl();
        entry.setUri(id(item));
        entry.setTitle(item.title());
        entry.setLink(itemUrl(base, item));
        entry.setPublishedDate(date(item.publishedAt()));
        entry.setUpdatedDate(date(item.updatedAt()));
        // an item without related members has no author of its own: the feed's (the association) stands for it
        entry.setAuthors(item.members().stream().map(m -> person(m.name(), memberUrl(base, m))).toList());
        entry.setCategories(item.tags().stream().map(NewsFeeds::category).toList());
        if (blankToNull(item.teaser()) != null) {
            entry.setDescription(content("text", item.teaser())); // Atom's <summary>
        }
        if (blankToNull(item.bodyHtml()) != null) {
            entry.setContents(List.of(content("html", item.bodyHtml())));
        }
        if (item.image() != null && item.image().url() != null) {
            SyndEnclosure image = new SyndEnclosureImpl();
            image.setUrl(item.image().url());
            image.setType(URLConnection.guessContentTypeFromName(item.image().url())); // null when unknown: left out
            entry.setEnclosures(List.of(image));
        }
        return entry;
    }

    private static JsonFeed.Item jsonItem(NewsResponse item, URI base) {
        String html = blankToNull(item.bodyHtml());
        String teaser = blankToNull(item.teaser());
        // JSON Feed wants content in every item: an item without a body has its teaser (or title) as text
        String text = html != null ? null : teaser != null ? teaser : item.title();
        List<JsonFeed.Author> authors = item.members().stream().map(m -> new JsonFeed.Author(m.name(), memberUrl(base, m))).toList();
        return new JsonFeed.Item(id(item), itemUrl(base, item), item.title(), html, text, teaser,
                item.image() == null ? null : item.image().url(), item.publishedAt(), item.updatedAt(), authors, item.tags());
    }

    /** A title that tells apart the feeds of different filters, for readers that subscribe to several. */
    private static String title(Map<String, List<String>> query) {
        List<String> parts = new ArrayList<>();
        for (Filter<String> filter : FILTERS) {
            List<String> values = query.get(filter.name());
            if (values != null && !values.isEmpty()) {
                parts.add(filter.name() + ": " + values.get(0));
            }
        }
        return parts.isEmpty() ? TITLE : TITLE + " (" + String.join(", ", parts) + ")";
    }

    /** The newest change of what the feed shows. */
    private static Instant updated(List<NewsResponse> items) {
        return items.stream().map(NewsResponse::updatedAt).max(Comparator.naturalOrder()).orElse(NEVER);
    }

    /** Stable whatever the host, the slug or the title: the item's UUID as a URN. */
    private static String id(NewsResponse item) {
        return "urn:uuid:" + item.id();
    }

    private static String itemUrl(URI base, NewsResponse item) {
        return base.resolve("v1/news/" + item.slug()).toString();
    }

    private static String memberUrl(URI base, MemberSummary member) {
        return base.resolve("v1/members/" + member.slug()).toString();
    }

    private static SyndLink link(String rel, String type, String href) {
        SyndLink link = new SyndLinkImpl();
        link.setRel(rel);
        link.setType(type);
        link.setHref(href);
        return link;
    }

    private static SyndPerson person(String name, String uri) {
        SyndPerson person = new SyndPersonImpl();
        person.setName(name);
        person.setUri(uri);
        return person;
    }

    private static SyndCategory category(String tag) {
        SyndCategory category = new SyndCategoryImpl();
        category.setName(tag);
        return category;
    }

    private static SyndContent content(String type, String value) {
        SyndContent content = new SyndContentImpl();
        content.setType(type);
        content.setValue(value);
        return content;
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** A JSON Feed 1.1 document (https://www.jsonfeed.org/version/1.1/); properties without a value are left out. */
    @Schema(name = "JsonFeed", description = "The news as a JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/).")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record JsonFeed(
            @Schema(description = "The JSON Feed version.", examples = VERSION, required = true) String version,
            @Schema(description = "The feed's title; it names the filters, if any.", examples = TITLE, required = true) String title,
            @Schema(description = "The association's web site.", examples = "https://www.vitako.de")
            @JsonProperty("home_page_url") String homePageUrl,
            @Schema(description = "This feed's own URL.", examples = "https://ticker.example/v1/news/feed.json?tag=Open%20Source")
            @JsonProperty("feed_url") String feedUrl,
            @Schema(description = "What the feed is.") String description,
            @Schema(description = "The language of the feed (RFC 5646).", examples = LANGUAGE) String language,
            @Schema(description = "Who publishes the feed.") List<Author> authors,
            @Schema(description = "The newest published news items, newest first.", required = true) List<Item> items) {

        static final String VERSION = "https://jsonfeed.org/version/1.1";

        /** An author: the association for the feed, a related member for an item. */
        @Schema(name = "JsonFeedAuthor", description = "An author: the association for the feed, the related members for an item.")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        record Author(
                @Schema(description = "The name.", examples = "Lecos GmbH", required = true) String name,
                @Schema(description = "Where to learn more: the association's web site, a member's URL in this API.",
                        examples = "https://ticker.example/v1/members/lecos") String url) {
        }

        /** A news item; {@code content_text} only when the item has no body. */
        @Schema(name = "JsonFeedItem", description = "A news item in the JSON Feed.")
        @JsonInclude(JsonInclude.Include.NON_EMPTY)
        record Item(
                @Schema(description = "Stable identifier: the item's id as a URN.", examples = "urn:uuid:5f0c7a2e-8d1b-4c3e-9f4a-2b6d8e0a1c35",
                        required = true) String id,
                @Schema(description = "The item in this API (absolute URL).",
                        examples = "https://ticker.example/v1/news/lecos-eroeffnet-ideencampus-fuer-dialog-und-kompetenzbuendelung") String url,
                @Schema(description = "Headline, as plain text.", examples = "Lecos eröffnet Ideencampus für Dialog und Kompetenzbündelung") String title,
                @Schema(description = "The body as sanitised HTML.", examples = "<p>So soll der Dialog zu <strong>Themen der digitalen Verwaltung</strong> gefördert werden.</p>")
                @JsonProperty("content_html") String contentHtml,
                @Schema(description = "Plain text, only for an item without a body: its teaser, or else its title.")
                @JsonProperty("content_text") String contentText,
                @Schema(description = "Short lead text.", examples = "Lecos hat in Leipzig den „Ideencampus“ eröffnet.") String summary,
                @Schema(description = "URL of the item's picture.", examples = "https://www.vitako.de/bilder/jubilaeum-20-jahre.jpg") String image,
                @Schema(description = "When it was published (RFC 3339).", examples = "2025-11-12T08:00:00Z")
                @JsonProperty("date_published") Instant datePublished,
                @Schema(description = "When it last changed (RFC 3339).", examples = "2025-11-12T08:00:00Z")
                @JsonProperty("date_modified") Instant dateModified,
                @Schema(description = "The related members.") List<Author> authors,
                @Schema(description = "Keywords.", examples = "[\"Open Source\"]") List<String> tags) {
        }
    }
}
