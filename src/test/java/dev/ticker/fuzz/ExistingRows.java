package dev.ticker.fuzz;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The rows that existed before the fuzz run, read over JDBC: their ids, taken once, and a digest of
 * each table's rows among them (every column), of the relations they own and of their revisions.
 * Equal digests before and after the run mean no request changed or deleted any of them; the rows
 * the run creates are not among the ids, so creating is allowed.
 *
 * <p>Two kinds of existing rows change without any request and are left out: content that is
 * {@code scheduled} (the scheduler publishes it when due; other suites leave some behind) and the
 * delivery state of webhook subscriptions ({@code active}, {@code disabled_reason}, their
 * {@code version} and {@code updated_at}: the dispatcher disables a subscription whose receiver
 * keeps failing). The subscription's URL, events, description and secrets are compared.
 */
final class ExistingRows {

    private static final List<String> CONTENT = List.of("member", "news", "event", "job", "issue");

    private final Map<String, UUID[]> ids = new LinkedHashMap<>();

    private ExistingRows() {
    }

    /** Takes the ids of the rows there now. */
    static ExistingRows now(DataSource dataSource) throws SQLException {
        ExistingRows rows = new ExistingRows();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : CONTENT) {
                String where = table.equals("member") ? "" : " where status <> 'scheduled'";
                rows.ids.put(table, ids(statement, "select id from " + table + where));
            }
            rows.ids.put("access_token", ids(statement, "select id from access_token"));
            rows.ids.put("webhook_subscription", ids(statement, "select id from webhook_subscription"));
        }
        return rows;
    }

    int count() {
        return ids.values().stream().mapToInt(a -> a.length).sum();
    }

    private static UUID[] ids(Statement statement, String query) throws SQLException {
        List<UUID> found = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery(query)) {
            while (rs.next()) {
                found.add(rs.getObject(1, UUID.class));
            }
        }
        return found.toArray(UUID[]::new);
    }

    /** Per table (and relation), the number of those rows still there and an md5 of all their columns. */
    Map<String, String> digest(DataSource dataSource) throws SQLException {
        Map<String, String> digest = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String table : CONTENT) {
                digest.put(table, one(connection, "select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t.id)), '')"
                        + " from " + table + " t where t.id = any(?)", ids.get(table)));
            }
            digest.put("news_member", one(connection, "select count(*) || ':' || coalesce(md5(string_agg(t::text, '|'"
                    + " order by t.news_id, t.position)), '') from news_member t where t.news_id = any(?)", ids.get("news")));
            digest.put("issue_section", one(connection, "select count(*) || ':' || coalesce(md5(string_agg(t::text, '|'"
                    + " order by t.id)), '') from issue_section t where t.issue_id = any(?)", ids.get("issue")));
            digest.put("issue_section_news", one(connection, "select count(*) || ':' || coalesce(md5(string_agg(t::text, '|'"
                    + " order by t.section_id, t.position)), '') from issue_section_news t join issue_section s on s.id = t.section_id"
                    + " where s.issue_id = any(?)", ids.get("issue")));
            for (String relation : List.of("issue_event", "issue_job")) {
                digest.put(relation, one(connection, "select count(*) || ':' || coalesce(md5(string_agg(t::text, '|'"
                        + " order by t.issue_id, t.position)), '') from " + relation + " t where t.issue_id = any(?)", ids.get("issue")));
            }
            List<UUID> content = new ArrayList<>();
            CONTENT.forEach(table -> content.addAll(List.of(ids.get(table))));
            digest.put("revision", one(connection, "select count(*) || ':' || coalesce(md5(string_agg(t.resource_id || '/' || t.number"
                    + " || '/' || t.version, '|' order by t.resource_id, t.number)), '') from revision t where t.resource_id = any(?)",
                    content.toArray(UUID[]::new)));
            digest.put("access_token", one(connection, "select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by t.id)), '')"
                    + " from access_token t where t.id = any(?)", ids.get("access_token")));
            digest.put("webhook_subscription", one(connection, "select count(*) || ':' || coalesce(md5(string_agg(concat_ws(' ', t.id, t.url,"
                    + " t.events, t.description, t.secret, t.previous_secret, t.created_at), '|' order by t.id)), '')"
                    + " from webhook_subscription t where t.id = any(?)", ids.get("webhook_subscription")));
        }
        return digest;
    }

    private static String one(Connection connection, String query, UUID[] ids) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            Array array = connection.createArrayOf("uuid", ids);
            statement.setArray(1, array);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
