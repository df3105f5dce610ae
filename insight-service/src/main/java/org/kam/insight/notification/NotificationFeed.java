package org.kam.insight.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The notifications issued so far, newest first. */
@Repository
public class NotificationFeed {

    private final JdbcTemplate jdbc;

    NotificationFeed(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The newest {@code limit} notifications, of one department or (when null) of all. */
    public List<Notification> latest(Department department, int limit) {
        if (department == null) {
            return jdbc.query("select * from notification order by occurred_at desc, id limit ?",
                    NotificationFeed::notification, limit);
        }
        return jdbc.query("select * from notification where department = ? order by occurred_at desc, id limit ?",
                NotificationFeed::notification, department.name(), limit);
    }

    private static Notification notification(ResultSet rs, int row) throws SQLException {
        return new Notification(rs.getObject("id", UUID.class), Department.valueOf(rs.getString("department")),
                Kind.valueOf(rs.getString("kind")), rs.getString("account_id"), rs.getString("sku"),
                rs.getString("message"), rs.getObject("source_event_id", UUID.class),
                rs.getTimestamp("occurred_at").toInstant());
    }
}
