package org.kam.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ServiceJvmOptionsTest {

    @Test
    void services_start_with_the_quick_start_options_unless_kam_service_jvm_options_says_otherwise() {
        assertThat(ServiceProcess.jvmOptions(null)).containsExactly("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djdk.nio.maxCachedBufferSize=262144");
        assertThat(ServiceProcess.jvmOptions("  ")).containsExactly("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Djdk.nio.maxCachedBufferSize=262144");
        assertThat(ServiceProcess.jvmOptions(" -Xmx512m   -XX:+UseSerialGC ")).containsExactly("-Xmx512m", "-XX:+UseSerialGC");
    }

    @Test
    void the_broker_starts_with_its_own_options_unless_kam_kafka_jvm_options_says_otherwise() {
        assertThat(KafkaBroker.jvmOptions(null)).containsExactly("-Xms512m", "-Xmx1g", "-XX:+UseG1GC");
        assertThat(KafkaBroker.jvmOptions(" ")).containsExactly("-Xms512m", "-Xmx1g", "-XX:+UseG1GC");
        assertThat(KafkaBroker.jvmOptions("-Xmx1g -XX:TieredStopAtLevel=1")).containsExactly("-Xmx1g", "-XX:TieredStopAtLevel=1");
    }
}
