package org.kam.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the tests ask a running Prometheus, through its HTTP API, and read from the dashboards' files. */
final class PrometheusApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** A metric name in PromQL: not a function, keyword, label or duration. */
    private static final Pattern METRIC = Pattern.compile("\\b([a-z_][a-z0-9_]*)\\s*(?:\\{|\\[|\\)|$)");

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    PrometheusApi(URI base) {
        this.base = base;
    }

    /** {@code /api/v1/targets}: each active target's service label and health. */
    List<String[]> targets() {
        List<String[]> targets = new ArrayList<>();
        for (JsonNode target : get("/api/v1/targets").path("data").path("activeTargets")) {
            targets.add(new String[] { target.path("labels").path("service").asString(), target.path("health").asString(),
                    target.path("lastError").asString() });
        }
        return targets;
    }

    /** {@code /api/v1/rules}: each alert rule's name and health ("ok" once it evaluated without error). */
    List<String[]> alertRules() {
        List<String[]> rules = new ArrayList<>();
        for (JsonNode group : get("/api/v1/rules").path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                rules.add(new String[] { rule.path("name").asString(), rule.path("health").asString(),
                        rule.path("lastError").asString() });
            }
        }
        return rules;
    }

    /** Every metric name Prometheus holds series of. */
    Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        get("/api/v1/label/__name__/values").path("data").forEach(name -> names.add(name.asString()));
        return names;
    }

    /** Evaluates {@code expr} now: its status ("success" or "error") and the error, if any. */
    String[] query(String expr) {
        JsonNode answer = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        return new String[] { answer.path("status").asString(), answer.path("error").asString() };
    }

    /** Every PromQL expression of the Grafana dashboards in {@code folder}, Grafana's variables filled in. */
    static List<String> dashboardExpressions(Path folder) throws IOException {
        List<String> expressions = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode panel : JSON.readTree(Files.readString(file)).path("panels")) {
                    for (JsonNode target : panel.path("targets")) {
                        expressions.add(target.path("expr").asString().replace("$__rate_interval", "1m"));
                    }
                }
            }
        }
        return expressions;
    }

    /** The metric names an expression reads (anything followed by a selector, a range or the end). */
    static Set<String> metricsIn(String expr) {
        Set<String> names = new TreeSet<>();
        String withoutStrings = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        Matcher m = METRIC.matcher(withoutStrings);
        while (m.find()) {
            String name = m.group(1);
            if (name.contains("_") && !Set.of("label_replace", "label_values").contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private JsonNode get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot reach Prometheus at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
