package org.kam.insight.notification;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.kam.chassis.web.NotFoundException;
import org.kam.insight.collection.Tier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The notifications issued so far; owns {@code notification}. */
@Repository
public class NotificationFeed {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    NotificationFeed(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Keeps the notifications one fact issued, in one statement (a sale of a key account tells
     * several departments: one round trip, not one each); answers the ids kept now, without those
     * kept before (a replayed fact).
     */
    Set<UUID> storeAll(List<Notification> notifications) {
        if (notifications.isEmpty()) {
            return Set.of();
        }
        StringBuilder sql = new StringBuilder("""
                insert into notification (id, department, kind, severity, account_id, sku, tier, product_line, message,
                    source_event_id, occurred_at) values """);
        for (int i = 0; i < notifications.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }
        sql.append(" on conflict do nothing returning id");
        Set<UUID> stored = new HashSet<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement(sql.toString());
            int column = 1;
            for (Notification notification : notifications) {
                statement.setObject(column++, notification.id());
                statement.setString(column++, notification.department().name());
                statement.setString(column++, notification.kind().name());
                statement.setString(column++, notification.severity().name());
                statement.setString(column++, notification.accountId());
                statement.setString(column++, notification.sku());
                statement.setString(column++, notification.tier() == null ? null : notification.tier().name());
                statement.setString(column++, notification.productLine());
                statement.setString(column++, notification.message());
                statement.setObject(column++, notification.sourceEventId());
                statement.setTimestamp(column++, Timestamp.from(notification.occurredAt()));
            }
            return statement;
        }, (RowCallbackHandler) rs -> stored.add(rs.getObject(1, UUID.class)));
        return stored;
    }

    /** The newest {@code limit} notifications, of one department or (when null) of all. */
    public List<Notification> latest(Department department, int limit) {
        return find(new Filter(department, null, null, null, null), limit);
    }

    /** The newest {@code limit} notifications that pass the filter (null parts: anything). */
    public List<Notification> find(Filter filter, int limit) {
        StringBuilder sql = new StringBuilder("select * from notification where true");
        List<Object> arguments = new ArrayList<>();
        if (filter.department() != null) {
            sql.append(" and department = ?");
            arguments.add(filter.department().name());
        }
        if (filter.kind() != null) {
            sql.append(" and kind = ?");
            arguments.add(filter.kind().name());
        }
        if (filter.minSeverity() != null) {
            sql.append(" and severity = any (?)");
            arguments.add(java.util.Arrays.stream(Severity.values()).filter(s -> s.atLeast(filter.minSeverity()))
                    .map(Enum::name).toArray(String[]::new));
        }
        if (filter.acknowledged() != null) {
            sql.append(filter.acknowledged() ? " and acknowledged_at is not null" : " and acknowledged_at is null");
        }
        if (filter.accountId() != null) {
            sql.append(" and account_id = ?");
            arguments.add(filter.accountId());
        }
        sql.append(" order by occurred_at desc, id limit ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), NotificationFeed::notification, arguments.toArray());
    }

    public Optional<Notification> get(UUID id) {
        return jdbc.query("select * from notification where id = ?", NotificationFeed::notification, id).stream().findFirst();
    }

    /** Marks it seen by {@code who}; acknowledging again changes nothing (the first acknowledgement stays). */
    @Transactional
    public Notification acknowledge(UUID id, String who) {
        jdbc.update("update notification set acknowledged_at = ?, acknowledged_by = ? where id = ? and acknowledged_at is null",
                Timestamp.from(clock.instant()), who, id);
        return get(id).orElseThrow(() -> new NotFoundException("No notification " + id));
    }

    /** Unacknowledged notifications per department, for the digest and the metrics. */
    public long unacknowledged(Department department) {
        Long count = jdbc.queryForObject("select count(*) from notification where department = ? and acknowledged_at is null",
                Long.class, department.name());
        return count == null ? 0 : count;
    }

    private static Notification notification(ResultSet rs, int row) throws SQLException {
        String tier = rs.getString("tier");
        Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
        return new Notification(rs.getObject("id", UUID.class), Department.valueOf(rs.getString("department")),
                Kind.valueOf(rs.getString("kind")), Severity.valueOf(rs.getString("severity")),
                rs.getString("account_id"), rs.getString("sku"), tier == null ? null : Tier.valueOf(tier),
                rs.getString("product_line"), rs.getString("message"), rs.getObject("source_event_id", UUID.class),
                rs.getTimestamp("occurred_at").toInstant(), acknowledged == null ? null : acknowledged.toInstant(),
                rs.getString("acknowledged_by"));
    }

    /** @param minSeverity this or worse; @param acknowledged true: only acknowledged, false: only open */
    public record Filter(Department department, Kind kind, Severity minSeverity, Boolean acknowledged, String accountId) {
    }
}
