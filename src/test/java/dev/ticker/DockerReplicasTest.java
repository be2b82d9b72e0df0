package dev.ticker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Checks docker/compose.replicas.yaml (two replicas behind nginx) and docker/nginx.conf without a
 * Docker engine: the replicas run as docker/compose.yaml's one service does, only nginx is
 * published, nginx sends to exactly the replicas, and compose waits longer for a stopping
 * replica than the service waits for its requests. TwoInstancesIT runs nginx with the same
 * file (nginx -t, and a rolling restart).
 */
class DockerReplicasTest {

    private static final Path SINGLE = Path.of("docker", "compose.yaml");
    private static final Path REPLICAS = Path.of("docker", "compose.replicas.yaml");
    private static final Path NGINX_CONF = Path.of("docker", "nginx.conf");
    private static final Pattern UPSTREAM = Pattern.compile("upstream\\s+ticker\\s*\\{([^}]*)}");
    private static final Pattern SERVER = Pattern.compile("^\\s*server\\s+([^\\s;]+)", Pattern.MULTILINE);

    private static JsonNode single;
    private static JsonNode replicas;

    @BeforeAll
    static void read() throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        single = yaml.readTree(SINGLE.toFile()).path("services");
        replicas = yaml.readTree(REPLICAS.toFile()).path("services");
    }

    @Test
    void twoReplicasRunAsTheSingleServiceDoes() {
        List<String> names = tickerReplicas();
        assertEquals(List.of("ticker-a", "ticker-b"), names, "the replicas");
        JsonNode one = single.path("ticker");
        for (String name : names) {
            JsonNode replica = replicas.path(name);
            assertEquals(one.path("build"), replica.path("build"), name + " is built as compose.yaml's ticker");
            assertEquals(one.path("environment"), replica.path("environment"), name + " has compose.yaml's ticker environment");
            assertEquals(one.path("depends_on"), replica.path("depends_on"), name + " waits for a healthy postgres");
            assertTrue(replica.path("ports").isMissingNode(), name + " publishes no port: clients go through nginx");
        }
        assertEquals(single.path("postgres"), replicas.path("postgres"), "the same PostgreSQL service as compose.yaml's");
    }

    @Test
    void onlyNginxIsPublishedAndItUsesDockerNginxConf() {
        JsonNode nginx = replicas.path("nginx");
        assertTrue(nginx.path("image").asText().startsWith("nginx:"), "nginx image: " + nginx.path("image"));
        assertEquals(List.of("8080:8080"), texts(nginx.path("ports")));
        assertEquals(List.of("./nginx.conf:/etc/nginx/nginx.conf:ro"), texts(nginx.path("volumes")));
        assertTrue(Files.isRegularFile(NGINX_CONF), NGINX_CONF + " is missing");
        Set<String> dependsOn = new TreeSet<>(texts(nginx.path("depends_on")));
        assertEquals(new TreeSet<>(tickerReplicas()), dependsOn, "nginx starts after the replicas (it resolves their names then)");
    }

    @Test
    void nginxSendsToExactlyTheReplicasOnTheirPort() throws IOException {
        String conf = Files.readString(NGINX_CONF);
        Matcher upstream = UPSTREAM.matcher(conf);
        assertTrue(upstream.find(), "docker/nginx.conf has no 'upstream ticker' block");
        List<String> servers = new ArrayList<>();
        for (Matcher server = SERVER.matcher(upstream.group(1)); server.find();) {
            servers.add(server.group(1));
        }
        assertEquals(tickerReplicas().stream().map(name -> name + ":8080").toList(), servers);
        assertTrue(conf.contains("proxy_pass http://ticker;"), "nginx passes requests to the upstream");
        assertTrue(conf.matches("(?s).*\\n\\s*listen 8080;.*"), "nginx listens on the published port 8080");
        assertFalse(conf.matches("(?s).*\\n\\s*daemon\\s.*"), "no 'daemon' directive: the nginx image sets it with -g");
    }

    @Test
    void composeWaitsLongerForAStoppingReplicaThanTheServiceWaitsForItsRequests() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Duration requests = duration(properties.getProperty("quarkus.shutdown.timeout", "0s"));
        assertTrue(requests.compareTo(Duration.ZERO) > 0, "quarkus.shutdown.timeout is set: SIGTERM lets requests finish");
        for (String name : tickerReplicas()) {
            Duration grace = duration(replicas.path(name).path("stop_grace_period").asText("10s"));
            assertTrue(grace.compareTo(requests) > 0, name + ": stop_grace_period " + grace + " must exceed quarkus.shutdown.timeout "
                    + requests + ", or compose kills a replica that is still answering");
        }
    }

    private static List<String> tickerReplicas() {
        List<String> names = new ArrayList<>();
        replicas.fieldNames().forEachRemaining(name -> {
            if (name.startsWith("ticker")) {
                names.add(name);
            }
        });
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.elements().forEachRemaining(e -> texts.add(e.asText()));
        return texts;
    }

    /** "20s", "1m", "30s" as compose and Quarkus write them (whole seconds or minutes). */
    private static Duration duration(String text) {
        Matcher m = Pattern.compile("(\\d+)([sm])").matcher(text.trim());
        assertTrue(m.matches(), "a duration like 20s or 1m: " + text);
        long value = Long.parseLong(m.group(1));
        return m.group(2).equals("m") ? Duration.ofMinutes(value) : Duration.ofSeconds(value);
    }
}
