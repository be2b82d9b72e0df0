package dev.ticker.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * One generated request: its number (with the seed, enough to make it again), what part of it is
 * hostile ({@code focus}), the operation of openapi/openapi.yaml it is aimed at, the raw request
 * target and headers, the body, and the statuses the HTTP layer (Vert.x) may answer it with
 * before any code of Ticker runs, without a problem document: 414 for a request line over the
 * limit, 431 for headers over the limit, 400 for a request that is not well-formed HTTP (bytes a
 * request target or header may not hold, malformed percent-encoding, conflicting framing).
 */
record FuzzCase(long number, String focus, String operation, String method, String target, List<String[]> headers, byte[] body,
        Set<Integer> httpLayer) {

    byte[] toBytes(String host, int port) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (body == null ? 0 : body.length));
        out.writeBytes((method + " ").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(target.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(" HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        boolean hostSent = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Host"));
        if (!hostSent) {
            out.writeBytes(("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        for (String[] header : headers) {
            out.writeBytes((header[0] + ": " + header[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        boolean framed = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Content-Length")
                || h[0].equalsIgnoreCase("Transfer-Encoding"));
        if (body != null && !framed) {
            out.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** The request, shortened, for a failure message. */
    String describe() {
        StringBuilder text = new StringBuilder("#").append(number).append(" [").append(focus).append("] ").append(operation)
                .append("\n    ").append(method).append(' ').append(shorten(target, 300));
        for (String[] header : headers) {
            text.append("\n    ").append(header[0]).append(": ").append(shorten(header[1], 200));
        }
        if (body != null) {
            text.append("\n    (").append(body.length).append(" bytes) ")
                    .append(shorten(new String(body, StandardCharsets.UTF_8), 400));
        }
        return text.toString();
    }

    /** The whole request as text, its target also percent-decoded, to look for what an answer merely echoes. */
    String text() {
        StringBuilder text = new StringBuilder(target).append('\n').append(decoded(target));
        for (String[] header : headers) {
            text.append('\n').append(header[0]).append(": ").append(header[1]);
        }
        if (body != null) {
            text.append('\n').append(new String(body, 0, Math.min(body.length, 300_000), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    /** Percent-decodes what is well-formed and leaves the rest; '+' stays. */
    static String decoded(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && Character.digit(bytes[i + 1], 16) >= 0 && Character.digit(bytes[i + 2], 16) >= 0) {
                out.write(Character.digit(bytes[i + 1], 16) * 16 + Character.digit(bytes[i + 2], 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String shorten(String text, int max) {
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= max ? printable : printable.substring(0, max) + "…(" + text.length() + " chars)";
    }
}
