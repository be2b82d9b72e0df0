package dev.ticker.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * schema.org JSON-LD, the representation search engines read (a job's {@code JobPosting}, an
 * event's {@code Event}): content negotiation, the nodes and the document. See docs/outputs.md.
 */
public final class JsonLd {

    public static final String MEDIA_TYPE = "application/ld+json";
    public static final MediaType TYPE = MediaType.valueOf(MEDIA_TYPE);
    /** The vocabulary; enumeration members are written as its absolute URLs. */
    public static final String CONTEXT = "https://schema.org";

    private JsonLd() {
    }

    /**
     * Whether the client prefers JSON-LD to JSON: its Accept, in order of preference (q), names
     * application/ld+json before anything that admits JSON. A wildcard gets JSON, the default, and so
     * does an Accept that cannot be read, as the REST layer treats it for every other read.
     */
    public static boolean preferred(HttpHeaders headers) {
        List<MediaType> accepted;
        try {
            accepted = headers.getAcceptableMediaTypes(); // most preferred first
        } catch (IllegalArgumentException e) {
            return false; // an Accept that is not a list of media types (empty, ";;;") states no preference: JSON
        }
        for (MediaType acceptable : accepted) {
            if (acceptable.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (!acceptable.isWildcardSubtype() && acceptable.isCompatible(TYPE)) {
                return true;
            }
        }
        return false;
    }

    /** A node of the given schema.org type, to fill in order. */
    public static Map<String, Object> node(String type) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("@type", type);
        return node;
    }

    /** The document with its {@code @context}, as bytes, safe to embed in a {@code <script>} element. */
    public static byte[] document(ObjectMapper mapper, Map<String, Object> item) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("@context", CONTEXT);
        document.putAll(item);
        try {
            return mapper.writer().with(HtmlSafe.INSTANCE).writeValueAsBytes(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON-LD could not be serialised", e);
        }
    }

    /**
     * JSON-LD is embedded in HTML in a {@code <script>} element, where "</script>" in a title would
     * end it: {@code <}, {@code >} and {@code &} are written as \\u escapes, which JSON reads as
     * the same characters.
     */
    private static final class HtmlSafe extends CharacterEscapes {

        static final HtmlSafe INSTANCE = new HtmlSafe();
        private static final int[] ESCAPES = standardAsciiEscapesForJSON();

        static {
            ESCAPES['<'] = ESCAPE_STANDARD;
            ESCAPES['>'] = ESCAPE_STANDARD;
            ESCAPES['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ESCAPES;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }
}
