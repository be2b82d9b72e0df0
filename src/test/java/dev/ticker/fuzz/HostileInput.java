package dev.ticker.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import dev.ticker.fuzz.Json.Obj;
import dev.ticker.fuzz.Json.Raw;
import dev.ticker.fuzz.Operations.Operation;

/**
 * Makes the fuzz test's requests. Case {@code n} of a seed is always the same request: its random
 * source is seeded from the seed and {@code n} alone, so one case can be sent again on its own.
 * Each case aims at one operation of the contract and makes one part of the request hostile (its
 * {@code focus}: the body, the query, a path segment, the headers, the Authorization header or
 * the HTTP framing itself) while the other parts are plausible, so the hostile part reaches the
 * code behind the parts that are right.
 *
 * <p>Rows that existed before the run must not change, whatever the request. A write aimed at any
 * path but the exact path of a row the run made for itself (its {@link Pools#sacrificial}) always
 * carries an If-Match that no representation has, so even a body that happens to be valid can
 * only be answered with a 412 (or an earlier 4xx); operations that take no If-Match (revoking a
 * token, deleting a webhook, its ping, secret rotation and redelivery) are only aimed at the
 * run's own rows or at ids that do not exist.
 */
final class HostileInput {

    /** What the requests are aimed at: rows that must not change, the run's own rows, tokens and real cursors. */
    record Pools(Map<String, List<String>> protectedSegments, Map<String, String> sacrificial, List<String> memberIds,
            List<String> newsIds, List<String> cursors, String adminToken, String editorToken) {
    }

    static final String STALE_ETAG = "\"fuzz-stale-etag-0000000000\"";

    private static final List<String> MALICIOUS = List.of(
            "' OR '1'='1", "'; DROP TABLE news; --", "1; SELECT pg_sleep(3); --", "\" OR \"\"=\"", "admin'--",
            "1 UNION SELECT null, version() --", "' UNION SELECT token_hash FROM access_token --", "%' AND 1=0 --",
            "1' AND extractvalue(1, concat(0x7e, version())) --", "$$; select 1; $$", "E'\\x00'", "\\'", "''", "\\",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "<svg/onload=alert(1)>",
            "</textarea><script>", "<!--", "]]>", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>",
            "{{7*7}}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "{% raw %}", "${jndi:ldap://127.0.0.1:9/a}", "{\"$where\": \"1 == 1\"}",
            "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "/etc/passwd", "file:///etc/passwd", "C:\\boot.ini",
            "\u0000", "a\u0000b", "\r\nX-Injected: 1", "\n", "\t", " ", "", "  leading and trailing  ",
            "\u202Eevil\u202C", "\u200B", "\u200E\u200F", "\uFEFF", "\uFFFF", "\uFFFE", "\uD800", "\uDC00", "a\uD800b", "\uDBFF\uDFFF",
            "\uD83D\uDE00", "\uD83D", "Z\u0301\u0302\u0303\u0304\u0305\u0306\u0307", "ä ö ü ß ÄÖÜ ẞ", "İıǅ", "ﬃ", "\u2028\u2029",
            "مرحبا بالعالم", "שלום", "日本語のテキスト", "\u0007\u0008\u001B[31m", "\u007F", "\u0085", "\u00A0",
            "NaN", "Infinity", "-Infinity", "-0", "1e309", "null", "undefined", "true", "[]", "{}", "0x41", "%00", "%2e%2e%2f",
            "%s%s%s%n", "%x", "{0}", "\\u0000", "*", "?", "#", "&", "=", ";", "--", "/*", "*/", "&&", "||", "!",
            ":*", "<->", "<2>", "(", ")", "a & b", "a | !b", "!(a)", "'a':*", "a:* & !b", "\\:*", "(((((", "a <-> b <3> c",
            "Kommune & (", "Stadt | | Land", "a:A*B", "setweight", "!!!!", "&|!", "'", "''''", "\"\"\"");

    private static final List<String> HOSTILE_NUMBERS = List.of("0", "-1", "-0", "00", "020", "+20", "20.0", "2e1", "0x14", "1_000",
            "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "99999999999999999999999",
            "1e309", "NaN", "٢٠", "２０", "20 ", " 20", "20%00", "20;", "20abc", "1000000", "1000001");

    private static final List<String> HOSTILE_SEGMENTS = List.of("..", ".", "%2e%2e", "%2E%2E%2F", "..%2F..%2Fetc%2Fpasswd",
            "%2F", "%252F", "a%2Fb", "%5C", "%00", "a%00b", "%0A", "%0D%0AX-Injected:%201", "%20", "%09", "%C3%A4", "%C0%AE",
            "%FF%FE", "%ED%A0%80", "%F0%9F%98%80", "%E2%80%AE", "%EF%BB%BF", ";", ";a=b", "x;jsessionid=1", "~", "'", "%27",
            "%27%20OR%20%271%27%3D%271", "%3Cscript%3E", "%24%7Bjndi%3Aldap%3A%2F%2F127.0.0.1%3A9%2Fa%7D", "%7B%7B7*7%7D%7D",
            "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff", "%7B00000000-0000-0000-0000-000000000000%7D",
            "1-1-1-1-1", "null", "undefined", "feed.atom", "calendar.ics", "revisions", "email.html", "%2A", "*", "-", "_", "a.b",
            "A", "index.php", "%25", "%2525", "..;", "%C0%AF");

    private static final List<String> SORTS = List.of("title", "-title", "name", "-name", "city", "-publishedAt", "publishedAt",
            "startDate", "-startDate", "validThrough", "issueDate", "-issueDate", "number", "-number", "createdAt", "-updatedAt",
            "title,-createdAt");

    private static final List<String> HOSTILE_SORTS = List.of("", ",", "-", "--title", "title,title", "title;drop table news",
            "title desc", "title asc", "-title,-title", "TITLE", "id", "random()", "(select 1)", "title,", ",title", "+title",
            "title%00", "1", "title nulls first", "\"title\"", "title::text", "title);--", "rank", "-rank", "-", "title,-title");

    private static final List<String> HOSTILE_DATES = List.of("2025-02-30", "2025-13-01", "2025-00-10", "0000-01-01", "-0001-01-01",
            "+10000-01-01", "99999-12-31", "2025-1-1", "20250101", "2025-01-01T00:00:00Z", "today", "9999-12-31", "0001-01-01",
            "2025-11-12T25:00:00Z", "2025-11-12T08:00:00+25:00", "10000-01-01T00:00:00Z", "0000-12-31T23:59:60Z",
            "2025-11-12T08:00:00.0000000001Z", "-2025-01-01", "P1D", "1731398400", "2025-W46", "2025-316", "25:00", "24:00",
            "14:60", "14:00:00", "2:00", "14:00Z", "-1:00", "2025-11-12 08:00:00", "1e10");

    private static final List<String> HOSTILE_URLS = List.of("http://127.0.0.1:9/fuzz", "http://[::1]:9/fuzz", "http://localhost:1/",
            "https://example.invalid/hook", "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0:9/", "http://10.0.0.1:9/",
            "javascript:alert(1)", "file:///etc/passwd", "ftp://example.invalid/", "gopher://127.0.0.1:9/_", "http://user:pw@example.invalid/",
            "http://exa mple.invalid/", "http:///path", "//example.invalid", "/relative", "http://example.invalid:99999/",
            "http://example.invalid/%00", "https://例え.invalid/", "http://[::ffff:127.0.0.1]:9/", "http://2130706433:9/",
            "data:text/html,<script>alert(1)</script>", "mailto:a@example.invalid", "");

    private static final List<String> EVENT_TYPES = List.of("*", "news.published", "issue.updated", "event.deleted", "job.unpublished",
            "member.published", "news.*", "", "NEWS.PUBLISHED", "news.published ", "ping");

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml", "application/json; charset=utf-16",
            "application/json; charset=garbage", "application/json;;", "*/*", "application/*", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "application/merge-patch+json", "application/json-patch+json", "application/json",
            "APPLICATION/JSON", "application/json; charset=\"utf-8\"", "application/json; charset=iso-8859-1", "json", "/",
            "application/json, text/plain", "application/problem+json", "application/ld+json", "text/html", "application/octet-stream",
            "application/json; boundary=" + "x".repeat(2000), "application/json; q=0", "ä/ö", "application/json\u0000");

    private static final List<String> ACCEPTS = List.of("*/*;q=abc", "application/json;q=2", "text/html", "application/ld+json",
            "application/xml", ";;;", "application/json;q=0", "*/*;q=0", "text/calendar", "application/atom+xml",
            "application/problem+json", "image/png", "application/*", "*/json", "application/json, */*;q=0.1", "\u00e4", "",
            "application/json; charset=utf-16", "text/plain;q=1, application/json;q=0", "a".repeat(3000), "application/feed+json");

    private static final List<String> AUTHORIZATIONS = List.of("Bearer", "Bearer ", "bearer %s", "BEARER %s", "Bearer  %s", "Bearer %s ",
            "Bearer\t%s", "Basic dGVzdDp0ZXN0", "Basic %s", "Token %s", "%s", "Bearer %s, Bearer %s", "Bearer %s%s",
            "Bearer not-a-token", "Bearer ' OR '1'='1", "Bearer " + "A".repeat(999), "Bearer " + "A".repeat(5000), "Bearer ä",
            "Bearer %00", "Bearer null", "Bearer undefined", "Digest username=\"admin\"", "Negotiate YII=", "Bearer ${jndi:x}",
            "Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.", "");

    private final List<Operation> operations;
    private final Pools pools;
    private final long seed;

    HostileInput(List<Operation> operations, Pools pools, long seed) {
        this.operations = operations;
        this.pools = pools;
        this.seed = seed;
    }

    /** The random source of case {@code n}: the same for the same seed and number, whatever ran before. */
    static SplittableRandom randomOf(long seed, long n) {
        return new SplittableRandom(seed ^ (n * 0x9E3779B97F4A7C15L));
    }

    // --- one case ----------------------------------------------------------------------------------

    FuzzCase make(long n) {
        SplittableRandom r = randomOf(seed, n);
        Operation op = operations.get(r.nextInt(operations.size()));
        boolean hasBody = !op.bodyTypes().isEmpty();
        String focus = pickWeighted(r, new String[] { "body", "query", "path", "headers", "auth", "http" },
                new int[] { hasBody ? 40 : 6, op.queryParams().isEmpty() ? 8 : 25, op.pathParams().isEmpty() ? 4 : 15, 14, 6, 4 });
        Set<Integer> httpLayer = new HashSet<>();
        boolean mayChange = noIfMatch(op);

        // the path: its parameters plausible, or one of them hostile
        String path = op.template();
        boolean sacrificial = true;
        int hostileParam = op.pathParams().isEmpty() ? -1 : r.nextInt(op.pathParams().size());
        for (int i = 0; i < op.pathParams().size(); i++) {
            String name = op.pathParams().get(i);
            String value;
            if (focus.equals("path") && i == hostileParam) {
                value = hostileSegment(r, op, name);
                sacrificial = false;
            } else {
                String[] chosen = plausibleSegment(r, op, name, mayChange);
                value = chosen[0];
                sacrificial &= chosen[1] != null;
            }
            path = path.replace("{" + name + "}", value);
        }

        // the query
        List<String> query = new ArrayList<>();
        if (focus.equals("query")) {
            hostileQuery(r, op, query, httpLayer);
        } else if (!op.queryParams().isEmpty() && r.nextInt(3) == 0) {
            String name = pick(r, op.queryParams());
            query.add(encode(name) + "=" + encode(plausibleQueryValue(r, name)));
        }
        String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));

        // who asks
        List<String[]> headers = new ArrayList<>();
        int who = r.nextInt(100);
        if (focus.equals("auth")) {
            String form = pick(r, AUTHORIZATIONS);
            String token = r.nextBoolean() ? pools.adminToken() : pools.editorToken();
            headers.add(new String[] { "Authorization", form.replace("%s", token) });
            if (r.nextInt(4) == 0) {
                headers.add(new String[] { "Authorization", "Bearer " + pools.adminToken() });
            }
        } else if (who < 45) {
            headers.add(new String[] { "Authorization", "Bearer " + pools.adminToken() });
        } else if (who < 75) {
            headers.add(new String[] { "Authorization", "Bearer " + pools.editorToken() });
        }

        // the body
        byte[] body = null;
        String contentType = null;
        if (hasBody && (focus.equals("body") || r.nextInt(4) != 0)) {
            body = focus.equals("body") ? hostileBody(r, op, n) : Json.bytes(template(r, op, n), false);
            contentType = pick(r, op.bodyTypes());
            if (contentType.equals("application/merge-patch+json") || contentType.equals("application/json")) {
                contentType += r.nextBoolean() ? "" : "; charset=UTF-8";
            }
        } else if (focus.equals("body")) {
            // a body where the operation takes none
            body = hostileBody(r, op, n);
            contentType = r.nextBoolean() ? "application/json" : pick(r, CONTENT_TYPES);
        }
        if (contentType != null && r.nextInt(10) != 0) {
            headers.add(new String[] { "Content-Type", focus.equals("headers") && r.nextInt(3) == 0 ? pick(r, CONTENT_TYPES) : contentType });
        }
        if (r.nextInt(4) == 0) {
            headers.add(new String[] { "Accept", "application/json" });
        }

        if (focus.equals("headers")) {
            int count = 1 + r.nextInt(3);
            for (int i = 0; i < count; i++) {
                hostileHeader(r, headers, httpLayer);
            }
        }
        String method = op.method();
        if (focus.equals("http")) {
            String[] broken = brokenHttp(r, method, target, headers, body, httpLayer);
            method = broken[0];
            target = broken[1];
            if (broken.length > 2) {
                body = chunked(body == null ? new byte[0] : body);
            }
        }

        // no existing row may change: see the class comment
        boolean write = !op.method().equals("GET") && !op.method().equals("POST") || !method.equals(op.method());
        if (write && op.takesIfMatch() && !(sacrificial && !focus.equals("http") && !op.method().equals("DELETE"))) {
            staleIfMatch(headers);
        }

        for (String[] header : headers) {
            if (!header[0].matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+") || header[1].chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7F)) {
                httpLayer.add(400); // not a header HTTP allows: the HTTP layer refuses the request
            }
        }
        if (target.getBytes(StandardCharsets.UTF_8).length + method.length() + 10 > 4000) {
            httpLayer.add(414);
        }
        int headerBytes = headers.stream().mapToInt(h -> h[0].length() + h[1].getBytes(StandardCharsets.UTF_8).length + 4).sum();
        if (headerBytes > 19_000) {
            httpLayer.add(431);
        }
        return new FuzzCase(n, focus, op.toString(), method, target, headers, body, Set.copyOf(httpLayer));
    }

    /** Operations that change a row and take no If-Match: aimed only at the run's own rows or at ids that do not exist. */
    private static boolean noIfMatch(Operation op) {
        return !op.method().equals("GET") && !op.takesIfMatch() && !op.pathParams().isEmpty();
    }

    /** Every If-Match sent names no representation (no {@code *}); one is added when none was sent. */
    private static void staleIfMatch(List<String[]> headers) {
        boolean sent = false;
        for (String[] header : headers) {
            if (header[0].equalsIgnoreCase("If-Match")) {
                header[1] = header[1].replace("*", "") + ", " + STALE_ETAG;
                sent = true;
            }
        }
        if (!sent) {
            headers.add(new String[] { "If-Match", STALE_ETAG });
        }
    }

    // --- path segments -----------------------------------------------------------------------------

    /** A value for a path parameter, and whether it is the run's own row (non-null second element). */
    private String[] plausibleSegment(SplittableRandom r, Operation op, String name, boolean mayChange) {
        String type = op.type();
        if (name.equals("number") && op.template().contains("/revisions/")) {
            return new String[] { String.valueOf(1 + r.nextInt(3)), "yes" };
        }
        if (name.equals("deliveryId")) {
            return new String[] { uuid(r), "yes" };
        }
        String own = pools.sacrificial().get(type);
        List<String> existing = pools.protectedSegments().getOrDefault(type, List.of());
        int choice = r.nextInt(10);
        if (own != null && (choice < 5 || mayChange && choice < 9)) {
            return new String[] { own, "yes" };
        }
        if (!mayChange && choice < 9 && !existing.isEmpty()) {
            return new String[] { pick(r, existing), null };
        }
        return new String[] { type.equals("issues") ? String.valueOf(900_000 + r.nextInt(99_999)) : uuid(r), null };
    }

    private String hostileSegment(SplittableRandom r, Operation op, String name) {
        int choice = r.nextInt(10);
        String base = noIfMatch(op) ? pools.sacrificial().getOrDefault(op.type(), uuid(r))
                : pick(r, pools.protectedSegments().getOrDefault(op.type(), List.of(uuid(r))));
        return switch (choice) {
            case 0, 1, 2 -> pick(r, HOSTILE_SEGMENTS);
            case 3 -> name.equals("number") || name.equals("deliveryId") ? encode(pick(r, HOSTILE_NUMBERS)) : encode(pick(r, MALICIOUS));
            case 4 -> encode(randomText(r, 1 + r.nextInt(40)));
            case 5 -> "a".repeat(200 + r.nextInt(6000)); // past the request line limit (414) or not
            case 6 -> variant(r, base);
            case 7 -> encode(pick(r, HOSTILE_NUMBERS));
            case 8 -> base + pick(r, List.of("%00", "/", "//", "/..", "/%2e%2e", "%20", ".json", "?", "#x", ";x", "%0A", "~1"));
            default -> encode(pick(r, MALICIOUS)) + "/" + pick(r, HOSTILE_SEGMENTS);
        };
    }

    /** An existing id, slug or number, bent: upper case, percent-encoded, padded, cut. */
    private static String variant(SplittableRandom r, String value) {
        return switch (r.nextInt(7)) {
            case 0 -> value.toUpperCase();
            case 1 -> encodeAll(value);
            case 2 -> value + "%20";
            case 3 -> "%20" + value;
            case 4 -> value.substring(0, Math.max(1, value.length() / 2));
            case 5 -> value + value;
            default -> value.replace("-", "%2D");
        };
    }

    // --- query -------------------------------------------------------------------------------------

    private void hostileQuery(SplittableRandom r, Operation op, List<String> query, Set<Integer> httpLayer) {
        int count = 1 + r.nextInt(3);
        for (int i = 0; i < count; i++) {
            String declared = op.queryParams().isEmpty() ? "limit" : pick(r, op.queryParams());
            switch (r.nextInt(12)) {
                case 0, 1, 2, 3 -> query.add(encode(declared) + "=" + encode(hostileQueryValue(r, declared)));
                case 4 -> query.add(encode(randomName(r)) + "=" + encode(pick(r, MALICIOUS)));
                case 5 -> {
                    query.add(encode(declared) + "=" + encode(plausibleQueryValue(r, declared)));
                    query.add(encode(declared) + "=" + encode(r.nextBoolean() ? plausibleQueryValue(r, declared) : pick(r, MALICIOUS)));
                }
                case 6 -> query.add(pick(r, List.of("=x", "&", "&&", "limit", "=", "%00=1", "a=b=c", "limit=1=2", "%3D=%26",
                        "limit%00=5", "LIMIT=5", "q", "q=", "cursor=", "sort=", "fields=", "include=", "types=", "limit=%2B5", "x[]=1",
                        "limit[]=1", "q[a]=1", "%E2%80%AEq=1", "%C3%A4=1")));
                case 7 -> {
                    // past the request line limit (414), or just long
                    String value = "x".repeat(500 + r.nextInt(6000));
                    query.add(encode(declared) + "=" + value);
                }
                case 8 -> {
                    // malformed percent-encoding and raw bytes a request target may not hold: the HTTP layer's or ours
                    query.add(encode(declared) + "=" + pick(r, List.of("%zz", "%", "%e", "%E2%80", "%FF", "%C0%80", "%ED%A0%80",
                            "ä", "a b", "a\"b", "<x>", "{x}", "a|b", "a\\b", "a^b", "a`b", "%u0041", "%%", "%2")));
                    httpLayer.add(400);
                }
                case 9 -> query.add("cursor=" + encode(hostileCursor(r)));
                case 10 -> query.add("q=" + encode(hostileText(r)));
                default -> query.add(encode(declared) + "=" + encode(randomText(r, 1 + r.nextInt(30))));
            }
        }
    }

    private String plausibleQueryValue(SplittableRandom r, String name) {
        return switch (name) {
            case "limit" -> String.valueOf(1 + r.nextInt(100));
            case "cursor" -> pools.cursors().isEmpty() ? "x" : pick(r, pools.cursors());
            case "sort" -> pick(r, SORTS);
            case "q" -> pick(r, List.of("Kommune", "Digitalisierung", "KDO", "Verwaltung Leipzig", "Schule", "it"));
            case "fields" -> pick(r, List.of("id,title", "id", "name,city", "title,teaser,members", "slug"));
            case "include" -> "members";
            case "tag" -> "Verwaltung";
            case "state" -> pick(r, List.of("DE-NW", "DE-SN", "DE-BY"));
            case "member", "organizer", "employer" -> pools.memberIds().isEmpty() ? "kdo" : pick(r, pools.memberIds());
            case "from", "to" -> pick(r, List.of("2025-01-01", "2025-11-12", "2026-12-31"));
            case "issue" -> "20";
            case "status" -> pick(r, List.of("draft", "published", "scheduled,archived"));
            case "format" -> pick(r, List.of("online", "in_person", "hybrid"));
            case "active", "includeExpired" -> r.nextBoolean() ? "true" : "false";
            case "types" -> pick(r, List.of("news,events", "jobs", "members,issues"));
            case "unsubscribe" -> pick(r, List.of("*|UNSUB|*", "{{ UnsubscribeURL }}"));
            default -> "x";
        };
    }

    private String hostileQueryValue(SplittableRandom r, String name) {
        return switch (name) {
            case "limit" -> pick(r, List.of("0", "-1", "101", "100000000000", "2147483648", "-2147483649", "1.5", "1e2", "0x10",
                    " 5", "5 ", "", "NaN", "٥", "+5", "05", "1,2", "５", "100", "1"));
            case "cursor" -> hostileCursor(r);
            case "sort" -> pick(r, HOSTILE_SORTS);
            case "q" -> hostileText(r);
            case "from", "to" -> pick(r, HOSTILE_DATES);
            case "issue" -> pick(r, HOSTILE_NUMBERS);
            case "fields", "include", "types", "status" -> pick(r, List.of("", ",", "id,id", "nope", "members,members", "*",
                    "id,,title", "title;drop", "ID", "news,news", "draft,draft", "all", ",,,")) ;
            default -> r.nextBoolean() ? pick(r, MALICIOUS) : randomText(r, 1 + r.nextInt(60));
        };
    }

    /** What people (and attackers) type into a search box: tsquery operators and all. */
    private static String hostileText(SplittableRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> pick(r, MALICIOUS);
            case 1 -> pick(r, MALICIOUS) + " " + pick(r, MALICIOUS) + " Kommune";
            case 2 -> "Kommune " + "& ".repeat(1 + r.nextInt(50)) + pick(r, List.of(":*", "!", "|", "<->", ")"));
            default -> randomText(r, 1 + r.nextInt(300));
        };
    }

    private String hostileCursor(SplittableRandom r) {
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        return switch (r.nextInt(8)) {
            case 0 -> randomText(r, 1 + r.nextInt(40));
            case 1 -> {
                byte[] bytes = new byte[r.nextInt(200)];
                r.nextBytes(bytes);
                yield url.encodeToString(bytes);
            }
            case 2, 3 -> {
                // a cursor of the right shape with values of the wrong kind
                List<Object> array = new ArrayList<>();
                array.add(r.nextBoolean() ? pick(r, SORTS) : pick(r, List.of("rank", "-publishedAt", "title", "startAt,title", "")));
                int values = r.nextInt(4);
                for (int i = 0; i < values; i++) {
                    array.add(r.nextBoolean() ? pick(r, HOSTILE_DATES) : hostileValue(r, 1, 0));
                }
                array.add(r.nextBoolean() ? uuid(r) : pick(r, MALICIOUS));
                yield url.encodeToString(Json.bytes(array, r.nextBoolean()));
            }
            case 4 -> url.encodeToString(("before:" + pick(r, HOSTILE_NUMBERS)).getBytes(StandardCharsets.UTF_8));
            case 5 -> {
                String real = pools.cursors().isEmpty() ? "eyJ4Ijp9" : pick(r, pools.cursors());
                int at = r.nextInt(real.length());
                yield switch (r.nextInt(4)) {
                    case 0 -> real.substring(0, at);
                    case 1 -> real.substring(0, at) + pick(r, List.of("A", "_", "-", "+", "/", "=", "%", "é")) + real.substring(at);
                    case 2 -> real + "==";
                    default -> real.replace('-', '+').replace('_', '/');
                };
            }
            case 6 -> url.encodeToString(Json.bytes(hostileValue(r, 0, 0), r.nextBoolean()));
            default -> "x".repeat(1000 + r.nextInt(2500));
        };
    }

    // --- headers -----------------------------------------------------------------------------------

    private void hostileHeader(SplittableRandom r, List<String[]> headers, Set<Integer> httpLayer) {
        switch (r.nextInt(16)) {
            case 0 -> headers.add(new String[] { "If-Match", hostileTag(r) });
            case 1 -> headers.add(new String[] { "If-None-Match", hostileTag(r) });
            case 2 -> headers.add(new String[] { "Accept", pick(r, ACCEPTS) });
            case 3 -> headers.add(new String[] { "Content-Type", pick(r, CONTENT_TYPES) });
            case 4 -> headers.add(new String[] { "Idempotency-Key", pick(r, List.of("", " ", "k".repeat(5000), "ä-ö-ü", "\u202E",
                    "' OR 1=1 --", "<script>", "a,b", "00000000-0000-0000-0000-000000000000", "%00", uuid(r))) });
            case 5 -> {
                // over the header size limit (431)
                headers.add(new String[] { "X-Padding", "x".repeat(20_000 + r.nextInt(20_000)) });
                httpLayer.add(431);
            }
            case 6 -> {
                int many = 50 + r.nextInt(300);
                for (int i = 0; i < many; i++) {
                    headers.add(new String[] { "X-Many-" + i, "v".repeat(r.nextInt(100)) });
                }
            }
            case 7 -> headers.add(new String[] { "Accept-Encoding", pick(r, List.of("gzip;q=abc", "br", "identity;q=0", "*;q=0", "gzip, gzip",
                    "deflate", "compress", "x-gzip", "gzip;q=0", "zstd", ",,,")) });
            case 8 -> headers.add(new String[] { pick(r, List.of("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override")),
                    pick(r, List.of("DELETE", "PUT", "PATCH", "TRACE")) });
            case 9 -> headers.add(new String[] { "Origin", pick(r, List.of("null", "https://evil.example", "file://", "*", "https://redaktion.example.evil",
                    "https://redaktion.example", "javascript:alert(1)", "ä")) });
            case 10 -> headers.add(new String[] { pick(r, List.of("X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "Forwarded",
                    "X-Real-IP", "X-Original-URL", "X-Rewrite-URL")), pick(r, List.of("127.0.0.1", "evil.example", "/v1/tokens", "gopher",
                            "for=\"[::1]\";proto=ftp", "' OR 1=1", "x".repeat(500))) });
            case 11 -> headers.add(new String[] { "Host", pick(r, List.of("evil.example", "localhost:0", "[::1]", "a b", "", "localhost:99999",
                    "x".repeat(300), "localhost@evil.example")) });
            case 12 -> headers.add(new String[] { "Cookie", pick(r, List.of("JSESSIONID=1; quarkus-credential=x", "a=" + "b".repeat(3000), "=;=;",
                    "q-session=' OR 1=1")) });
            case 13 -> headers.add(new String[] { "Range", pick(r, List.of("bytes=0-1", "bytes=-1", "bytes=99999999999-", "lines=1-2", "bytes=1-0")) });
            case 14 -> headers.add(new String[] { "Expect", pick(r, List.of("100-continue", "200-ok", "garbage")) });
            default -> headers.add(new String[] { "X-" + randomName(r), pick(r, MALICIOUS).replaceAll("[\\r\\n\\x00]", "") });
        }
    }

    private static String hostileTag(SplittableRandom r) {
        return pick(r, List.of("*", "W/\"x\"", "\"", ",,,", "\"a\", *", "W/", "\"" + "a".repeat(5000) + "\"", "null", "0", "\"\"",
                "'x'", "* , *", "\"x\" \"y\"", "W/*", "ä", "\"" + uuid(r) + "\""));
    }

    // --- broken HTTP -------------------------------------------------------------------------------

    /** The method and target, with the framing or the request line made malformed; may add headers. */
    private String[] brokenHttp(SplittableRandom r, String method, String target, List<String[]> headers, byte[] body,
            Set<Integer> httpLayer) {
        httpLayer.add(400);
        return switch (r.nextInt(12)) {
            case 0 -> new String[] { method, target + pick(r, List.of("|", "{", "}", "\"", "<", ">", "\\", "^", "`", "ä")) };
            case 1 -> new String[] { method, "http://localhost" + target };
            case 2 -> new String[] { method, target.replace("/v1/", "//v1//") };
            case 3 -> new String[] { method, target.replace("/v1/", "/v1/./") };
            case 4 -> new String[] { method, target.replace("/v1/", "/v1/x/../") };
            case 5 -> new String[] { method, target.substring(1) };
            case 6 -> new String[] { pick(r, List.of("TRACE", "PROPFIND", "CONNECT", "FOO", "get", "HEAD", "OPTIONS", "G ET")), target };
            case 7 -> {
                // both framings at once (request smuggling): the chunked body follows, its length is a lie
                headers.add(new String[] { "Transfer-Encoding", "chunked" });
                headers.add(new String[] { "Content-Length", String.valueOf(body == null ? 0 : body.length) });
                yield new String[] { method, target, "chunked" };
            }
            case 8 -> {
                headers.add(new String[] { pick(r, List.of("X Space", "X-Ä", "X:Colon", "(x)", "X\tTab")), "1" });
                yield new String[] { method, target };
            }
            case 9 -> {
                headers.add(new String[] { "X-Folded", "a\r\n b" });
                yield new String[] { method, target };
            }
            case 10 -> {
                headers.add(new String[] { "Content-Length", pick(r, List.of("-1", "abc", "1, 2", "99999999999999999999", "")) });
                yield new String[] { method, target };
            }
            default -> new String[] { method, target + "#fragment" };
        };
    }

    private static byte[] chunked(byte[] body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        if (body.length > 0) {
            out.writeBytes((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(body);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    // --- bodies ------------------------------------------------------------------------------------

    private byte[] hostileBody(SplittableRandom r, Operation op, long n) {
        boolean raw = r.nextInt(4) == 0;
        return switch (pickWeighted(r, new String[] { "mutated", "random", "notJson", "empty", "wrongTop", "huge" },
                new int[] { 60, 14, 14, 4, 6, 2 })) {
            case "mutated" -> {
                Object template = template(r, op, n);
                if (template instanceof Obj obj) {
                    int mutations = 1 + r.nextInt(3);
                    for (int i = 0; i < mutations; i++) {
                        mutate(r, obj);
                    }
                }
                yield Json.bytes(template, raw);
            }
            case "random" -> Json.bytes(hostileValue(r, 0, 3), raw);
            case "notJson" -> notJson(r);
            case "empty" -> new byte[0];
            case "wrongTop" -> pick(r, List.of("[]", "\"x\"", "1", "null", "true", "[{}]", "{}", "{}{}", "[" + new String(Json.bytes(template(r, op, n), false), StandardCharsets.UTF_8) + "]"))
                    .getBytes(StandardCharsets.UTF_8);
            default -> {
                // past the body limit (1 MB): a 413 problem
                Obj obj = Obj.of("title", "x".repeat(1_100_000), "name", "y");
                yield Json.bytes(obj, false);
            }
        };
    }

    private static byte[] notJson(SplittableRandom r) {
        return switch (r.nextInt(10)) {
            case 0 -> {
                byte[] bytes = new byte[1 + r.nextInt(500)];
                r.nextBytes(bytes);
                yield bytes;
            }
            case 1 -> "<member><name>x</name></member>".getBytes(StandardCharsets.UTF_8);
            case 2 -> "name=x&city=Bonn".getBytes(StandardCharsets.UTF_8);
            case 3 -> "{\"name\":\"x\"".getBytes(StandardCharsets.UTF_8);
            case 4 -> new byte[] { '{', '"', 'n', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' };
            case 5 -> "\uFEFF{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            case 6 -> "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_16);
            case 7 -> "{\"name\":\"x\u0000\"}".getBytes(StandardCharsets.UTF_8);
            case 8 -> ("{" + "\"a\":1,".repeat(20_000) + "\"b\":2}").getBytes(StandardCharsets.UTF_8);
            default -> pick(r, List.of("{'name':'x'}", "{name:\"x\"}", "{\"name\":\"x\",}", "{\"name\":\"x\"} trailing", "/* c */ {}",
                    "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":01}", "{\"a\":.5}", "{\"a\":0x10}", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}",
                    "{\"a\":True}", "{\"a\"::1}", "{,}", "[", "]", "\"", "nul", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\\ud800\"}"))
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    /**
     * One change to a valid body: a value replaced by a hostile one, a member added, removed or
     * repeated, or one set to a value of the right JSON type that the rules refuse.
     */
    private void mutate(SplittableRandom r, Obj obj) {
        List<Object[]> members = obj.members();
        int at = members.isEmpty() ? -1 : r.nextInt(members.size());
        switch (r.nextInt(13)) {
            case 0, 1, 2, 3 -> {
                if (at >= 0) {
                    members.get(at)[1] = hostileValue(r, 0, 2);
                }
            }
            case 4 -> members.add(new Object[] { r.nextBoolean() ? randomName(r) : pick(r, MALICIOUS), hostileValue(r, 0, 1) });
            case 5 -> {
                if (at >= 0) {
                    members.remove(at);
                }
            }
            case 6 -> {
                if (at >= 0) {
                    members.add(new Object[] { members.get(at)[0], r.nextBoolean() ? members.get(at)[1] : hostileValue(r, 0, 1) });
                }
            }
            case 7 -> {
                // one level down: a related row, a part of a nested object
                if (at >= 0 && members.get(at)[1] instanceof Obj nested && !nested.members().isEmpty()) {
                    nested.members().get(r.nextInt(nested.members().size()))[1] = hostileValue(r, 0, 1);
                } else if (at >= 0 && members.get(at)[1] instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Obj first) {
                    if (!first.members().isEmpty()) {
                        first.members().get(r.nextInt(first.members().size()))[1] = hostileValue(r, 0, 1);
                    }
                } else if (at >= 0) {
                    members.get(at)[1] = hostileValue(r, 0, 2);
                }
            }
            case 8 -> members.add(new Object[] { pick(r, List.of("id", "version", "createdAt", "updatedAt", "bodyHtml", "slug", "status",
                    "publishAt", "publishedAt", "secret", "token", "role", "number", "members", "sections", "events", "jobs")),
                    hostileValue(r, 0, 1) });
            case 9 -> {
                if (at >= 0) {
                    members.get(at)[1] = pick(r, List.of(Json.NULL, "", List.of(), Obj.of(), Boolean.TRUE, new Raw("0")));
                }
            }
            default -> {
                // the right JSON type, a value the rules refuse: what reaches validation and the workflow
                String name = pick(r, List.of("status", "publishAt", "publishedAt", "state", "website", "url", "applyUrl", "timeZone",
                        "format", "employmentType", "remote", "startDate", "endDate", "startTime", "endTime", "validThrough", "issueDate",
                        "memberSince", "slug", "role", "expiresAt", "events", "number", "tags", "links", "members"));
                Object value = switch (name) {
                    case "status" -> pick(r, List.of("draft", "scheduled", "published", "archived", "deleted", "PUBLISHED", ""));
                    case "memberSince", "number" -> new Raw(pick(r, List.of("0", "-1", "1800", "3000", "1000001", "2147483647", "1.5")));
                    case "events" -> List.of(pick(r, EVENT_TYPES), pick(r, EVENT_TYPES));
                    case "tags" -> List.of("a".repeat(r.nextInt(300)), "", "Verwaltung", "Verwaltung");
                    case "links" -> List.of(Obj.of("label", "", "url", pick(r, HOSTILE_URLS)));
                    case "members" -> List.of(Obj.of("slug", pick(r, List.of("kdo", "", "x".repeat(300), "' OR 1=1"))), Obj.of("id", uuid(r)));
                    case "slug" -> pick(r, List.of("", "a b", "ÄÖÜ", "-", "a--b", "x".repeat(300), "UPPER", "20", "feed.atom", "calendar.ics"));
                    case "url", "website", "applyUrl" -> pick(r, HOSTILE_URLS);
                    default -> r.nextBoolean() ? pick(r, HOSTILE_DATES) : pick(r, List.of("DE-XX", "Mars/Base", "UTC", "hybrid", "full",
                            "in_person", "part_time", "none", "editor", "admin", "root", "x".repeat(2001)));
                };
                members.add(new Object[] { name, value });
                if (r.nextBoolean()) {
                    members.removeIf(member -> member[0].equals(name) && member[1] != value);
                }
            }
        }
    }

    /** A hostile JSON value; {@code depth} counts the levels above, {@code room} how many may follow. */
    private Object hostileValue(SplittableRandom r, int depth, int room) {
        int kind = r.nextInt(100);
        if (kind < 30) {
            return r.nextBoolean() ? pick(r, MALICIOUS) : randomText(r, r.nextInt(50));
        }
        if (kind < 34) {
            int length = pick(r, List.of(1000, 10_000, 100_000, 300_000, 999_000));
            return "ä".repeat(length / 2);
        }
        if (kind < 48) {
            return new Raw(pick(r, List.of("0", "-1", "-0", "1.0", "0.1", "1e2", "2147483648", "-2147483649", "9223372036854775808",
                    "1e309", "-1e309", "1e-400", "123456789012345678901234567890123456789", "1" + "0".repeat(5000),
                    "1E999999999", "0.0000000000000000000000000001", "3.4028236e38", "4.9e-325")));
        }
        if (kind < 56 && room > 0) {
            List<Object> list = new ArrayList<>();
            int size = r.nextInt(6);
            for (int i = 0; i < size; i++) {
                list.add(hostileValue(r, depth + 1, room - 1));
            }
            return list;
        }
        if (kind < 62 && room > 0) {
            Obj obj = Obj.of();
            int size = r.nextInt(5);
            for (int i = 0; i < size; i++) {
                obj.members().add(new Object[] { r.nextBoolean() ? randomName(r) : pick(r, List.of("id", "slug", "url", "name", "title")),
                        hostileValue(r, depth + 1, room - 1) });
            }
            return obj;
        }
        if (kind < 66) {
            int levels = pick(r, List.of(50, 500, 999, 1001, 3000, 20_000));
            boolean arrays = r.nextBoolean();
            return new Raw((arrays ? "[" : "{\"a\":").repeat(levels) + "1" + (arrays ? "]" : "}").repeat(levels));
        }
        if (kind < 74) {
            return pick(r, List.of(Boolean.TRUE, Boolean.FALSE, Json.NULL));
        }
        if (kind < 78) {
            return new Raw(pick(r, List.of("NaN", "Infinity", "undefined", "'x'", "0x10", "01", ".5", "1.", "\"\\x\"", "\"\\u12\"", "True",
                    "+1", "--1", "1e", "\"a\"\"b\"", "\"\t\"")));
        }
        if (kind < 88) {
            return pick(r, HOSTILE_DATES);
        }
        if (kind < 93) {
            return pick(r, List.of("00000000-0000-0000-0000-000000000000", uuid(r), "not-a-uuid", uuid(r).toUpperCase(),
                    "{" + uuid(r) + "}", "1-1-1-1-1", uuid(r) + "0"));
        }
        return pick(r, HOSTILE_URLS);
    }

    /** A valid body (or merge patch) for the operation, with unique values, that hostile changes start from. */
    private Object template(SplittableRandom r, Operation op, long n) {
        String unique = "Fuzz " + Long.toHexString(seed) + "-" + n;
        String type = op.type();
        if (op.method().equals("PATCH")) {
            return switch (type) {
                case "members" -> Obj.of("city", "Bonn", "description", unique);
                case "webhooks" -> Obj.of("description", unique, "active", Boolean.FALSE);
                case "events" -> Obj.of("title", unique, "endDate", "2025-12-03");
                default -> Obj.of("title", unique);
            };
        }
        String member = pools.memberIds().isEmpty() ? uuid(r) : pick(r, pools.memberIds());
        return switch (type) {
            case "members" -> Obj.of("name", unique, "shortName", "F", "city", "Aachen", "state", "DE-NW", "website", "https://example.org",
                    "description", "Mitglied", "logo", Obj.of("url", "https://example.org/logo.png", "alt", "Logo", "credit", "Foto: X"),
                    "memberSince", new Raw("2005"), "active", Boolean.TRUE);
            case "news" -> Obj.of("title", unique, "teaser", "Anreißer", "body", "Ein **Text**.", "tags", List.of("Verwaltung"),
                    "region", Obj.of("state", "DE-SN", "place", "Leipzig"), "members", List.of(Obj.of("id", member)),
                    "links", List.of(Obj.of("label", "Mehr", "url", "https://example.org")),
                    "image", Obj.of("url", "https://example.org/b.jpg", "alt", "Bild", "credit", "Foto: Y"), "status", "draft");
            case "events" -> Obj.of("title", unique, "startDate", "2025-12-02", "startTime", "14:00", "endTime", "17:00",
                    "timeZone", "Europe/Berlin", "format", "hybrid", "location", Obj.of("city", "Karlsruhe", "venue", "Halle"),
                    "organizer", Obj.of("name", "KGSt", "member", Obj.of("id", member)), "url", "https://example.org", "status", "draft");
            case "jobs" -> Obj.of("title", unique, "employer", Obj.of("name", "KDO", "member", Obj.of("id", member)),
                    "location", Obj.of("city", "Oldenburg", "state", "DE-NI"), "employmentType", "full_time", "remote", "hybrid",
                    "salary", "E 11 TVöD", "description", "Wir suchen.", "applyUrl", "https://example.org/jobs", "validThrough", "2030-01-01",
                    "status", "draft");
            case "issues" -> Obj.of("number", new Raw(String.valueOf(400_000 + r.nextInt(300_000))), "title", unique, "issueDate", "2025-11-12",
                    "place", "Berlin", "editorial", Obj.of("salutation", "Liebe Leser,", "body", "Text", "signoff", "Ihr Team"),
                    "sections", List.of(Obj.of("heading", "Aus dem Verband", "news",
                            List.of(Obj.of("id", pools.newsIds().isEmpty() ? uuid(r) : pick(r, pools.newsIds()))))),
                    "status", "draft");
            case "tokens" -> Obj.of("name", unique, "role", r.nextBoolean() ? "editor" : "admin", "expiresAt", "2030-01-01T00:00:00Z");
            case "webhooks" -> Obj.of("url", pick(r, HOSTILE_URLS.subList(0, 4)), "events", List.of(pick(r, EVENT_TYPES)),
                    "description", unique, "active", Boolean.FALSE);
            default -> Obj.of("name", unique);
        };
    }

    // --- building blocks ---------------------------------------------------------------------------

    /** Text from every corner of Unicode: controls, combining marks, bidi controls, lone surrogates, noncharacters, emoji. */
    static String randomText(SplittableRandom r, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            switch (r.nextInt(12)) {
                case 0 -> text.append((char) r.nextInt(0x20));
                case 1 -> text.append((char) (0x300 + r.nextInt(0x70)));
                case 2 -> text.append((char) (0x590 + r.nextInt(0x370)));
                case 3 -> text.append((char) pick(r, List.of(0x200B, 0x200E, 0x200F, 0x202A, 0x202E, 0x2066, 0x2069, 0x2028, 0x2029,
                        0xFEFF, 0xFFFE, 0xFFFF, 0xFFFD, 0x7F, 0x85, 0xA0)).intValue());
                case 4 -> text.append((char) (0xD800 + r.nextInt(0x800)));
                case 5 -> text.appendCodePoint(0x1F300 + r.nextInt(0x300));
                case 6 -> text.append((char) (0x4E00 + r.nextInt(0x5000)));
                case 7 -> text.append(pick(r, List.of("ä", "ö", "ü", "ß", "Ä", "ẞ", "İ", "ı")));
                case 8 -> text.appendCodePoint(pick(r, List.of(0x10FFFF, 0xE0001, 0x1D11E, 0xF0000)));
                default -> text.append((char) (0x20 + r.nextInt(0x5F)));
            }
        }
        return text.toString();
    }

    private static String randomName(SplittableRandom r) {
        return pick(r, List.of("nmae", "titel", "__proto__", "constructor", "$where", "password", "admin", "debug", "x", "",
                "a".repeat(300), "q ", "limit ", " q", "Limit", "id", "callback", "jsonp", "_method", "class", "@type"));
    }

    private static String uuid(SplittableRandom r) {
        return new UUID(r.nextLong(), r.nextLong()).toString();
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters, from UTF-8 (a lone surrogate becomes '?'). */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static String encodeAll(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            out.append('%').append(String.format("%02X", b & 0xFF));
        }
        return out.toString();
    }

    static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    private static String pickWeighted(SplittableRandom r, String[] names, int[] weights) {
        int total = 0;
        for (int weight : weights) {
            total += weight;
        }
        int at = r.nextInt(total);
        for (int i = 0; i < names.length; i++) {
            at -= weights[i];
            if (at < 0) {
                return names[i];
            }
        }
        return names[names.length - 1];
    }
}
