package dev.ticker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

/**
 * Checks docker/compose.yaml and docker/Dockerfile without a Docker engine and without booting
 * Quarkus: the files are read as text/YAML and compared with the configuration the service reads.
 */
class DockerComposeTest {

    private static final Path DOCKER_DIR = Path.of("docker");
    private static final Path COMPOSE_FILE = DOCKER_DIR.resolve("compose.yaml");
    private static final Path DOCKERFILE = DOCKER_DIR.resolve("Dockerfile");
    private static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");

    /** Read by Quarkus itself; they need not appear in application.properties. */
    private static final List<String> DATASOURCE_PROPERTIES = List.of(
            "quarkus.datasource.jdbc.url", "quarkus.datasource.username", "quarkus.datasource.password");

    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^:/?]+)(?::(\\d+))?/([^?]+).*");

    private static JsonNode compose;
    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws IOException {
        assertTrue(Files.isRegularFile(COMPOSE_FILE), COMPOSE_FILE.toAbsolutePath() + " is missing");
        compose = new ObjectMapper(new YAMLFactory()).readTree(COMPOSE_FILE.toFile());
        assertNotNull(compose, COMPOSE_FILE + " is empty");
        services = compose.path("services");
    }

    // --- compose.yaml ------------------------------------------------------------------------

    @Test
    void composeDefinesTheTickerAndPostgresServices() {
        assertTrue(services.isObject(), "compose.yaml has no services: section");
        assertTrue(services.has("ticker"), "no ticker service, found " + fieldNames(services));
        assertTrue(services.has("postgres"), "no postgres service, found " + fieldNames(services));
    }

    @Test
    void postgresRunsPostgreSql17() {
        String image = service("postgres").path("image").asText("");
        assertTrue(image.startsWith("postgres:17"), "postgres image is '" + image + "', expected postgres:17*");
    }

    @Test
    void postgresHasAHealthcheckThatUsesPgIsready() {
        JsonNode healthcheck = service("postgres").path("healthcheck");
        assertTrue(healthcheck.isObject(), "postgres has no healthcheck");
        assertFalse(healthcheck.path("disable").asBoolean(false), "postgres healthcheck is disabled");
        JsonNode test = healthcheck.path("test");
        String command = test.isArray()
                ? stream(test).map(JsonNode::asText).collect(Collectors.joining(" "))
                : test.asText("");
        assertTrue(command.contains("pg_isready"), "postgres healthcheck does not run pg_isready: " + command);
    }

    @Test
    void tickerStartsOnlyOnceTheDatabaseIsHealthy() {
        JsonNode dependsOn = service("ticker").path("depends_on");
        assertTrue(dependsOn.isObject(),
                "ticker depends_on must be the long form (with a condition), found: " + dependsOn);
        assertTrue(dependsOn.has("postgres"), "ticker does not depend on postgres: " + dependsOn);
        assertEquals("service_healthy", dependsOn.path("postgres").path("condition").asText(null),
                "ticker must wait until postgres is healthy");
    }

    @Test
    void postgresKeepsItsDataInADeclaredNamedVolume() {
        JsonNode declared = compose.path("volumes");
        assertTrue(declared.isObject() && declared.size() > 0, "compose.yaml declares no named volumes");

        String dataVolume = null;
        for (JsonNode volume : iterable(service("postgres").path("volumes"))) {
            String source;
            String target;
            if (volume.isTextual()) {
                String[] parts = volume.asText().split(":");
                source = parts.length > 1 ? parts[0] : null;
                target = parts.length > 1 ? parts[1] : parts[0];
            } else {
                source = volume.path("source").asText(null);
                target = volume.path("target").asText(null);
            }
            if ("/var/lib/postgresql/data".equals(target)) {
                dataVolume = source;
            }
        }
        assertNotNull(dataVolume, "postgres does not mount a volume at /var/lib/postgresql/data");
        assertFalse(dataVolume.startsWith(".") || dataVolume.startsWith("/") || dataVolume.startsWith("~"),
                "postgres data is a bind mount (" + dataVolume + "), not a named volume");
        assertTrue(declared.has(dataVolume),
                "volume '" + dataVolume + "' is used but not declared; declared: " + fieldNames(declared));
    }

    @Test
    void tickerIsBuiltFromTheRepositoryWithDockerDockerfile() {
        JsonNode build = service("ticker").path("build");
        assertEquals("..", build.path("context").asText(null), "ticker build context must be the repository root");
        String dockerfile = build.path("dockerfile").asText(null);
        assertEquals("docker/Dockerfile", dockerfile, "ticker dockerfile");
        Path resolved = DOCKER_DIR.resolve(build.path("context").asText()).resolve(dockerfile).normalize();
        assertTrue(Files.isRegularFile(resolved), "the dockerfile compose builds with does not exist: " + resolved);
    }

    @Test
    void tickerPublishesPort8080() {
        List<String> ports = stream(service("ticker").path("ports")).map(JsonNode::asText).toList();
        assertTrue(ports.contains("8080:8080"), "ticker must publish 8080:8080, found " + ports);
    }

    @Test
    void composeRefusesToStartWithoutAnAdminToken() {
        String token = environment("ticker").get("TICKER_ADMIN_TOKEN");
        assertNotNull(token, "ticker sets no TICKER_ADMIN_TOKEN");
        assertTrue(token.matches("\\$\\{TICKER_ADMIN_TOKEN:\\?.+}"),
                "TICKER_ADMIN_TOKEN must be required with ${TICKER_ADMIN_TOKEN:?message}, found " + token);
    }

    @Test
    void tickerConnectsToTheComposeDatabaseWithItsCredentials() {
        Map<String, String> ticker = environment("ticker");
        Map<String, String> postgres = environment("postgres");
        String url = ticker.get("QUARKUS_DATASOURCE_JDBC_URL");
        assertNotNull(url, "ticker sets no QUARKUS_DATASOURCE_JDBC_URL, so it would not use the postgres service");
        Matcher m = JDBC_URL.matcher(url);
        assertTrue(m.matches(), "not a PostgreSQL JDBC URL: " + url);
        assertEquals("postgres", m.group(1), "JDBC URL host must be the postgres service");
        assertEquals(postgres.get("POSTGRES_DB"), m.group(3), "JDBC URL database vs POSTGRES_DB");
        assertEquals(postgres.get("POSTGRES_USER"), ticker.get("QUARKUS_DATASOURCE_USERNAME"),
                "QUARKUS_DATASOURCE_USERNAME vs POSTGRES_USER");
        assertEquals(postgres.get("POSTGRES_PASSWORD"), ticker.get("QUARKUS_DATASOURCE_PASSWORD"),
                "QUARKUS_DATASOURCE_PASSWORD vs POSTGRES_PASSWORD");
    }

    @Test
    void composeEnvironmentNamesAreReadByTheService() throws IOException {
        Set<String> read = normalisedNamesTheServiceReads();
        List<String> unknown = environment("ticker").keySet().stream()
                .filter(name -> !read.contains(normalise(name)))
                .toList();
        assertTrue(unknown.isEmpty(), "ticker environment sets names the service does not read: " + unknown
                + "; it reads " + read);
    }

    // --- the name check itself ------------------------------------------------------------------

    @Test
    void theServiceReadsTheNamesTheContainerReliesOn() throws IOException {
        Set<String> read = normalisedNamesTheServiceReads();
        for (String name : List.of("TICKER_ADMIN_TOKEN", "TICKER_EMBEDDED_ENABLED", "TICKER_CACHE_MAX_AGE",
                "TICKER_CORS_WRITE_ORIGINS", "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_DATASOURCE_USERNAME",
                "QUARKUS_DATASOURCE_PASSWORD")) {
            assertTrue(read.contains(name), name + " is not among the names the service reads: " + read);
        }
    }

    @Test
    void misspelledEnvironmentNamesAreNotTakenForPropertiesTheServiceReads() throws IOException {
        Set<String> read = normalisedNamesTheServiceReads();
        for (String name : List.of("QUARKUS_DATASOURCE_URL", "TICKER_ADMINTOKEN", "TICKER_EMBEDDED", "TICKER_CACHE",
                "TICKER_EMBEDDED_ENABLE")) {
            assertFalse(read.contains(name), name + " must not count as a name the service reads");
        }
    }

    // --- Dockerfile ------------------------------------------------------------------------------

    @Test
    void dockerfileRunsAsANonRootUser() throws IOException {
        List<String> users = instructions("USER");
        assertFalse(users.isEmpty(), "Dockerfile has no USER line, so the service runs as root");
        String user = users.get(users.size() - 1).split(":")[0].trim(); // the last USER is the one that runs
        assertFalse(user.isEmpty() || user.equals("root") || user.equals("0"),
                "Dockerfile runs as '" + user + "'");
    }

    @Test
    void dockerfileCopiesTheQuarkusFastJar() throws IOException {
        List<String> sources = new ArrayList<>();
        for (String copy : instructions("COPY")) {
            List<String> words = new ArrayList<>(List.of(copy.split("\\s+")));
            words.removeIf(w -> w.startsWith("--"));
            sources.addAll(words.subList(0, Math.max(0, words.size() - 1))); // the last word is the destination
        }
        Set<String> copied = sources.stream().map(s -> s.replaceAll("/+$", "")).collect(Collectors.toSet());
        if (!copied.contains("target/quarkus-app")) {
            for (String part : List.of("lib", "*.jar", "app", "quarkus")) {
                assertTrue(copied.contains("target/quarkus-app/" + part),
                        "Dockerfile does not copy target/quarkus-app/" + part + "; it copies " + copied);
            }
        }
        String entrypoint = String.join(" ", instructions("ENTRYPOINT")) + String.join(" ", instructions("CMD"));
        assertTrue(entrypoint.contains("quarkus-run.jar"), "Dockerfile does not start quarkus-run.jar");
    }

    @Test
    void dockerfileExposes8080() throws IOException {
        List<String> ports = instructions("EXPOSE").stream()
                .flatMap(e -> List.of(e.split("\\s+")).stream())
                .toList();
        assertTrue(ports.contains("8080") || ports.contains("8080/tcp"), "Dockerfile does not expose 8080: " + ports);
    }

    @Test
    void imageNeverStartsTheEmbeddedDatabase() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S*)");
        for (String line : instructions("ENV")) {
            Matcher m = pair.matcher(line);
            boolean any = false;
            while (m.find()) {
                env.put(m.group(1), m.group(2).replaceAll("^\"|\"$", ""));
                any = true;
            }
            if (!any) { // legacy form: ENV NAME value
                String[] words = line.split("\\s+", 2);
                env.put(words[0], words.length > 1 ? words[1] : "");
            }
        }
        assertEquals("false", env.get("TICKER_EMBEDDED_ENABLED"),
                "the image must set TICKER_EMBEDDED_ENABLED=false, found ENV " + env);
        assertTrue(normalisedNamesTheServiceReads().contains(normalise("TICKER_EMBEDDED_ENABLED")),
                "the service does not read ticker.embedded.enabled");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static JsonNode service(String name) {
        JsonNode service = services.path(name);
        assertTrue(service.isObject(), "compose.yaml has no service " + name);
        return service;
    }

    /** A service's environment, from the map or the list ("NAME=value") form. */
    private static Map<String, String> environment(String serviceName) {
        JsonNode environment = service(serviceName).path("environment");
        Map<String, String> env = new LinkedHashMap<>();
        if (environment.isObject()) {
            environment.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        } else {
            for (JsonNode entry : iterable(environment)) {
                String[] parts = entry.asText().split("=", 2);
                env.put(parts[0], parts.length > 1 ? parts[1] : null);
            }
        }
        return env;
    }

    /**
     * The property names the service reads, normalised the way MicroProfile Config matches
     * environment variables: keys of application.properties (profiles stripped), the
     * {@link TickerConfig} mapping and the datasource connection properties.
     */
    private static Set<String> normalisedNamesTheServiceReads() throws IOException {
        Set<String> names = new TreeSet<>();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(APPLICATION_PROPERTIES, StandardCharsets.UTF_8)) {
            properties.load(reader); // skips # and ! comment lines
        }
        for (String key : properties.stringPropertyNames()) {
            names.add(key.replaceFirst("^%[^.]*\\.", ""));
        }
        names.addAll(mappedNames(TickerConfig.class));
        names.addAll(DATASOURCE_PROPERTIES);
        return names.stream().map(DockerComposeTest::normalise).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The property names of a {@link ConfigMapping} interface, found by reflection. */
    static Set<String> mappedNames(Class<?> mapping) {
        ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
        assertNotNull(annotation, mapping + " is not a @ConfigMapping");
        Set<String> names = new TreeSet<>();
        collect(mapping, annotation.prefix(), annotation.namingStrategy(), names);
        assertFalse(names.isEmpty(), mapping + " maps no properties");
        return names;
    }

    private static void collect(Class<?> group, String prefix, ConfigMapping.NamingStrategy strategy, Set<String> names) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.isSynthetic()
                    || method.getParameterCount() > 0 || method.getDeclaringClass() == Object.class) {
                continue;
            }
            String name;
            if (method.isAnnotationPresent(WithParentName.class)) {
                name = prefix;
            } else {
                String own = method.isAnnotationPresent(WithName.class)
                        ? method.getAnnotation(WithName.class).value()
                        : convert(method.getName(), strategy);
                name = prefix.isEmpty() ? own : prefix + "." + own;
            }
            Class<?> nested = groupType(method);
            if (nested != null) {
                collect(nested, name, strategy, names);
            } else {
                names.add(name);
            }
        }
    }

    /** The group interface a method returns (directly or in an Optional), or null for a leaf value. */
    private static Class<?> groupType(Method method) {
        Class<?> type = method.getReturnType();
        if (type == Optional.class && method.getGenericReturnType() instanceof ParameterizedType p) {
            Type argument = p.getActualTypeArguments()[0];
            type = argument instanceof Class<?> c ? c : null;
        }
        if (type == null || !type.isInterface() || type.getName().startsWith("java.")
                || Iterable.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type)) {
            return null;
        }
        return type;
    }

    private static String convert(String methodName, ConfigMapping.NamingStrategy strategy) {
        return switch (strategy) {
            case VERBATIM -> methodName;
            case KEBAB_CASE -> methodName.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            case SNAKE_CASE -> methodName.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        };
    }

    /** Both property and environment names: every non-alphanumeric character becomes _, upper case. */
    static String normalise(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The arguments of every Dockerfile instruction with this keyword (continuation lines joined). */
    private static List<String> instructions(String keyword) throws IOException {
        assertTrue(Files.isRegularFile(DOCKERFILE), DOCKERFILE.toAbsolutePath() + " is missing");
        List<String> logical = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
            } else {
                logical.add(current.append(trimmed).toString());
                current.setLength(0);
            }
        }
        if (current.length() > 0) {
            logical.add(current.toString());
        }
        List<String> arguments = new ArrayList<>();
        for (String instruction : logical) {
            String[] words = instruction.split("\\s+", 2);
            if (words[0].equalsIgnoreCase(keyword)) {
                arguments.add(words.length > 1 ? words[1].strip() : "");
            }
        }
        return arguments;
    }

    private static Iterable<JsonNode> iterable(JsonNode node) {
        return node::elements;
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode node) {
        List<JsonNode> list = new ArrayList<>();
        node.elements().forEachRemaining(list::add);
        return list.stream();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            names.add(it.next());
        }
        return names;
    }
}
