package org.kam.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * A service started for real on a random port, against a real Kafka broker (KRaft, inside the test
 * JVM) and a real PostgreSQL database of its own (see {@link TestDatabase} for which one), with
 * bearer tokens from {@link TestTokens}. A test that talks to the service through Kafka and its HTTP
 * API can extend {@link ServiceIntegrationTest}, which carries this annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
// Cached contexts close when the test JVM exits, each after its own broker may already be gone:
// a short shutdown phase keeps a consumer or producer that cannot reach it from holding the exit.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.lifecycle.timeout-per-shutdown-phase=3s")
@EmbeddedKafka(partitions = 3, bootstrapServersProperty = "spring.kafka.bootstrap-servers",
        brokerProperties = { "offsets.topic.num.partitions=1", "group.initial.rebalance.delay.ms=0",
                "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1" })
@ContextConfiguration(initializers = TestDatabase.class)
@Import(PostgresContainer.class)
public @interface KamIntegrationTest {
}
