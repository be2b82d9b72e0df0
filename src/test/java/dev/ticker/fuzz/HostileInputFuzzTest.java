package dev.ticker.fuzz;

import static dev.ticker.Fixtures.ADMIN_TOKEN;
import static dev.ticker.Fixtures.admin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.ticker.BadInputChecks;
import dev.ticker.BadInputTargets;
import dev.ticker.ContractValidation;
import dev.ticker.Fixtures;
import dev.ticker.RawHttp;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Hostile input at scale: thousands of random and malicious requests to every operation of
 * openapi/openapi.yaml ({@link HostileInput} says what they are), as anonymous callers, editors
 * and admins, over raw sockets. Every answer must be
 * <ul>
 * <li>no 5xx (a 503 is tolerated: the database being away is not the input's fault);
 * <li>for a 4xx, an {@code application/problem+json} document with {@code type}, {@code title},
 * {@code status} (the answer's) and {@code detail}; only the HTTP layer may answer without one,
 * and only where the case made it do so (414, 431, and 400 for a request that is not well-formed
 * HTTP: {@link FuzzCase#httpLayer()});
 * <li>free of internals in its headers and, for anything but a 2xx, its body: stack frames, class
 * and package names, SQL and PostgreSQL's messages, file paths ({@link #LEAKS}); a marker the
 * request itself holds does not count, since answers may echo input;
 * <li>what the contract declares for the operation, where it is one (the status, the media type,
 * a JSON body's schema: {@link ContractValidation});
 * </ul>
 * and after the run every row that existed before it is unchanged ({@link ExistingRows}): requests
 * that happen to be valid may create rows (they are counted, then deleted), and may change the few
 * rows the run makes for itself, but nothing else.
 *
 * <p>{@code -Dfuzz.cases=50000} for a long run (default 2500), {@code -Dfuzz.seed=<n>} to repeat a
 * run ({@code random} for a new seed; the default is fixed so the suite is repeatable), {@code
 * -Dfuzz.case=<n>} to send one case of the seed alone and print it, {@code -Dfuzz.threads} (4).
 * The figures go to target/fuzz.json. See docs/reliability-fuzz.md.
 */
@QuarkusTest
class HostileInputFuzzTest {

    private static final long DEFAULT_SEED = 20251112L;

    /** What no answer may show: BadInputChecks.LEAKS and more. */
    static final List<String> LEAKS;
    static {
        List<String> leaks = new ArrayList<>(BadInputChecks.LEAKS);
        leaks.addAll(List.of("dev.ticker.", "io.quarkus.", "io.vertx.", "org.jboss.", "org.postgresql", "SELECT ", "ERROR:",
                "duplicate key", "violates", "/work/", "/root/", "/tmp/", "/home/", ".java", "\tat ", "Caused by", "hibernate",
                "Hibernate", "agroal", "resteasy", "RESTEASY", "Jackson", "Unrecognized field", "StackOverflow", "OutOfMemory",
                "NullPointer", "ClassCast", "IllegalArgument", "IllegalState", "NumberFormat", "IndexOutOfBounds"));
        LEAKS = List.copyOf(leaks);
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    @Test
    void answersThousandsOfHostileRequestsWithout5xxOrLeaksAndChangesNoExistingRow() throws Exception {
        String seedProperty = System.getProperty("fuzz.seed", String.valueOf(DEFAULT_SEED));
        long seed = seedProperty.equals("random") ? System.nanoTime() : Long.parseLong(seedProperty);
        int cases = Integer.getInteger("fuzz.cases", 2500);
        int threads = Integer.getInteger("fuzz.threads", 4);
        String only = System.getProperty("fuzz.case");

        // the rows that must not change: the demo content, the bad-input targets, whatever earlier tests left
        Map<String, String> targets = BadInputTargets.get();
        String editorToken = Fixtures.editorToken();
        ExistingRows existing = ExistingRows.now(dataSource);
        Map<String, String> before = existing.digest(dataSource);

        // the rows the run may change: its own
        Map<String, String> own = new LinkedHashMap<>();
        List<String> ownPaths = new ArrayList<>();
        own.put("members", remember(ownPaths, "/v1/members/", Fixtures.createMember().get("id")));
        own.put("news", remember(ownPaths, "/v1/news/", Fixtures.createNews().get("id")));
        own.put("events", remember(ownPaths, "/v1/events/", Fixtures.createEvent().get("id")));
        own.put("jobs", remember(ownPaths, "/v1/jobs/", Fixtures.createJob().get("id")));
        Object issueNumber = Fixtures.createIssue().get("number");
        own.put("issues", remember(ownPaths, "/v1/issues/", issueNumber));
        own.put("tokens", remember(ownPaths, "/v1/tokens/", Fixtures.createToken("editor").get("id")));
        Map<String, Object> webhook = Fixtures.create("/v1/webhooks", Map.of("url", "http://127.0.0.1:9/fuzz", "events",
                List.of("news.published"), "active", false));
        own.put("webhooks", remember(ownPaths, "/v1/webhooks/", webhook.get("id")));

        HostileInput.Pools pools = new HostileInput.Pools(protectedSegments(targets), own,
                List.of(targets.get("MEMBER"), targets.get("MEMBER2_SLUG")), List.of(targets.get("NEWS")),
                List.of(targets.get("MEMBER_CITY_CURSOR"), targets.get("NEWS_TITLE_CURSOR"), targets.get("EVENT_CURSOR"),
                        targets.get("EVENT_TITLE_CURSOR"), targets.get("JOB_VALID_CURSOR"), targets.get("ISSUE_DATE_CURSOR")),
                ADMIN_TOKEN, editorToken);
        List<Operations.Operation> operations = Operations.read(Path.of("openapi/openapi.yaml"));
        HostileInput input = new HostileInput(operations, pools, seed);
        System.out.printf("Fuzz: seed %d, %d cases, %d operations, %d threads (repeat: -Dfuzz.seed=%d -Dfuzz.cases=%d)%n", seed,
                cases, operations.size(), threads, seed, cases);

        Run run = new Run();
        long started = System.nanoTime();
        if (only != null) {
            FuzzCase c = input.make(Long.parseLong(only));
            System.out.println("Fuzz case " + c.describe());
            RawHttp.Reply reply = send(c);
            System.out.println("Answer: " + reply.status() + " " + reply.headers().stream().map(h -> h[0] + ": " + h[1]).toList()
                    + "\n" + FuzzCase.shorten(reply.text(), 2000));
            run.judge(c, reply);
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            for (long n = 0; n < cases; n++) {
                long number = n;
                pool.submit(() -> {
                    FuzzCase c = input.make(number);
                    run.judge(c, send(c));
                });
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.MINUTES), "the run did not end in 30 minutes");
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        // the service still answers, and the rows that existed are as they were
        admin().get("/v1/members?limit=1").then().statusCode(200);
        Map<String, String> after = existing.digest(dataSource);
        int deleted = cleanUp(run.created, ownPaths);

        Map<String, Object> figures = run.figures(seed, seconds, existing.count(), deleted, before.equals(after));
        Path report = Path.of("target/fuzz.json");
        Files.createDirectories(report.getParent());
        Files.writeString(report, JSON.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures), StandardCharsets.UTF_8);
        System.out.println("Fuzz figures (target/fuzz.json): " + JSON.disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));

        assertTrue(run.failures.isEmpty(), run.failures.size() + " of " + run.sent.sum() + " answers broke the rules (seed " + seed
                + "; send one again with -Dfuzz.seed=" + seed + " -Dfuzz.case=<n>):\n" + String.join("\n", run.failures.subList(0,
                        Math.min(40, run.failures.size()))));
        assertEquals(before, after, "rows that existed before the run changed (seed " + seed + ")");
    }

    // --- judging -----------------------------------------------------------------------------------

    /** The answers of one run, judged as they come. */
    private static final class Run {
        final LongAdder sent = new LongAdder();
        final Map<String, LongAdder> byClass = new ConcurrentHashMap<>();
        final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        final Map<String, LongAdder> byFocus = new ConcurrentHashMap<>();
        final Map<String, LongAdder> byOperation = new ConcurrentHashMap<>();
        final LongAdder fiveHundreds = new LongAdder();
        final LongAdder leaks = new LongAdder();
        final LongAdder bodyless = new LongAdder();
        final Map<String, LongAdder> bodylessByStatus = new ConcurrentHashMap<>();
        final LongAdder contract = new LongAdder();
        final List<String> created = Collections.synchronizedList(new ArrayList<>());
        final List<String> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong noAnswer = new AtomicLong();

        void judge(FuzzCase c, RawHttp.Reply reply) {
            sent.increment();
            int status = reply.status();
            byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
            byClass.computeIfAbsent(status == 0 ? "none" : status / 100 + "xx", s -> new LongAdder()).increment();
            byFocus.computeIfAbsent(c.focus(), s -> new LongAdder()).increment();
            byOperation.computeIfAbsent(c.operation(), s -> new LongAdder()).increment();
            List<String> broken = new ArrayList<>();
            if (status == 0) {
                noAnswer.incrementAndGet();
                broken.add("no answer: " + reply.error());
            } else if (reply.error() != null) {
                broken.add(reply.error());
            }
            if (status >= 500 && status != 503) {
                fiveHundreds.increment();
                broken.add("a " + status + " for hostile input");
            }
            String contentType = reply.header("Content-Type");
            boolean head = c.method().equals("HEAD");
            boolean fromHttpLayer = false;
            if (status >= 400 && !head) {
                if (reply.body().length == 0) {
                    bodyless.increment();
                    bodylessByStatus.computeIfAbsent(status + " (" + c.focus() + ")", s -> new LongAdder()).increment();
                    fromHttpLayer = c.httpLayer().contains(status);
                    if (!fromHttpLayer) {
                        broken.add("a " + status + " without a problem document");
                    }
                } else {
                    broken.addAll(problemDocument(status, contentType, reply.text()));
                }
            }
            String request = c.text().toLowerCase(Locale.ROOT);
            for (String[] header : reply.headers()) {
                leaksIn("header " + header[0], header[0] + ": " + header[1], request, broken);
            }
            if ((status < 200 || status >= 300) && status != 304) {
                leaksIn("body", reply.text(), request, broken);
            }
            if (status > 0 && !fromHttpLayer && status != 429 && status != 503 && !head) {
                String path = rawPath(c.target());
                if (path != null) {
                    List<String> violations = ContractValidation.INSTANCE.check(c.method(), path, status, contentType, reply.body());
                    if (!violations.isEmpty()) {
                        contract.increment();
                        broken.addAll(violations);
                    }
                }
            }
            if (status == 201 && reply.header("Location") != null) {
                created.add(reply.header("Location"));
            }
            if (!broken.isEmpty()) {
                failures.add(c.describe() + "\n  -> " + status + " " + contentType + " " + FuzzCase.shorten(reply.text(), 600)
                        + "\n  !! " + String.join("\n  !! ", broken));
            }
        }

        private void leaksIn(String where, String text, String request, List<String> broken) {
            for (String leak : LEAKS) {
                if (text.contains(leak) && !request.contains(leak.toLowerCase(Locale.ROOT))) {
                    leaks.increment();
                    broken.add("the " + where + " shows '" + leak + "'");
                }
            }
        }

        Map<String, Object> figures(long seed, double seconds, int existingRows, int deleted, boolean unchanged) {
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("seed", seed);
            figures.put("cases", sent.sum());
            figures.put("seconds", Math.round(seconds * 10) / 10.0);
            figures.put("requestsPerSecond", Math.round(sent.sum() / Math.max(seconds, 0.001)));
            figures.put("byStatusClass", new TreeMap<>(counts(byClass)));
            figures.put("byStatus", new TreeMap<>(counts(byStatus)));
            figures.put("byFocus", new TreeMap<>(counts(byFocus)));
            figures.put("operations", byOperation.size());
            figures.put("fiveHundreds", fiveHundreds.sum());
            figures.put("noAnswer", noAnswer.get());
            figures.put("leaks", leaks.sum());
            figures.put("contractViolations", contract.sum());
            figures.put("bodylessFromHttpLayer", bodyless.sum());
            figures.put("bodylessByStatusAndFocus", new TreeMap<>(counts(bodylessByStatus)));
            figures.put("failures", failures.size());
            figures.put("created", created.size());
            figures.put("createdDeletedAfterwards", deleted);
            figures.put("existingRowsChecked", existingRows);
            figures.put("existingRowsUnchanged", unchanged);
            return figures;
        }

        private static <K> Map<K, Long> counts(Map<K, LongAdder> adders) {
            Map<K, Long> counts = new LinkedHashMap<>();
            adders.forEach((key, adder) -> counts.put(key, adder.sum()));
            return counts;
        }
    }

    /** What a problem document must be: RFC 9457's members, the answer's status. */
    static List<String> problemDocument(int status, String contentType, String raw) {
        List<String> broken = new ArrayList<>();
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            broken.add("a " + status + " whose Content-Type is " + contentType + ", not application/problem+json");
            return broken;
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(raw);
        } catch (IOException e) {
            broken.add("a problem document that is not JSON");
            return broken;
        }
        if (problem == null || !problem.isObject()) {
            broken.add("a problem document that is not an object");
            return broken;
        }
        for (String member : List.of("type", "title", "detail")) {
            if (!problem.path(member).isTextual() || problem.path(member).asText().isBlank()) {
                broken.add("a problem document without '" + member + "'");
            }
        }
        if (problem.path("status").asInt(-1) != status) {
            broken.add("a problem document whose status is not " + status);
        }
        return broken;
    }

    /**
     * The path of a request target in origin form, or null when the contract's templates cannot
     * tell which operation the service routes it to: a fragment (which the service takes as part
     * of the path), matrix parameters ({@code ;a=b}, which JAX-RS drops), dot segments (resolved, so
     * {@code /v1/jobs/x/revisions/%2e%2e} reads the job).
     */
    private static String rawPath(String target) {
        if (!target.startsWith("/") || target.startsWith("//") || target.contains("#") || target.split("\\?", 2)[0].contains(";")) {
            return null;
        }
        try {
            String path = URI.create(target.split("[?#]", 2)[0]).getRawPath();
            // dot segments, also percent-encoded ones (%2e is '.'), are resolved before routing (RFC 3986, 6.2.2)
            return FuzzCase.decoded(path).contains("/.") ? null : path;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // --- set-up and clean-up -------------------------------------------------------------------------

    private static RawHttp.Reply send(FuzzCase c) {
        return RawHttp.exchange("localhost", RestAssured.port, c.toBytes("localhost", RestAssured.port));
    }

    private static String remember(List<String> paths, String collection, Object key) {
        paths.add(collection + key);
        return String.valueOf(key);
    }

    /** Ids, slugs and numbers of rows that existed before the run, by collection. */
    private Map<String, List<String>> protectedSegments(Map<String, String> targets) throws SQLException {
        Map<String, List<String>> segments = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String[] table : new String[][] { { "members", "member" }, { "news", "news" }, { "events", "event" }, { "jobs", "job" } }) {
                List<String> values = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("select id, slug from " + table[1] + " order by created_at limit 3")) {
                    while (rs.next()) {
                        values.add(rs.getString(1));
                        values.add(rs.getString(2));
                    }
                }
                segments.put(table[0], values);
            }
            List<String> issues = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery("select number from issue order by created_at limit 3")) {
                while (rs.next()) {
                    issues.add(rs.getString(1));
                }
            }
            segments.put("issues", issues);
        }
        segments.get("members").add(targets.get("MEMBER"));
        segments.get("news").add(targets.get("NEWS"));
        segments.get("events").add(targets.get("EVENT"));
        segments.get("jobs").add(targets.get("JOB"));
        segments.get("issues").add(targets.get("ISSUE"));
        return segments;
    }

    /**
     * Deletes what valid requests of the run created, and the run's own rows: issues first (they
     * refer to the rest), members last. Answers how many went.
     */
    private static int cleanUp(List<String> created, List<String> own) {
        List<String> paths = new ArrayList<>();
        for (String location : created) {
            paths.add(URI.create(location).getRawPath());
        }
        paths.addAll(own);
        List<String> order = List.of("/v1/issues/", "/v1/news/", "/v1/events/", "/v1/jobs/", "/v1/members/", "/v1/tokens/", "/v1/webhooks/");
        int deleted = 0;
        for (String prefix : order) {
            for (String path : paths) {
                if (path.startsWith(prefix) && admin().delete(path).statusCode() == 204) {
                    deleted++;
                }
            }
        }
        return deleted;
    }
}
