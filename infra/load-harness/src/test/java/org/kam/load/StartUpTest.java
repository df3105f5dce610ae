package org.kam.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

class StartUpTest {

    @Test
    void theStackIsHealthyWhenItsLastServiceIsReadyCountedFromTheLaunchersStart() {
        // given the launcher started at tick 10,000; account-service 2 s later and ready 21.5 s after
        // its own start, supply-service 2.5 s later and ready 24 s after
        Map<String, Optional<StartUp.Ready>> services = new LinkedHashMap<>();
        services.put("account-service", Optional.of(new StartUp.Ready(10_200, 21.5)));
        services.put("supply-service", Optional.of(new StartUp.Ready(10_250, 24.0)));

        // then it was healthy 26.5 s after the run command
        assertThat(StartUp.secondsToHealthy(10_000, services)).hasValue(26.5);
    }

    @Test
    void aServiceWhoseReadinessIsUnknownLeavesTheStartUnmeasured() {
        Map<String, Optional<StartUp.Ready>> services = new LinkedHashMap<>();
        services.put("account-service", Optional.of(new StartUp.Ready(10_200, 21.5)));
        services.put("insight-service", Optional.empty());

        assertThat(StartUp.secondsToHealthy(10_000, services)).isEmpty();
        assertThat(StartUp.secondsToHealthy(10_000, Map.of())).isEmpty();
    }

    @Test
    void theReadyTimeIsReadFromThePrometheusPage() {
        String page = """
                # HELP application_ready_time_seconds Time taken for the application to be ready to service requests
                # TYPE application_ready_time_seconds gauge
                application_ready_time_seconds{application="supply-service",main_application_class="org.kam.supply.SupplyServiceApplication"} 24.318
                application_started_time_seconds{application="supply-service"} 23.9
                """;

        assertThat(StartUp.readyTime(page)).isEqualTo(OptionalDouble.of(24.318));
        assertThat(StartUp.readyTime("jvm_threads_live_threads 40\n")).isEmpty();
        assertThat(StartUp.readyTime("application_ready_time_seconds NaNx\n")).isEmpty();
    }
}
