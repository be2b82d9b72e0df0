package dev.ticker.web;

import java.net.URI;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;

import dev.ticker.TickerConfig;
import dev.ticker.content.Precondition;
import dev.ticker.list.ListEnvelope;
import dev.ticker.list.Page;

/**
 * Builds JSON responses with the HTTP caching rules of the contract: a strong ETag (a hash of
 * the exact bytes sent), Cache-Control public for anonymous reads and private for reads with a
 * token, and the list envelope with its Link header. The read cache sends cached reads with the
 * same headers from here, and answers a matching If-None-Match with a 304 once the response is
 * stored.
 */
@ApplicationScoped
public class JsonResponses {

    private static final String VARY = "Accept, Accept-Encoding, Authorization";

    private final ObjectMapper mapper;
    private final int maxAge;

    JsonResponses(ObjectMapper mapper, TickerConfig config) {
        this.mapper = mapper;
        this.maxAge = config.cache().maxAge();
    }

    /** A GET of one item, optionally cut down to a sparse fieldset. */
    public Response item(Object body, Set<String> fields, HttpHeaders headers) {
        return read(fields == null ? body : select(body, fields), headers, null);
    }

    /** A GET of a list: the envelope, and a Link header to the next page. */
    public <T> Response list(Page<T> page, Set<String> fields, UriInfo uri, HttpHeaders headers) {
        List<Object> items = new ArrayList<>(page.items().size());
        for (T item : page.items()) {
            items.add(fields == null ? item : select(item, fields));
        }
        ListEnvelope<Object> envelope = new ListEnvelope<>(items, new ListEnvelope.PageInfo(page.limit(), page.total(), page.next(),
                page.totalCapped() ? Boolean.TRUE : null));
        String link = page.next() == null ? null
                : "<" + uri.getRequestUriBuilder().replaceQueryParam("cursor", page.next()).build() + ">; rel=\"next\"";
        return read(envelope, headers, link);
    }

    /** The answer to a successful POST: 201, Location and the whole resource with its ETag. */
    public Response created(URI location, Object body) {
        byte[] bytes = bytes(body);
        return Response.created(location).type(MediaType.APPLICATION_JSON_TYPE).tag(etag(bytes))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").entity(bytes).build();
    }

    /** The answer to a successful PUT or PATCH: 200 and the whole resource with its ETag. */
    public Response updated(Object body) {
        byte[] bytes = bytes(body);
        return Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE).tag(etag(bytes))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    /**
     * The precondition of an If-Match header: the current representation must have one of the
     * ETags it names (or any, for {@code *}). No header: no precondition. The ETag is that of the
     * plain GET, which every write also returns.
     */
    public Precondition ifMatch(String header) {
        if (header == null) {
            return Precondition.NONE;
        }
        return current -> {
            String etag = etag(bytes(current)).toString();
            for (String candidate : header.split(",")) {
                String tag = candidate.trim();
                if (tag.equals("*") || tag.equals(etag)) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * A GET of another representation of the content (an e-mail, a feed, a calendar, JSON-LD):
     * the exact bytes with the same ETag, Cache-Control and Vary as a JSON read, so that
     * conditional GETs and the read cache work for it alike.
     */
    public Response representation(byte[] body, MediaType type, HttpHeaders headers) {
        Response.ResponseBuilder builder = Response.ok(body, type);
        readHeaders(etag(body).toString(), null, headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null, builder::header);
        typeHeaders(type.toString(), builder::header);
        return builder.build();
    }

    /**
     * The headers a representation needs for its media type: an HTML document (the e-mail) may
     * run no script and load nothing but pictures (a strict Content-Security-Policy), and is
     * never sniffed as anything else. The read cache sends cached representations with them too.
     */
    public static void typeHeaders(String contentType, BiConsumer<String, String> header) {
        if (contentType != null && contentType.startsWith(MediaType.TEXT_HTML)) {
            header.accept("Content-Security-Policy", HTML_POLICY);
            header.accept("X-Content-Type-Options", "nosniff");
        }
    }

    /** No scripts, no frames, no forms, no fonts or styles from elsewhere: pictures and inline styles only. */
    public static final String HTML_POLICY = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private Response read(Object body, HttpHeaders headers, String link) {
        byte[] bytes = bytes(body);
        Response.ResponseBuilder builder = Response.ok(bytes, MediaType.APPLICATION_JSON_TYPE);
        // a matching If-None-Match turns this into a 304 in ReadCacheFilter, after the bytes are cached
        readHeaders(etag(body, bytes).toString(), link, headers.getHeaderString(HttpHeaders.AUTHORIZATION) != null, builder::header);
        return builder.build();
    }

    /**
     * The headers of a read: its ETag (quoted), Cache-Control (public for anonymous reads,
     * private for reads with a token), Vary and the Link to the next page. The REST layer's reads
     * and the read cache's answers get them from here.
     */
    public void readHeaders(String etag, String link, boolean withToken, BiConsumer<String, String> header) {
        header.accept(HttpHeaders.ETAG, etag);
        header.accept(HttpHeaders.CACHE_CONTROL, withToken ? "private, no-cache" : "public, max-age=" + maxAge);
        header.accept(HttpHeaders.VARY, VARY);
        if (link != null) {
            header.accept("Link", link);
        }
    }

    /** Whether an If-None-Match header names this ETag (the quoted value), so a 304 answers it. */
    public static boolean matches(String ifNoneMatch, String value) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            // weak comparison, as RFC 9110 asks for If-None-Match
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private ObjectNode select(Object body, Set<String> fields) {
        ObjectNode node;
        if (body instanceof RawValue raw && raw.rawValue() instanceof SerializableString json) { // rendered before (RawJson)
            try {
                node = (ObjectNode) mapper.readTree(json.asUnquotedUTF8());
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Rendered JSON could not be read", e);
            }
        } else {
            node = mapper.valueToTree(body);
        }
        node.retain(fields);
        return node;
    }

    private byte[] bytes(Object body) {
        try {
            return body instanceof JsonNode node ? mapper.writeValueAsBytes(node) : mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response could not be serialised", e);
        }
    }

    private static EntityTag etag(byte[] bytes) {
        return etagOf(Sha256.digest().digest(bytes));
    }

    /**
     * The ETag of a read made of JSON rendered before ({@link RawJson}), without hashing the whole
     * response again: an item's is the SHA-256 of its bytes, as for any read; a list's is the
     * SHA-256 of its items' SHA-256s and of its page information, which together determine every
     * byte of it (so it changes whenever the bytes change: a strong validator). Otherwise the
     * SHA-256 of the bytes.
     */
    private EntityTag etag(Object body, byte[] bytes) {
        if (body instanceof RawValue raw && raw.rawValue() instanceof RawJson json) {
            return etagOf(json.sha256());
        }
        if (body instanceof ListEnvelope<?> envelope && !envelope.items().isEmpty()
                && envelope.items().stream().allMatch(item -> item instanceof RawValue raw && raw.rawValue() instanceof RawJson)) {
            MessageDigest digest = Sha256.digest();
            for (Object item : envelope.items()) {
                digest.update(((RawJson) ((RawValue) item).rawValue()).sha256());
            }
            digest.update(bytes(envelope.page()));
            return etagOf(digest.digest());
        }
        return etag(bytes);
    }

    private static EntityTag etagOf(byte[] sha256) {
        return new EntityTag(Base64.getUrlEncoder().withoutPadding().encodeToString(sha256).substring(0, 27));
    }
}
