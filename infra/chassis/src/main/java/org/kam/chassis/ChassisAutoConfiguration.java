package org.kam.chassis;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.kam.chassis.inbox.Inbox;
import org.kam.chassis.outbox.KafkaTopicProbe;
import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.outbox.OutboxRelay;
import org.kam.chassis.outbox.web.ParkedOutboxController;
import org.kam.chassis.resilience.ConsumerFailureHandling;
import org.kam.chassis.resilience.Outages;
import org.kam.chassis.security.ApiSecurity;
import org.kam.chassis.web.ApiProblems;
import org.kam.chassis.web.RequestBodyLimit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires the chassis into a service: outbox and relay, inbox, consumer failure handling, API security,
 * request limits and ProblemDetail errors. A service only adds its own tables, handlers and endpoints.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" })
@EnableConfigurationProperties(ChassisProperties.class)
@EnableMethodSecurity
@Import({ ApiProblems.class, ParkedOutboxController.class, org.kam.chassis.web.ApiDocuments.class,
        org.kam.chassis.replay.web.ReplayController.class })
public class ChassisAutoConfiguration {

    @Bean
    FlywayConfigurationCustomizer chassisMigrations() {
        // The outbox and inbox tables come with the chassis, beside each service's own migrations.
        return configuration -> {
            var locations = new java.util.ArrayList<>(java.util.List.of(configuration.getLocations()));
            locations.add(new org.flywaydb.core.api.Location("classpath:db/chassis"));
            configuration.locations(locations.toArray(org.flywaydb.core.api.Location[]::new));
            // Two sequences share one history: the chassis' V0_n and the service's V1, V2, ... A chassis
            // migration added later (V0_3) sorts below the service's latest, so it is applied out of order.
            configuration.outOfOrder(true);
        };
    }

    /** Registered with the service's JSON mapper: bounds every decimal in a request body. */
    @Bean
    tools.jackson.databind.JacksonModule boundedNumbers() {
        return org.kam.chassis.web.BoundedNumbers.module();
    }

    /** The one future tolerance every reader of kam.sales.v1 applies ({@code kam.sales.future-tolerance}). */
    @Bean
    org.kam.chassis.messaging.FutureLimit salesFutureLimit(
            @Value("${kam.sales.future-tolerance:24h}") java.time.Duration tolerance) {
        return new org.kam.chassis.messaging.FutureLimit(Clock.systemUTC(), tolerance);
    }

    @Bean
    Outages outages() {
        return new Outages(Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    Admin chassisKafkaAdmin(KafkaProperties kafka, @Value("${spring.application.name}") String application) {
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        config.put("client.id", application + "-chassis-admin");
        config.put("request.timeout.ms", 5000);
        config.put("default.api.timeout.ms", 5000);
        return Admin.create(config);
    }

    @Bean
    OutboxRelay outboxRelay(JdbcTemplate jdbc, TransactionTemplate tx, KafkaProperties kafka, Admin admin,
            ChassisProperties properties, MeterRegistry meters, Outages outages,
            @Value("${spring.application.name}") String application) {
        ChassisProperties.Outbox settings = properties.outbox();
        Map<String, Object> config = OutboxRelay.producerConfig(kafka.buildProducerProperties(),
                application + "-outbox", settings.sendTimeout());
        return new OutboxRelay(jdbc, tx, new KafkaProducer<>(config), new KafkaTopicProbe(admin),
                new OutboxRelay.Settings(settings.batchSize(), settings.pollInterval(), settings.sendTimeout(),
                        settings.maxAttempts(), settings.maxBackOff()),
                meters, outages);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, JsonMapper json, OutboxRelay relay,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.propagation.Propagator> propagator) {
        return new Outbox(jdbc, json, relay, org.kam.chassis.outbox.TraceParent.current(tracer, propagator));
    }

    @Bean
    org.kam.chassis.replay.Replay replay(Admin chassisKafkaAdmin,
            org.springframework.cloud.stream.binding.BindingsLifecycleController bindings,
            org.springframework.cloud.stream.config.BindingServiceProperties bindingProperties) {
        return new org.kam.chassis.replay.Replay(chassisKafkaAdmin, bindings, bindingProperties);
    }

    /** Every consumer applies a polled batch in one transaction through this (docs/adr/0013). */
    @Bean
    org.kam.chassis.messaging.Batches batches(TransactionTemplate tx,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.Tracer> tracer,
            org.springframework.beans.factory.ObjectProvider<io.micrometer.tracing.propagation.Propagator> propagator,
            MeterRegistry meters, ChassisProperties properties) {
        return new org.kam.chassis.messaging.Batches(tx, tracer, propagator, meters,
                properties.consumer().transactionTime());
    }

    /** Advisory locks taken once per transaction (a consumer's transaction applies a whole batch). */
    @Bean
    org.kam.chassis.transaction.TransactionLocks transactionLocks(JdbcTemplate jdbc) {
        return new org.kam.chassis.transaction.TransactionLocks(jdbc);
    }

    @Bean
    Inbox inbox(JdbcTemplate jdbc, MeterRegistry meters) {
        return new Inbox(jdbc, meters);
    }

    /** Resumes paused consumers and purges the inbox; two threads, apart from the services' own. */
    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskScheduler chassisScheduler(Inbox inbox, ChassisProperties properties) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(2);
        scheduler.setThreadNamePrefix("kam-chassis-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        ChassisProperties.Inbox settings = properties.inbox();
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                inbox.purgeOlderThan(settings.retention());
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Inbox.class).warn("Inbox purge failed, tried again in {}: {}",
                        settings.purgeInterval(), e.getMessage());
            }
        }, java.time.Instant.now().plus(settings.purgeInterval()), settings.purgeInterval());
        return scheduler;
    }

    @Bean
    ConsumerFailureHandling consumerFailureHandling(KafkaProperties kafka, ThreadPoolTaskScheduler chassisScheduler,
            Outages outages, MeterRegistry meters, ChassisProperties properties, javax.sql.DataSource dataSource,
            @Value("${spring.application.name}") String application) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-dead-letters");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        // A dead letter is the original record: allow what the broker allowed on the input topic.
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        KafkaTemplate<byte[], byte[]> deadLetters = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
        ChassisProperties.Consumer settings = properties.consumer();
        return new ConsumerFailureHandling(deadLetters, chassisScheduler, outages, meters,
                new ConsumerFailureHandling.Settings(settings.initialBackOff(), settings.maxBackOff(),
                        settings.maxAttempts()),
                () -> {
                    try (java.sql.Connection connection = dataSource.getConnection()) {
                        return connection.isValid(2);
                    } catch (java.sql.SQLException | RuntimeException e) {
                        return false;
                    }
                });
    }

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(ChassisProperties properties) {
        // CSV imports stream to disk under their own limits (kam.imports.*).
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
                new RequestBodyLimit(properties.http().maxRequestBody(), List.of("/api/v1/imports/**")));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    org.springframework.web.servlet.config.annotation.WebMvcConfigurer endpointRoles() {
        return new org.springframework.web.servlet.config.annotation.WebMvcConfigurer() {
            @Override
            public void addInterceptors(org.springframework.web.servlet.config.annotation.InterceptorRegistry registry) {
                registry.addInterceptor(new org.kam.chassis.security.EndpointRoles()).addPathPatterns("/api/**");
            }
        };
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
