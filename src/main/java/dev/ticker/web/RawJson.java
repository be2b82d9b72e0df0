package dev.ticker.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.databind.util.RawValue;

/**
 * JSON that is already written, as UTF-8 bytes: Jackson copies it into its output as it is (as a
 * {@link RawValue}), so an item rendered once can be sent in any number of responses and lists
 * without being serialised again. The bytes must be one complete JSON value.
 */
public final class RawJson implements SerializableString {

    private final byte[] utf8;
    private final byte[] sha256;

    private RawJson(byte[] utf8, byte[] sha256) {
        this.utf8 = utf8;
        this.sha256 = sha256;
    }

    /**
     * A value for a response body or a list's item: written as these bytes, whose SHA-256 is
     * {@code sha256} (kept with them, so the ETag of a response made of them needs no hashing of
     * the whole response; see {@link JsonResponses}).
     */
    public static RawValue of(byte[] utf8, byte[] sha256) {
        return new RawValue(new RawJson(utf8, sha256));
    }

    /** The SHA-256 of the bytes. */
    byte[] sha256() {
        return sha256;
    }

    @Override
    public String getValue() {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength() {
        return getValue().length();
    }

    @Override
    public char[] asQuotedChars() {
        return getValue().toCharArray();
    }

    @Override
    public byte[] asUnquotedUTF8() {
        return utf8;
    }

    @Override
    public byte[] asQuotedUTF8() {
        return utf8;
    }

    @Override
    public int appendQuotedUTF8(byte[] buffer, int offset) {
        return appendUnquotedUTF8(buffer, offset);
    }

    @Override
    public int appendQuoted(char[] buffer, int offset) {
        return appendUnquoted(buffer, offset);
    }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + utf8.length > buffer.length) {
            return -1;
        }
        System.arraycopy(utf8, 0, buffer, offset, utf8.length);
        return utf8.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        char[] chars = asQuotedChars();
        if (offset + chars.length > buffer.length) {
            return -1;
        }
        System.arraycopy(chars, 0, buffer, offset, chars.length);
        return chars.length;
    }

    @Override
    public int writeQuotedUTF8(OutputStream out) throws IOException {
        return writeUnquotedUTF8(out);
    }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(utf8);
        return utf8.length;
    }

    @Override
    public int putQuotedUTF8(ByteBuffer buffer) {
        return putUnquotedUTF8(buffer);
    }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < utf8.length) {
            return -1;
        }
        buffer.put(utf8);
        return utf8.length;
    }

    @Override
    public String toString() {
        return getValue();
    }
}
