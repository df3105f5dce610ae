package org.kam.chassis;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.kam.chassis.inbox.Inbox;
import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.outbox.OutboxRelay;
import org.kam.chassis.security.ApiSecurity;
import org.kam.chassis.web.ApiProblems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the chassis into a service: outbox and relay, inbox, API security and ProblemDetail
 * errors. A service only adds its own tables, handlers and endpoints.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@EnableConfigurationProperties(ChassisProperties.class)
@EnableMethodSecurity
@Import(ApiProblems.class)
public class ChassisAutoConfiguration {

    @Bean
    FlywayConfigurationCustomizer chassisMigrations() {
        // The outbox and inbox tables come with the chassis, beside each service's own migrations.
        return configuration -> {
            var locations = new java.util.ArrayList<>(java.util.List.of(configuration.getLocations()));
            locations.add(new org.flywaydb.core.api.Location("classpath:db/chassis"));
            configuration.locations(locations.toArray(org.flywaydb.core.api.Location[]::new));
        };
    }

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaProperties kafka,
            ChassisProperties properties, MeterRegistry meters, @Value("${spring.application.name}") String application) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-outbox");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        ChassisProperties.Outbox settings = properties.outbox();
        return new OutboxRelay(jdbc, tx, new KafkaProducer<>(config), settings.batchSize(),
                settings.pollInterval(), settings.sendTimeout(), meters);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, JsonMapper json, OutboxRelay relay) {
        return new Outbox(jdbc, json, relay);
    }

    @Bean
    Inbox inbox(JdbcTemplate jdbc, MeterRegistry meters) {
        return new Inbox(jdbc, meters);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain apiSecurity(HttpSecurity http) throws Exception {
        return ApiSecurity.filterChain(http);
    }

    @Bean
    @ConditionalOnMissingBean(JwtDecoder.class)
    JwtDecoder jwtDecoder(ChassisProperties properties) {
        return ApiSecurity.jwtDecoder(properties.security().jwt());
    }
}
