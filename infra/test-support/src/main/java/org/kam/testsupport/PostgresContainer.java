package org.kam.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.postgresql.PostgreSQLContainer;

/** Where a Docker engine runs (and no external server is named), PostgreSQL comes from Testcontainers. */
@TestConfiguration(proxyBeanMethods = false)
@Conditional(PostgresContainer.DockerWithoutExternalServer.class)
public class PostgresContainer {

    @Bean
    @ServiceConnection
    PostgreSQLContainer postgres() {
        return new PostgreSQLContainer("postgres:17-alpine");
    }

    static class DockerWithoutExternalServer implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String external = System.getenv("KAM_TEST_DATABASE_URL");
            return (external == null || external.isBlank()) && Docker.available();
        }
    }
}
