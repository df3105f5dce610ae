package org.kam.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ServiceJvmOptionsTest {

    @Test
    void services_start_with_the_quick_start_options_unless_kam_service_jvm_options_says_otherwise() {
        assertThat(ServiceProcess.jvmOptions(null)).containsExactly("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(ServiceProcess.jvmOptions("  ")).containsExactly("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        assertThat(ServiceProcess.jvmOptions(" -Xmx512m   -XX:+UseSerialGC ")).containsExactly("-Xmx512m", "-XX:+UseSerialGC");
    }
}
