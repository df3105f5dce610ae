package org.kam.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server the services keep their databases in: real PostgreSQL binaries run from a
 * jar with a data folder that survives restarts, or a server someone already runs.
 */
final class Postgres implements AutoCloseable {

    private static final Pattern JDBC_URL = Pattern.compile("^(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?$");

    private final EmbeddedPostgres embedded;
    private final String maintenanceUrl;
    private final String serverAddress;
    private final String parameters;
    private final String user;
    private final String password;

    private Postgres(EmbeddedPostgres embedded, String maintenanceUrl, String serverAddress, String parameters,
            String user, String password) {
        this.embedded = embedded;
        this.maintenanceUrl = maintenanceUrl;
        this.serverAddress = serverAddress;
        this.parameters = parameters;
        this.user = user;
        this.password = password;
    }

    static Postgres embedded(Path dataDirectory, int port, Path log) {
        try {
            Files.createDirectories(dataDirectory);
            Files.createDirectories(log.getParent());
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // The stack stops PostgreSQL itself, after the services that use it.
                    .setRegisterShutdownHook(false)
                    // Crash recovery after a hard stop can take longer than the default 10 s on a busy machine.
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // The embedded server's default is off: a crash could then lose commits whose Kafka
                    // offsets were already committed, i.e. sales the services acknowledged. On, as in production.
                    .setServerConfig("synchronous_commit", "on")
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            // Trust authentication: any password is accepted, so the services may send one as usual.
            String address = "jdbc:postgresql://127.0.0.1:" + port;
            return new Postgres(server, address + "/postgres", address, "", "postgres", "postgres");
        } catch (IOException | RuntimeException e) {
            throw new StackException("PostgreSQL did not start on port " + port + " (data " + dataDirectory + "): "
                    + e.getMessage() + System.lineSeparator() + "Its log " + log + " ends with:"
                    + System.lineSeparator() + Processes.tail(log, 20), e);
        }
    }

    /** A server that already runs, named by a JDBC URL such as {@code jdbc:postgresql://db:5432/postgres}. */
    static Postgres external(String jdbcUrl, String user, String password) {
        Matcher url = JDBC_URL.matcher(jdbcUrl.trim());
        if (!url.matches()) {
            throw new StackException("KAM_DATABASE_URL must look like jdbc:postgresql://host:5432/postgres, not " + jdbcUrl);
        }
        return new Postgres(null, jdbcUrl.trim(), url.group(1), url.group(3) == null ? "" : url.group(3), user, password);
    }

    String jdbcUrl(String database) {
        return serverAddress + "/" + database + parameters;
    }

    String user() {
        return user;
    }

    String password() {
        return password;
    }

    boolean isEmbedded() {
        return embedded != null;
    }

    void createDatabasesIfMissing(Collection<String> databases) {
        try (Connection connection = DriverManager.getConnection(maintenanceUrl, user, password);
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            for (String database : databases) {
                exists.setString(1, database);
                try (ResultSet found = exists.executeQuery()) {
                    if (found.next()) {
                        continue;
                    }
                }
                try (Statement create = connection.createStatement()) {
                    // A database name cannot be a bind parameter; these names are the stack's own constants.
                    create.execute("create database " + database);
                }
            }
        } catch (SQLException e) {
            throw new StackException("Cannot create the services' databases through " + maintenanceUrl
                    + " as " + user + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new StackException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
            }
        }
    }
}
