package org.kam.insight.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.kam.chassis.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Notifications turned into something someone must do by a date; owns {@code notification_action}.
 * An action still open after its due date is escalated to MANAGEMENT once ({@link #escalateOverdue}).
 */
@Repository
public class Actions {

    private final JdbcTemplate jdbc;
    private final NotificationFeed feed;
    private final Notifier notifier;
    private final Clock clock;

    Actions(JdbcTemplate jdbc, NotificationFeed feed, Notifier notifier, Clock clock) {
        this.jdbc = jdbc;
        this.feed = feed;
        this.notifier = notifier;
        this.clock = clock;
    }

    @Transactional
    public Action create(UUID notificationId, String owner, LocalDate dueOn, String note, String by) {
        feed.get(notificationId).orElseThrow(() -> new NotFoundException("No notification " + notificationId));
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into notification_action (id, notification_id, owner, due_on, note, created_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""", id, notificationId, owner, dueOn, note, by, Timestamp.from(clock.instant()));
        return get(id);
    }

    public Action get(UUID id) {
        return jdbc.query("select * from notification_action where id = ?", this::action, id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No action " + id));
    }

    /** Actions, soonest due first; of one owner or all, in one state or all. */
    public List<Action> find(String owner, State state, int limit) {
        String where = switch (state == null ? State.ANY : state) {
            case OPEN -> " and done_at is null";
            case OVERDUE -> " and done_at is null and due_on < ?";
            case DONE -> " and done_at is not null";
            case ANY -> "";
        };
        String sql = "select * from notification_action where (?::text is null or owner = ?)" + where
                + " order by due_on, created_at, id limit ?";
        return state == State.OVERDUE
                ? jdbc.query(sql, this::action, owner, owner, today(), limit)
                : jdbc.query(sql, this::action, owner, owner, limit);
    }

    /** Done by {@code who}; done again changes nothing. */
    @Transactional
    public Action done(UUID id, String who) {
        jdbc.update("update notification_action set done_at = ?, done_by = ? where id = ? and done_at is null",
                Timestamp.from(clock.instant()), who, id);
        return get(id);
    }

    /**
     * Tells MANAGEMENT of each open action past its due date that was not escalated yet, and marks it
     * escalated, in one transaction; rows another instance is escalating are skipped.
     */
    @Transactional
    public int escalateOverdue(int limit) {
        List<Action> overdue = jdbc.query("""
                select * from notification_action where done_at is null and escalated_at is null and due_on < ?
                order by due_on, id limit ? for update skip locked""", this::action, today(), limit);
        for (Action action : overdue) {
            Notification notification = feed.get(action.notificationId()).orElseThrow();
            notifier.actionOverdue(action.id(), notification, action.owner(), action.dueOn());
            jdbc.update("update notification_action set escalated_at = ? where id = ?", Timestamp.from(clock.instant()),
                    action.id());
        }
        return overdue.size();
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private Action action(ResultSet rs, int row) throws SQLException {
        LocalDate due = rs.getObject("due_on", LocalDate.class);
        Timestamp done = rs.getTimestamp("done_at");
        Timestamp escalated = rs.getTimestamp("escalated_at");
        boolean overdue = done == null && due.isBefore(today());
        return new Action(rs.getObject("id", UUID.class), rs.getObject("notification_id", UUID.class),
                rs.getString("owner"), due, rs.getString("note"), rs.getString("created_by"),
                rs.getTimestamp("created_at").toInstant(), done == null ? null : done.toInstant(), rs.getString("done_by"),
                overdue, escalated == null ? null : escalated.toInstant());
    }

    /** Which actions to list. */
    public enum State {
        /** Not done yet. */
        OPEN,
        /** Not done, and its due date has passed. */
        OVERDUE,
        /** Done. */
        DONE,
        /** All. */
        ANY
    }

    /** @param escalatedAt when MANAGEMENT was told it is overdue (null: not yet, or never needed) */
    public record Action(UUID id, UUID notificationId, String owner, LocalDate dueOn, String note, String createdBy,
            Instant createdAt, Instant doneAt, String doneBy, boolean overdue, Instant escalatedAt) {
    }
}
