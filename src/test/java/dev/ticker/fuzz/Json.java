package dev.ticker.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A JSON tree the fuzz test can break on purpose, which no JSON library would write: objects with
 * duplicate keys ({@link Obj} keeps its members in a list), raw fragments that are not JSON
 * ({@link Raw}: {@code NaN}, {@code 01}, a number of 5000 digits) and strings with lone
 * surrogates, written either escaped ({@code \ud800}) or as the raw bytes of ill-formed UTF-8.
 */
final class Json {

    /** JSON null (Java's null is not allowed in the lists). */
    static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** An object; its members in order, duplicates allowed. */
    record Obj(List<Object[]> members) {

        static Obj of(Object... namesAndValues) {
            List<Object[]> members = new ArrayList<>();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                members.add(new Object[] { namesAndValues[i], namesAndValues[i + 1] });
            }
            return new Obj(members);
        }

        Obj copy() {
            List<Object[]> members = new ArrayList<>();
            for (Object[] member : this.members) {
                members.add(new Object[] { member[0], member[1] });
            }
            return new Obj(members);
        }
    }

    /** JSON text written as it is: a number, or a fragment that is not JSON at all. */
    record Raw(String text) {
    }

    private Json() {
    }

    /** The bytes of a value; lone surrogates as raw (ill-formed UTF-8) bytes when {@code rawSurrogates}, else escaped. */
    static byte[] bytes(Object value, boolean rawSurrogates) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(out, value, rawSurrogates);
        return out.toByteArray();
    }

    @SuppressWarnings("unchecked")
    private static void write(ByteArrayOutputStream out, Object value, boolean rawSurrogates) {
        if (value == NULL || value == null) {
            ascii(out, "null");
        } else if (value instanceof Raw raw) {
            out.writeBytes(raw.text().getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof Boolean || value instanceof Number) {
            ascii(out, value.toString());
        } else if (value instanceof String text) {
            string(out, text, rawSurrogates);
        } else if (value instanceof Obj obj) {
            out.write('{');
            boolean first = true;
            for (Object[] member : obj.members()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                string(out, (String) member[0], rawSurrogates);
                out.write(':');
                write(out, member[1], rawSurrogates);
            }
            out.write('}');
        } else if (value instanceof List<?> list) {
            out.write('[');
            boolean first = true;
            for (Object element : (List<Object>) list) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                write(out, element, rawSurrogates);
            }
            out.write(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass());
        }
    }

    private static void string(ByteArrayOutputStream out, String text, boolean rawSurrogates) {
        out.write('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.write('\\');
                out.write(c);
            } else if (c < 0x20) {
                ascii(out, String.format("\\u%04x", (int) c));
            } else if (c < 0x80) {
                out.write(c);
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.writeBytes(text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else if (Character.isSurrogate(c)) {
                if (rawSurrogates) {
                    // what a careless encoder writes for a lone surrogate (CESU-8 / WTF-8): ill-formed UTF-8
                    out.write(0xE0 | (c >> 12));
                    out.write(0x80 | ((c >> 6) & 0x3F));
                    out.write(0x80 | (c & 0x3F));
                } else {
                    ascii(out, String.format("\\u%04x", (int) c));
                }
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        out.write('"');
    }

    private static void ascii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
