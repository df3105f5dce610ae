package org.kam.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * infra/postgres/init-databases.sql, as compose and the Kubernetes Job run it with psql: each service's
 * login works in its own database and cannot even connect to another's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OneDatabaseUserPerServiceIT {

    private final Path dataDir = Path.of("target", "db-users-data").toAbsolutePath();
    private Postgres postgres;
    private int port;

    @BeforeAll
    void create_the_databases_and_logins_with_the_script() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/psql")), "needs psql (apt-get install postgresql-client)");
        DatabaseAndBrokerSurviveARestartIT.deleteRecursively(dataDir);
        port = new FreePorts().next();
        postgres = Postgres.embedded(dataDir.resolve("postgres"), port, dataDir.resolve("postgres.log"));
        Process psql = new ProcessBuilder(List.of("psql", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres",
                "-d", "postgres", "-v", "account_password=a", "-v", "relationship_password=r", "-v", "supply_password=s",
                "-v", "insight_password=i", "-f", RepoRoot.find().resolve("infra/postgres/init-databases.sql").toString()))
                .redirectErrorStream(true).start();
        String output = new String(psql.getInputStream().readAllBytes());
        assertThat(psql.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(psql.exitValue()).as(output).isZero();
    }

    @AfterAll
    void stop() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void a_service_s_login_owns_its_database_and_can_create_and_write_its_tables() throws SQLException {
        try (Connection account = connect("kam_account", "account_service")) {
            account.createStatement().execute("create table account_probe (id int primary key)");
            account.createStatement().execute("insert into account_probe values (1)");
        }
    }

    @Test
    void a_service_s_login_cannot_connect_to_another_service_s_database() {
        assertThatThrownBy(() -> connect("kam_supply", "account_service").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for database \"kam_supply\"");
        assertThatThrownBy(() -> connect("kam_account", "insight_service").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for database \"kam_account\"");
    }

    @Test
    void no_login_but_the_owner_may_create_in_a_service_s_schema() throws SQLException {
        // even given CONNECT by mistake, another login finds the schema closed
        try (Connection admin = connect("kam_relationship", "postgres")) {
            admin.createStatement().execute("grant connect on database kam_relationship to supply_service");
        }
        try (Connection supply = connect("kam_relationship", "supply_service")) {
            assertThatThrownBy(() -> supply.createStatement().execute("create table public.intruder (id int)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("permission denied for schema public");
        }
    }

    private Connection connect(String database, String user) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, user, "x");
    }
}
