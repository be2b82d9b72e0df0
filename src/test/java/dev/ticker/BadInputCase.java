package dev.ticker;

import static dev.ticker.Fixtures.ADMIN_TOKEN;
import static dev.ticker.Fixtures.MERGE_PATCH;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * One bad request and the status the contract asks for; {@code mentions} must be in the problem's
 * {@code detail} (for a 422: one of its {@code errors[].field}). Targets, bodies and
 * {@code mentions} may hold placeholders of {@link BadInputTargets}, resolved when the case runs.
 */
public record BadInputCase(String name, String method, String target, String contentType, String json, Supplier<byte[]> bytes,
        int status, String mentions, Auth auth, Map<String, String> headers, Transport transport) {

    public static final String JSON = "application/json";

    /** Who the request claims to be. */
    public enum Auth {
        ADMIN, NONE, WRONG_TOKEN, NOT_BEARER
    }

    /** How it is sent: a plain socket for what HTTP clients refuse to send (bad escapes, a body of unknown length). */
    public enum Transport {
        REST_ASSURED, SOCKET, SOCKET_CHUNKED
    }

    /** What came back, whichever way the request went. */
    public record Answer(int status, String contentType, String body) {
    }

    // --- building ------------------------------------------------------------------------------

    public static BadInputCase get(String name, String target, int status) {
        return send(name, "GET", target, null, null, status);
    }

    public static BadInputCase send(String name, String method, String target, String contentType, String json, int status) {
        return new BadInputCase(name, method, target, contentType, json, null, status, null, Auth.ADMIN, Map.of(), Transport.REST_ASSURED);
    }

    public static BadInputCase post(String name, String target, String json, int status) {
        return send(name, "POST", target, JSON, json, status);
    }

    public static BadInputCase put(String name, String target, String json, int status) {
        return send(name, "PUT", target, JSON, json, status);
    }

    public static BadInputCase patch(String name, String target, String json, int status) {
        return send(name, "PATCH", target, MERGE_PATCH, json, status);
    }

    public static BadInputCase delete(String name, String target, int status) {
        return send(name, "DELETE", target, null, null, status);
    }

    /** A write of the given method with its usual media type: JSON, or for PATCH a merge patch. */
    public static BadInputCase write(String name, String method, String target, String json, int status) {
        return send(name, method, target, method.equals("PATCH") ? MERGE_PATCH : method.equals("DELETE") ? null : JSON, json, status);
    }

    public static BadInputCase raw(String name, String method, String target, String contentType, byte[] bytes, int status) {
        return new BadInputCase(name, method, target, contentType, null, () -> bytes, status, null, Auth.ADMIN, Map.of(),
                Transport.REST_ASSURED);
    }

    /** A JSON object with one 10 MB string property, built only when the case runs: 413. */
    public static BadInputCase huge(String name, String method, String target, String contentType, String prefix, String property) {
        return new BadInputCase(name, method, target, contentType, null, BadInputChecks.hugeJson(prefix, property), 413, null,
                Auth.ADMIN, Map.of(), Transport.REST_ASSURED);
    }

    public BadInputCase mentioning(String text) {
        return new BadInputCase(name, method, target, contentType, json, bytes, status, text, auth, headers, transport);
    }

    public BadInputCase as(Auth other) {
        return new BadInputCase(name, method, target, contentType, json, bytes, status, mentions, other, headers, transport);
    }

    public BadInputCase with(String header, String value) {
        Map<String, String> more = new HashMap<>(headers);
        more.put(header, value);
        return new BadInputCase(name, method, target, contentType, json, bytes, status, mentions, auth, Map.copyOf(more), transport);
    }

    public BadInputCase over(Transport other) {
        return new BadInputCase(name, method, target, contentType, json, bytes, status, mentions, auth, headers, other);
    }

    @Override
    public String toString() {
        return name;
    }

    // --- sending -------------------------------------------------------------------------------

    /** Sends the case, its placeholders resolved, and answers what came back. */
    public Answer send() throws IOException, InterruptedException {
        byte[] body = json != null ? BadInputTargets.resolve(json).getBytes(StandardCharsets.UTF_8)
                : bytes != null ? resolvePrefix(bytes.get()) : null;
        String path = BadInputTargets.resolve(target);
        if (transport != Transport.REST_ASSURED) {
            return overSocket(path, body, transport == Transport.SOCKET_CHUNKED);
        }
        RequestSpecification request = given().urlEncodingEnabled(false);
        String authorization = authorization();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach((header, value) -> request.header(header, BadInputTargets.resolve(value)));
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (body != null && contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            // REST Assured only sends form bodies given as text
            request.body(new String(body, StandardCharsets.UTF_8));
        } else if (body != null) {
            request.body(body);
        }
        Response response = request.request(method, path);
        return new Answer(response.statusCode(), response.contentType(), response.asString());
    }

    private String authorization() {
        return switch (auth) {
            case ADMIN -> "Bearer " + ADMIN_TOKEN;
            case WRONG_TOKEN -> "Bearer not-a-valid-token-" + ADMIN_TOKEN;
            case NOT_BEARER -> "Basic " + Base64.getEncoder().encodeToString(("admin:" + ADMIN_TOKEN).getBytes(StandardCharsets.UTF_8));
            case NONE -> null;
        };
    }

    /** Placeholders in a byte body appear only in its short ASCII prefix; the huge rest is left as it is. */
    private static byte[] resolvePrefix(byte[] body) {
        int prefix = Math.min(body.length, 200);
        String head = new String(body, 0, prefix, StandardCharsets.ISO_8859_1);
        if (!head.contains("$")) {
            return body;
        }
        byte[] resolved = BadInputTargets.resolve(head).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 100);
        out.writeBytes(resolved);
        out.write(body, prefix, body.length - prefix);
        return out.toByteArray();
    }

    /**
     * One HTTP/1.1 exchange over a plain socket. The body is written by a second thread while
     * this one reads, so an answer the server sends before it has read everything (413) is seen.
     */
    private Answer overSocket(String path, byte[] body, boolean chunked) throws IOException, InterruptedException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                    .append("Host: localhost\r\nConnection: close\r\n");
            String authorization = authorization();
            if (authorization != null) {
                head.append("Authorization: ").append(authorization).append("\r\n");
            }
            headers.forEach((header, value) -> head.append(header).append(": ").append(BadInputTargets.resolve(value)).append("\r\n"));
            if (contentType != null) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            if (body != null) {
                head.append(chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\n");
            }
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = new Thread(() -> {
                try {
                    if (body != null && chunked) {
                        for (int from = 0; from < body.length; from += 65536) {
                            int length = Math.min(65536, body.length - from);
                            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                            out.write(body, from, length);
                            out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                        }
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    } else if (body != null) {
                        out.write(body);
                    }
                    out.flush();
                } catch (IOException e) {
                    // the server may answer and close before it has read the whole body
                }
            });
            writer.start();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) != -1;) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketException e) {
                if (received.size() == 0) {
                    throw e;
                }
            }
            writer.join(30_000);
            return parse(received.toByteArray());
        }
    }

    private static Answer parse(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertTrue(end > 0, "an HTTP response: " + text);
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).trim();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = Arrays.copyOfRange(response, end + 4, response.length);
        if (chunked) {
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            int at = 0;
            while (true) {
                int lineEnd = new String(body, StandardCharsets.ISO_8859_1).indexOf("\r\n", at);
                int size = Integer.parseInt(new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim(), 16);
                if (size == 0) {
                    break;
                }
                decoded.write(body, lineEnd + 2, size);
                at = lineEnd + 2 + size + 2;
            }
            body = decoded.toByteArray();
        }
        return new Answer(status, contentType, new String(body, StandardCharsets.UTF_8));
    }
}
