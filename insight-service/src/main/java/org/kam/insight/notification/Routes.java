package org.kam.insight.notification;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.kam.chassis.web.NotFoundException;
import org.kam.insight.collection.Tier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The routing rules people edit; owns {@code notification_route}. Read on every fact notified, so
 * kept in memory and read again after a change here or, for changes made by another instance, at
 * most {@link #REREAD_AFTER_MILLIS} later.
 */
@Repository
public class Routes {

    static final long REREAD_AFTER_MILLIS = 5_000;

    private final JdbcTemplate jdbc;
    private volatile Cached cached;

    Routes(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Route> all() {
        return jdbc.query("select * from notification_route order by position, id", Routes::route);
    }

    public Route get(long id) {
        return jdbc.query("select * from notification_route where id = ?", Routes::route, id).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("No notification route " + id));
    }

    /** The routing of the routes as they are now (or were at most a few seconds ago). */
    Routing routing() {
        Cached now = cached;
        if (now == null || System.currentTimeMillis() - now.readAt() > REREAD_AFTER_MILLIS) {
            now = new Cached(new Routing(all()), System.currentTimeMillis());
            cached = now;
        }
        return now.routing();
    }

    @Transactional
    public Route add(Route route) {
        Long id = jdbc.query(connection -> write(connection, """
                insert into notification_route (position, name, kinds, tiers, product_lines, min_severity, departments,
                    severity, keep_defaults, continue_matching) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""", route, null),
                rs -> rs.next() ? rs.getLong(1) : null);
        cached = null;
        return get(id);
    }

    @Transactional
    public Route replace(long id, Route route) {
        int updated = jdbc.update(connection -> write(connection, """
                update notification_route set position = ?, name = ?, kinds = ?, tiers = ?, product_lines = ?,
                    min_severity = ?, departments = ?, severity = ?, keep_defaults = ?, continue_matching = ?
                where id = ?""", route, id));
        if (updated == 0) {
            throw new NotFoundException("No notification route " + id);
        }
        cached = null;
        return get(id);
    }

    @Transactional
    public void remove(long id) {
        if (jdbc.update("delete from notification_route where id = ?", id) == 0) {
            throw new NotFoundException("No notification route " + id);
        }
        cached = null;
    }

    private static PreparedStatement write(Connection connection, String sql, Route route, Long id) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setInt(1, route.position());
        statement.setString(2, route.name());
        statement.setArray(3, texts(connection, route.kinds()));
        statement.setArray(4, texts(connection, route.tiers()));
        statement.setArray(5, texts(connection, route.productLines()));
        statement.setString(6, route.minSeverity().name());
        statement.setArray(7, texts(connection, route.departments()));
        statement.setString(8, route.severity() == null ? null : route.severity().name());
        statement.setBoolean(9, route.keepDefaults());
        statement.setBoolean(10, route.continueMatching());
        if (id != null) {
            statement.setLong(11, id);
        }
        return statement;
    }

    private static Array texts(Connection connection, Collection<?> values) throws SQLException {
        return connection.createArrayOf("text", values.stream().map(String::valueOf).sorted().toArray());
    }

    private static Route route(ResultSet rs, int row) throws SQLException {
        String severity = rs.getString("severity");
        return new Route(rs.getLong("id"), rs.getInt("position"), rs.getString("name"),
                strings(rs, "kinds").stream().map(Kind::valueOf).collect(Collectors.toSet()),
                strings(rs, "tiers").stream().map(Tier::valueOf).collect(Collectors.toSet()),
                Set.copyOf(strings(rs, "product_lines")), Severity.valueOf(rs.getString("min_severity")),
                strings(rs, "departments").stream().map(Department::valueOf).toList(),
                severity == null ? null : Severity.valueOf(severity), rs.getBoolean("keep_defaults"),
                rs.getBoolean("continue_matching"));
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        return Arrays.asList((String[]) rs.getArray(column).getArray());
    }

    private record Cached(Routing routing, long readAt) {
    }
}
