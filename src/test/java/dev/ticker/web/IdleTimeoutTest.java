package dev.ticker.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/** A slow client is cut off once it is silent for quarkus.http.idle-timeout (here 1 s; by default 30 s). */
@QuarkusTest
@TestProfile(IdleTimeoutTest.ShortIdleTimeout.class)
class IdleTimeoutTest {

    public static class ShortIdleTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.http.idle-timeout", "1s");
        }
    }

    @Test
    void aClientThatStopsInTheMiddleOfItsHeadersIsCutOff() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /v1/news HTTP/1.1\r\nHost: localhost\r\nAccept: app".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            assertEquals(-1, readUntilClosed(socket.getInputStream()), "closed without an answer");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis >= 900 && millis < 5_000, "closed after " + millis + " ms");
        }
    }

    @Test
    void aClientTricklingAByteSlowerThanTheTimeoutIsCutOff() throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /v1/news HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            boolean cut = false;
            // slowloris: one more header byte every 1.5 s
            for (int i = 0; i < 6 && !cut; i++) {
                Thread.sleep(1_500);
                try {
                    out.write('X');
                    out.flush();
                } catch (SocketException e) {
                    cut = true;
                }
            }
            socket.setSoTimeout(2_000);
            if (!cut) {
                try {
                    cut = socket.getInputStream().read() == -1;
                } catch (SocketException e) {
                    cut = true;
                }
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(cut, "still connected after " + millis + " ms");
        }
    }

    @Test
    void aKeptAliveConnectionIsClosedWhenIdle() throws IOException {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /q/health/live HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] first = new byte[12];
            assertEquals(12, in.readNBytes(first, 0, 12));
            assertEquals("HTTP/1.1 200", new String(first, StandardCharsets.US_ASCII));
            long started = System.nanoTime();
            assertEquals(-1, readUntilClosed(in));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 5_000, "closed after " + millis + " ms");
        }
    }

    /** Reads whatever comes until the end; -1 when the server closed the connection. */
    private static int readUntilClosed(InputStream in) throws IOException {
        try {
            while (in.read() != -1) {
                // the rest of an answer
            }
            return -1;
        } catch (SocketException reset) {
            return -1;
        }
    }
}
