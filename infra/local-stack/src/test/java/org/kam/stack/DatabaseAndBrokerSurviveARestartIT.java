package org.kam.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.kam.testsupport.KafkaProbe;

/** The stack's own infrastructure, without any service: PostgreSQL and Kafka on a data folder of their own. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DatabaseAndBrokerSurviveARestartIT {

    private final Path dataDir = Path.of("target", "it-infrastructure-data").toAbsolutePath();
    private final FreePorts ports = new FreePorts();
    private final int kafkaPort = ports.nextPair();
    private final int postgresPort = ports.next();

    @BeforeEach
    void startFromAnEmptyDataFolder() throws IOException {
        deleteRecursively(dataDir);
    }

    @Test
    void databases_topics_and_the_cluster_id_are_still_there_after_a_restart() throws Exception {
        try (Stack stack = stack().build()) {
            stack.start();
            try (KafkaProbe kafka = new KafkaProbe(stack.kafkaBootstrapServers())) {
                kafka.send("kam.it.v1", "key", "kept");
            }
        }
        String clusterId = Files.readString(dataDir.resolve("kafka-cluster-id"));

        try (Stack stack = stack().build()) {
            stack.start();

            try (KafkaProbe kafka = new KafkaProbe(stack.kafkaBootstrapServers())) {
                assertThat(kafka.records("kam.it.v1")).extracting(record -> record.value()).containsExactly("kept");
            }
            assertThat(databases()).contains("kam_account", "kam_relationship", "kam_supply", "kam_insight");
            assertThat(Files.readString(dataDir.resolve("kafka-cluster-id"))).isEqualTo(clusterId);
            assertThat(dataDir.resolve("jwt/public.pem")).exists();
        }
    }

    @Test
    void a_stack_left_running_by_an_earlier_start_is_named_with_how_to_stop_it() {
        try (Stack running = stack().build()) {
            running.start();

            // What a hard-killed launcher leaves behind: its children, still holding the data folder and ports.
            assertThatThrownBy(() -> stack().build().start())
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Still running from an earlier start")
                    .hasMessageContaining("PostgreSQL (pid")
                    .hasMessageContaining("the Kafka broker (pid")
                    .hasMessageContaining("kill ");
        }
    }

    @Test
    void a_port_taken_by_another_program_is_named_before_anything_starts() throws IOException {
        try (ServerSocket squatter = new ServerSocket(kafkaPort, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> stack().build().start())
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("port " + squatter.getLocalPort() + " for Kafka")
                    .hasMessageContaining("KAM_KAFKA_PORT");
        }
        assertThat(dataDir.resolve("postgres")).doesNotExist();
    }

    private Stack.Builder stack() {
        return Stack.builder(RepoRoot.find()).dataDir(dataDir).postgresPort(postgresPort).kafkaPort(kafkaPort);
    }

    private List<String> databases() throws Exception {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres", "postgres", "postgres");
                ResultSet rows = connection.createStatement().executeQuery("select datname from pg_database")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
