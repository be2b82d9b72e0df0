package dev.ticker.content;

import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;

/** Slugs made from titles, with German transliteration: "Lecos eröffnet Ideencampus" → "lecos-eroeffnet-ideencampus". */
public final class Slugs {

    public static final int MAX_LENGTH = 80;
    private static final java.util.regex.Pattern CANONICAL_UUID = java.util.regex.Pattern.compile(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private static final java.util.regex.Pattern SLUG = java.util.regex.Pattern.compile(Validation.SLUG);
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("[1-9][0-9]{0,8}");

    private Slugs() {
    }

    public static String of(String title) {
        String text = Normalizer.normalize(title, Normalizer.Form.NFC).replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
                .replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
                .replace("ß", "ss").replace("ẞ", "SS");
        text = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        text = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (text.length() > MAX_LENGTH) {
            text = text.substring(0, MAX_LENGTH);
            int cut = text.lastIndexOf('-');
            text = cut > MAX_LENGTH / 2 ? text.substring(0, cut) : text.replaceAll("-+$", "");
        }
        return text.isEmpty() ? UUID.randomUUID().toString().substring(0, 8) : text;
    }

    /**
     * The number a path segment or parameter names (issues are addressed by number: "20"), or
     * null when it is not a positive whole number of at most nine digits.
     */
    public static Integer asNumber(String text) {
        return NUMBER.matcher(text).matches() ? Integer.valueOf(text) : null;
    }

    /** Whether this text has the form of a slug (what no slug can be names nothing: no need to ask the database). */
    public static boolean isSlug(String text) {
        return SLUG.matcher(text).matches();
    }

    /** Whether a path segment is a UUID rather than a slug. */
    public static UUID asUuid(String idOrSlug) {
        // UUID.fromString is lenient ("1-1-1-1-1"): accept only the canonical form
        if (!CANONICAL_UUID.matcher(idOrSlug).matches()) {
            return null;
        }
        try {
            return UUID.fromString(idOrSlug);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
