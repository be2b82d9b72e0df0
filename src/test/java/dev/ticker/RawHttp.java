package dev.ticker;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * One HTTP/1.1 exchange over a plain socket, with the request exactly as given: for what HTTP
 * clients refuse to send (raw bytes in the target, header values of any form, a Host that is not
 * one, repeated headers, conflicting framing). The answer is read to the end of the connection (requests say
 * {@code Connection: close}); interim 1xx answers are skipped, chunked, gzip and deflate bodies decoded.
 */
public final class RawHttp {

    /** What came back: the status (0 when the server closed without an answer), the headers and the decoded body. */
    public record Reply(int status, List<String[]> headers, byte[] body, String error) {

        public String header(String name) {
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    return header[1];
                }
            }
            return null;
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private RawHttp() {
    }

    public static Reply exchange(String host, int port, byte[] request) {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = null;
            if (request.length <= 65536) {
                write(out, request);
            } else {
                // the server may answer (413, 431) and close before it has read everything: read while writing
                writer = new Thread(() -> write(out, request), "fuzz-writer");
                writer.setDaemon(true);
                writer.start();
            }
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[16384];
            String error = null;
            try {
                for (int n; (n = in.read(buffer)) != -1;) {
                    received.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                error = "no answer within 30 s";
            } catch (SocketException e) {
                if (received.size() == 0) {
                    error = "connection closed without an answer: " + e.getMessage();
                }
            }
            if (writer != null) {
                writer.join(30_000);
            }
            if (received.size() == 0) {
                return new Reply(0, List.of(), new byte[0], error != null ? error : "connection closed without an answer");
            }
            return parse(received.toByteArray(), error);
        } catch (IOException e) {
            return new Reply(0, List.of(), new byte[0], "I/O error: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(0, List.of(), new byte[0], "interrupted");
        }
    }

    private static void write(OutputStream out, byte[] request) {
        try {
            out.write(request);
            out.flush();
        } catch (IOException e) {
            // the server answered and closed before it had read everything
        }
    }

    static Reply parse(byte[] response, String error) {
        int start = 0;
        while (true) {
            int end = indexOf(response, start);
            if (end < 0) {
                return new Reply(0, List.of(), response, "an incomplete answer: "
                        + new String(response, StandardCharsets.ISO_8859_1).substring(0, Math.min(200, response.length)));
            }
            String[] lines = new String(response, start, end - start, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            int status;
            try {
                status = Integer.parseInt(statusLine[1]);
            } catch (RuntimeException e) {
                return new Reply(0, List.of(), response, "not an HTTP status line: " + lines[0]);
            }
            if (status >= 100 && status < 200 && status != 101) {
                start = end + 4; // 100 Continue: the real answer follows
                continue;
            }
            List<String[]> headers = new ArrayList<>();
            boolean chunked = false;
            boolean gzip = false;
            boolean deflate = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim();
                String value = lines[i].substring(colon + 1).trim();
                headers.add(new String[] { name, value });
                String lower = name.toLowerCase(Locale.ROOT);
                chunked |= lower.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked");
                gzip |= lower.equals("content-encoding") && value.toLowerCase(Locale.ROOT).contains("gzip");
                deflate |= lower.equals("content-encoding") && value.toLowerCase(Locale.ROOT).contains("deflate");
            }
            byte[] body = Arrays.copyOfRange(response, end + 4, response.length);
            try {
                if (chunked) {
                    body = dechunk(body);
                }
                if ((gzip || deflate) && body.length > 0) {
                    try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(body))
                            : new InflaterInputStream(new ByteArrayInputStream(body))) {
                        body = in.readAllBytes();
                    }
                }
            } catch (IOException | RuntimeException e) {
                return new Reply(status, headers, body, "a body that could not be decoded: " + e);
            }
            return new Reply(status, headers, body, error);
        }
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i + 3 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (true) {
            int lineEnd = text.indexOf("\r\n", at);
            if (lineEnd < 0) {
                throw new IllegalStateException("a chunk without its size line");
            }
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return decoded.toByteArray();
            }
            decoded.write(body, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
