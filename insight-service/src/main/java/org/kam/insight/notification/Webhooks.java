package org.kam.insight.notification;

import java.net.URI;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.kam.chassis.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The webhooks notifications are pushed to; owns {@code webhook}. */
@Repository
public class Webhooks {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile Cached cached;

    Webhooks(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A new webhook; without a secret, one is made (and returned this once). */
    @Transactional
    public Webhook add(String name, URI url, List<Department> departments, Severity minSeverity, String secret) {
        UUID id = UUID.randomUUID();
        String key = secret != null ? secret : randomSecret();
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("""
                    insert into webhook (id, name, url, departments, min_severity, secret, created_at)
                    values (?, ?, ?, ?, ?, ?, ?)""");
            insert.setObject(1, id);
            insert.setString(2, name);
            insert.setString(3, url.toString());
            insert.setArray(4, connection.createArrayOf("text", departments.stream().map(Enum::name).sorted().toArray()));
            insert.setString(5, minSeverity.name());
            insert.setString(6, key);
            insert.setTimestamp(7, Timestamp.from(clock.instant()));
            return insert;
        });
        cached = null;
        return get(id).withSecret(key);
    }

    public List<Webhook> all() {
        return jdbc.query("select * from webhook order by created_at, id", Webhooks::webhook);
    }

    public Webhook get(UUID id) {
        return jdbc.query("select * from webhook where id = ?", Webhooks::webhook, id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No webhook " + id));
    }

    /** Removes it with its deliveries. */
    @Transactional
    public void remove(UUID id) {
        if (jdbc.update("delete from webhook where id = ?", id) == 0) {
            throw new NotFoundException("No webhook " + id);
        }
        cached = null;
    }

    /** The active webhooks that want {@code notification}: its department (or all) and its severity or less. */
    List<Webhook> wanting(Notification notification) {
        Cached now = cached;
        if (now == null || System.currentTimeMillis() - now.readAt() > Routes.REREAD_AFTER_MILLIS) {
            now = new Cached(jdbc.query("select * from webhook where active", Webhooks::webhook), System.currentTimeMillis());
            cached = now;
        }
        return now.webhooks().stream()
                .filter(hook -> hook.departments().isEmpty() || hook.departments().contains(notification.department()))
                .filter(hook -> notification.severity().atLeast(hook.minSeverity()))
                .toList();
    }

    private String randomSecret() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Webhook webhook(ResultSet rs, int row) throws SQLException {
        return new Webhook(rs.getObject("id", UUID.class), rs.getString("name"), URI.create(rs.getString("url")),
                Arrays.stream((String[]) rs.getArray("departments").getArray()).map(Department::valueOf).toList(),
                Severity.valueOf(rs.getString("min_severity")), rs.getBoolean("active"), null);
    }

    /**
     * @param departments empty: every department
     * @param secret      shown only in the answer that created it; deliveries carry
     *                    {@code X-KAM-Signature: sha256=<hex HMAC-SHA256 of the body with it>}
     */
    public record Webhook(UUID id, String name, URI url, List<Department> departments, Severity minSeverity,
            boolean active, String secret) {

        Webhook withSecret(String key) {
            return new Webhook(id, name, url, departments, minSeverity, active, key);
        }
    }

    private record Cached(List<Webhook> webhooks, long readAt) {
    }
}
