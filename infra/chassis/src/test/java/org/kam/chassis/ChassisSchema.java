package org.kam.chassis;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.kam.testsupport.TestDatabase;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/** A fresh database on the test server with the chassis' tables (outbox, inbox), for the chassis' own tests. */
public final class ChassisSchema {

    private static final String[] MIGRATIONS = { "db/chassis/V0_1__outbox_and_inbox.sql",
            "db/chassis/V0_2__outbox_parking.sql", "db/chassis/V0_3__outbox_trace_context.sql" };

    private ChassisSchema() {
    }

    /** Creates database {@code name} and applies the first {@code migrations} chassis migrations (all when more). */
    public static DataSource create(String name, int migrations) throws SQLException {
        String server = TestDatabase.serverUrl();
        try (Connection connection = DriverManager.getConnection(server, TestDatabase.user(), TestDatabase.password())) {
            connection.createStatement().execute("create database " + name);
        }
        var dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
                server.replaceFirst("/[^/]*$", "/" + name), TestDatabase.user(), TestDatabase.password());
        try (Connection connection = dataSource.getConnection()) {
            for (int i = 0; i < Math.min(migrations, MIGRATIONS.length); i++) {
                ScriptUtils.executeSqlScript(connection, new ClassPathResource(MIGRATIONS[i]));
            }
        }
        return dataSource;
    }

    /** Creates database {@code name} with every chassis migration. */
    public static DataSource create(String name) throws SQLException {
        return create(name, MIGRATIONS.length);
    }
}
