package org.kam.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LoadHarnessSettingsTest {

    @Test
    void withoutArgumentsItSends100000SalesAsFastAsTheyGoToTheLocalStack() {
        LoadHarness.Settings settings = LoadHarness.Settings.parse(List.of(), Map.of());

        assertThat(settings).isEqualTo(new LoadHarness.Settings(100_000, 20_000, 0, 42, List.of(100, 1000), 30,
                "127.0.0.1:9092",
                "jdbc:postgresql://127.0.0.1:5432/", "postgres", "postgres", Path.of("docs/benchmarks")));
    }

    @Test
    void argumentsAndTheStacksSettingsAreTaken() {
        LoadHarness.Settings settings = LoadHarness.Settings.parse(
                List.of("--sales", "1_000_000", "--rate", "1000", "--accounts", "500", "--report-dir", "/tmp/r",
                        "--latency-rates", "50, 500", "--latency-seconds", "10"),
                Map.of("KAM_KAFKA_PORT", "19092", "KAM_DATABASE_URL", "jdbc:postgresql://db:5433/postgres",
                        "KAM_DATABASE_USER", "kam", "KAM_DATABASE_PASSWORD", "secret"));

        assertThat(settings).isEqualTo(new LoadHarness.Settings(1_000_000, 500, 1000, 42, List.of(50, 500), 10,
                "127.0.0.1:19092",
                "jdbc:postgresql://db:5433/", "kam", "secret", Path.of("/tmp/r")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--sales    | -1        | --sales must be between 0 and 100000000, not -1",
            "--sales    | many      | --sales must be a whole number, not many",
            "--rate     | 2000000   | --rate must be between 0 and 1000000, not 2000000",
            "--accounts | 1.5       | --accounts must be a whole number, not 1.5",
            "--speed    | 3         | unknown setting --speed",
            "--latency-rates | 100;x | --latency-rates must be a whole number, not 100;x",
            "sales      | 3         | expected --name value, got sales",
    })
    void aBadArgumentIsNamed(String name, String value, String message) {
        assertThatThrownBy(() -> LoadHarness.Settings.parse(List.of(name, value), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            "java -Xmx384m -jar /w/account-service/target/account-service-0.1.0-SNAPSHOT.jar | java | account-service",
            "java -jar /w/insight-service/target/insight-service-0.1.0-SNAPSHOT.jar         | java | insight-service",
            "java -Xms512m -cp lib/* kafka.Kafka /d/server.properties                      | java | kafka",
            "postgres: postgres kam_supply 127.0.0.1(4242) idle                             | postgres | postgresql",
            "java -jar infra/load-harness/target/kam-load-harness-0.1.0-SNAPSHOT.jar         | java | load-harness",
            "bash ./kam up                                                                  | bash | ",
    })
    void eachProcessIsCountedForItsComponent(String commandLine, String name, String component) {
        assertThat(ProcessSampler.componentOf(commandLine, name)).isEqualTo(component);
    }
}
