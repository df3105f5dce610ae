package org.kam.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's integration test: the service runs as {@link KamIntegrationTest} starts it, and each
 * test talks to it as its clients do, through {@link #kafka} (a plain Kafka client on the test
 * broker) and {@link #api} (its HTTP API, with bearer tokens).
 */
@KamIntegrationTest
public abstract class ServiceIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    private int port;
    // The context's own broker, not the spring.kafka.bootstrap-servers property: each embedded broker
    // writes that as a JVM-wide system property, so it names whichever broker started last, which
    // belongs to another cached context once several test classes run.
    @Autowired
    private EmbeddedKafkaBroker broker;

    protected KafkaProbe kafka;
    protected TestApi api;

    @BeforeEach
    protected void connectToTheService() {
        kafka = new KafkaProbe(broker.getBrokersAsString());
        api = new TestApi(port);
    }

    @AfterEach
    protected void disconnectFromTheService() {
        kafka.close();
    }

    /** The port the service's HTTP API listens on. */
    protected int port() {
        return port;
    }

    /** Parses a record value or a response body read as text. */
    protected static JsonNode json(String text) {
        return JSON.readTree(text);
    }
}
