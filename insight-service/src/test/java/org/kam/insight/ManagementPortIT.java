package org.kam.insight;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.context.TestPropertySource;

/** One setting moves health, info and the Prometheus scrape to a port of their own. */
@TestPropertySource(properties = "management.server.port=0")
class ManagementPortIT extends ServiceIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void probesAndMetricsAnswerOnTheManagementPortAndTheApiStaysOnTheMainOne() {
        TestApi management = new TestApi(managementPort);

        assertThat(management.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(management.get("/actuator/prometheus").body()).contains("application=\"insight-service\"");
        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/notifications?department=MARKETING").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/notifications?department=MARKETING", "ANALYST").status()).isEqualTo(200);
    }
}
