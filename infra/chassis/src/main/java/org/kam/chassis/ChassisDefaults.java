package org.kam.chassis;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The settings every KAM service shares (database timeouts, consumer error handling, readiness)
 * live once, in {@code kam-chassis-defaults.yml}, below everything else: a service's own
 * application.yml and the environment override any of them.
 */
public class ChassisDefaults implements EnvironmentPostProcessor {

    static final String NAME = "kam-chassis-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        requireARealDatabasePasswordInProduction(environment);
        if (environment.getPropertySources().contains(NAME)) {
            return;
        }
        try {
            for (PropertySource<?> source : new YamlPropertySourceLoader().load(NAME,
                    new ClassPathResource("kam-chassis-defaults.yml"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read kam-chassis-defaults.yml", e);
        }
    }

    /** The local default password the services' application.yml falls back to. */
    static final String LOCAL_PASSWORD = "postgres";

    /**
     * In the {@code prod} profile the database password must be given ({@code KAM_DB_PASSWORD}): the
     * local stack's default is refused, and so is none at all, before anything connects.
     */
    static void requireARealDatabasePasswordInProduction(ConfigurableEnvironment environment) {
        if (!java.util.Arrays.asList(environment.getActiveProfiles()).contains("prod")) {
            return;
        }
        String password = environment.getProperty("spring.datasource.password");
        if (password == null || password.isBlank() || LOCAL_PASSWORD.equals(password)) {
            throw new IllegalStateException("""
                    The prod profile has no database password of its own: set KAM_DB_PASSWORD (and KAM_DB_USER) \
                    to the service's own database user; the local default is not used in production.""");
        }
    }
}
