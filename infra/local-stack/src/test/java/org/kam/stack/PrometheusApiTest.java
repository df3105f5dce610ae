package org.kam.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.nio.file.Path;

import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class PrometheusApiTest {

    @ParameterizedTest(name = "{0} reads {1}")
    @CsvSource(delimiter = ';', value = {
            "up{job=\"kam\"} == 0; up",
            "max by (tier) (kam_accounts_computed); kam_accounts_computed",
            "sum by (application) (rate(http_server_requests_seconds_count{status=~\"5..\"}[5m])) / sum (rate(http_server_requests_seconds_sum[5m])); http_server_requests_seconds_count http_server_requests_seconds_sum",
            "sum by (application, topic) (label_replace(rate(kafka_consumer_fetch_manager_records_consumed_total[1m]), \"topic\", \"$1\", \"spring_id\", \"(kam.x)\")); kafka_consumer_fetch_manager_records_consumed_total",
            "max by (group, topic) (spring_cloud_stream_binder_kafka_offset) > 10000; spring_cloud_stream_binder_kafka_offset" })
    void the_metrics_an_expression_reads_are_found_and_nothing_else(String expr, String metrics) {
        java.util.Set<String> expected = new java.util.TreeSet<>(java.util.List.of(metrics.split(" ")));
        expected.remove("up");
        assertThat(PrometheusApi.metricsIn(expr)).isEqualTo(expected);
    }

    @Test
    void the_scrape_configuration_names_each_service_and_the_rules() {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        ports.put(Service.ACCOUNT, 18081);
        ports.put(Service.INSIGHT, 18084);

        String yaml = PrometheusServer.configuration(ports, Path.of("/repo/alerts.yml"), Duration.ofSeconds(5));

        assertThat(yaml).isEqualTo("""
                # Written by the KAM local stack on every start (ports may change); edits are lost.
                global:
                  scrape_interval: 5s
                  evaluation_interval: 5s
                rule_files:
                  - "/repo/alerts.yml"
                scrape_configs:
                  - job_name: kam
                    metrics_path: /actuator/prometheus
                    static_configs:
                      - targets: ["127.0.0.1:18081"]
                        labels:
                          service: account-service
                      - targets: ["127.0.0.1:18084"]
                        labels:
                          service: insight-service
                """);
    }

    @Test
    void prometheus_is_found_on_the_path_or_named_or_turned_off() {
        assertThat(PrometheusServer.binary(Map.of("KAM_PROMETHEUS", "off", "PATH", "/usr/bin"))).isEmpty();
        assertThat(PrometheusServer.binary(Map.of("PATH", "/nonexistent"))).isEmpty();
        assertThat(PrometheusServer.binary(Map.of("KAM_PROMETHEUS", "/bin/sh"))).contains(Path.of("/bin/sh"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PrometheusServer.binary(Map.of("KAM_PROMETHEUS", "/no/such")))
                .isInstanceOf(StackException.class).hasMessageContaining("KAM_PROMETHEUS=off");
    }
}
