package org.kam.insight.notification;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.kam.chassis.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each push of a notification to a webhook; owns {@code webhook_delivery}. A delivery is queued in
 * the transaction that issues the notification (nothing lost), claimed by a sender with a lease (an
 * instance that dies mid-send leaves it to be tried again: at least once, receivers tell repeats by
 * {@code X-KAM-Delivery}), and ends DELIVERED or, after the last retry, PARKED.
 */
@Repository
public class WebhookDeliveries {

    private final JdbcTemplate jdbc;
    private final Webhooks webhooks;
    private final Clock clock;

    WebhookDeliveries(JdbcTemplate jdbc, Webhooks webhooks, Clock clock) {
        this.jdbc = jdbc;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void enqueue(Notification notification) {
        for (Webhooks.Webhook hook : webhooks.wanting(notification)) {
            UUID id = UUID.nameUUIDFromBytes((hook.id() + "/" + notification.id()).getBytes(StandardCharsets.UTF_8));
            jdbc.update("""
                    insert into webhook_delivery (id, webhook_id, notification_id, status, next_attempt_at, created_at)
                    values (?, ?, ?, 'PENDING', ?, ?) on conflict do nothing""",
                    id, hook.id(), notification.id(), Timestamp.from(clock.instant()), Timestamp.from(clock.instant()));
        }
    }

    /** Up to {@code limit} due deliveries, each leased for {@code lease} (not claimed again meanwhile). */
    @Transactional
    List<Claimed> claimDue(int limit, Duration lease) {
        Instant now = clock.instant();
        return jdbc.query("""
                update webhook_delivery d set next_attempt_at = ?
                from webhook w
                where d.id in (select id from webhook_delivery where status = 'PENDING' and next_attempt_at <= ?
                               order by next_attempt_at limit ? for update skip locked)
                  and w.id = d.webhook_id
                returning d.id, d.webhook_id, d.notification_id, d.attempts, w.url, w.secret""",
                (rs, row) -> new Claimed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getInt(4), rs.getString(5), rs.getString(6)),
                Timestamp.from(now.plus(lease)), Timestamp.from(now), limit);
    }

    @Transactional
    void delivered(UUID id, int status) {
        jdbc.update("""
                update webhook_delivery set status = 'DELIVERED', attempts = attempts + 1, last_status = ?,
                    last_error = null, delivered_at = ? where id = ?""", status, Timestamp.from(clock.instant()), id);
    }

    /** A failed attempt: tried again after {@code retryAfter}, or parked when that is null. */
    @Transactional
    void failed(UUID id, Integer status, String error, Duration retryAfter) {
        String cut = error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error;
        if (retryAfter == null) {
            jdbc.update("""
                    update webhook_delivery set status = 'PARKED', attempts = attempts + 1, last_status = ?, last_error = ?
                    where id = ?""", status, cut, id);
        } else {
            jdbc.update("""
                    update webhook_delivery set attempts = attempts + 1, last_status = ?, last_error = ?, next_attempt_at = ?
                    where id = ?""", status, cut, Timestamp.from(clock.instant().plus(retryAfter)), id);
        }
    }

    public List<Delivery> find(String status, int limit) {
        return jdbc.query("""
                select d.*, w.name from webhook_delivery d join webhook w on w.id = d.webhook_id
                where (?::text is null or d.status = ?) order by d.created_at desc, d.id limit ?""",
                WebhookDeliveries::delivery, status, status, limit);
    }

    /** A parked delivery tried again from the start. */
    @Transactional
    public Delivery retry(UUID id) {
        int updated = jdbc.update("""
                update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = ?
                where id = ? and status = 'PARKED'""", Timestamp.from(clock.instant()), id);
        if (updated == 0) {
            throw new NotFoundException("No parked webhook delivery " + id);
        }
        return find(null, Integer.MAX_VALUE).stream().filter(delivery -> delivery.id().equals(id)).findFirst().orElseThrow();
    }

    long parked() {
        Long count = jdbc.queryForObject("select count(*) from webhook_delivery where status = 'PARKED'", Long.class);
        return count == null ? 0 : count;
    }

    private static Delivery delivery(ResultSet rs, int row) throws SQLException {
        Timestamp delivered = rs.getTimestamp("delivered_at");
        return new Delivery(rs.getObject("id", UUID.class), rs.getObject("webhook_id", UUID.class), rs.getString("name"),
                rs.getObject("notification_id", UUID.class), rs.getString("status"), rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(), (Integer) rs.getObject("last_status"),
                rs.getString("last_error"), delivered == null ? null : delivered.toInstant());
    }

    record Claimed(UUID id, UUID webhookId, UUID notificationId, int attempts, String url, String secret) {
    }

    /** @param lastStatus the receiver's last HTTP status (null: it never answered) */
    public record Delivery(UUID id, UUID webhookId, String webhook, UUID notificationId, String status, int attempts,
            Instant nextAttemptAt, Integer lastStatus, String lastError, Instant deliveredAt) {
    }
}
