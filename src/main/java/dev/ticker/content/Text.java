package dev.ticker.content;

/**
 * Text is stored exactly as sent, so what PostgreSQL cannot store (NUL), what would be silently
 * mangled (lone surrogates), invisible control characters and the noncharacters U+FFFE and U+FFFF
 * are refused, in bodies and in query parameters alike (tab, CR and LF are fine). What is left is
 * text that XML 1.0 can hold, so no stored value or filter can break the Atom feed.
 */
public final class Text {

    private Text() {
    }

    /** Why a text value is refused, or null when it is fine. */
    public static String problemOf(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return "contains a control character (U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate";
            }
            if (c == 0xfffe || c == 0xffff) {
                return "contains a noncharacter (U+" + String.format("%04X", (int) c) + ")";
            }
        }
        return null;
    }
}
