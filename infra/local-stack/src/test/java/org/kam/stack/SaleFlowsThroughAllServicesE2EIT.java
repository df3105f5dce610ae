package org.kam.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.kam.testsupport.KafkaProbe;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system as a user meets it: four service processes, a Kafka broker process and PostgreSQL,
 * started like {@code ./kam up} does but on free ports and a data folder under target/. A sale goes in
 * through Kafka with a plain client; what comes out is checked at the topics and the services' APIs.
 * Starting the system takes a minute, so the tests share one start and run in order, the restart last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SaleFlowsThroughAllServicesE2EIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String SALES = "kam.sales.v1";
    private static final String TIERS = "kam.account-tiers.v1";
    private static final String ACCOUNT_DEAD_LETTERS = "kam.dlq.account-service.v1";

    private final Path dataDir = Path.of("target", "e2e-data").toAbsolutePath();
    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Stack.Builder system;
    private Stack stack;
    private KafkaProbe kafka;

    @BeforeAll
    void start_the_system_and_record_a_sale_to_a_new_customer() throws IOException {
        DatabaseAndBrokerSurviveARestartIT.deleteRecursively(dataDir);
        FreePorts ports = new FreePorts();
        system = Stack.builder(RepoRoot.find())
                .dataDir(dataDir)
                .kafkaPort(ports.nextPair())
                .postgresPort(ports.next())
                .signInPort(ports.next())
                // one line per applied event, with its trace id: what the trace test looks for
                .serviceEnvironment("LOGGING_LEVEL_ORG_KAM_CHASSIS_INBOX", "DEBUG");
        // Prometheus when installed (.ci/run installs Debian's); the test that needs it says so when not.
        int prometheusPort = ports.next();
        PrometheusServer.binary(System.getenv()).ifPresent(binary -> system.prometheus(binary, prometheusPort));
        for (Service service : EnumSet.allOf(Service.class)) {
            system.service(service, ports.next());
        }
        stack = system.build();
        stack.start();
        kafka = new KafkaProbe(stack.kafkaBootstrapServers());

        // a customer that has bought 12 a week for the last three weeks: supply forecasts its demand
        // from complete weeks, so the history is what its protection will be sized from
        for (int weeksAgo = 3; weeksAgo >= 0; weeksAgo--) {
            kafka.send(SALES, "E2E-1", sale("E2E-1", "SKU-E2E", 12, "18450.00",
                    Instant.now().minus(Duration.ofDays(7L * weeksAgo))));
        }
    }

    @AfterAll
    void stop_the_system() {
        if (kafka != null) {
            kafka.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void the_only_customer_with_revenue_becomes_a_key_account_on_the_tier_topic() {
        ConsumerRecord<String, String> change = awaitRecord(TIERS, record -> "E2E-1".equals(record.key()));

        JsonNode tierChange = json.readTree(change.value());
        assertThat(tierChange.path("accountId").asString()).isEqualTo("E2E-1");
        assertThat(tierChange.path("from").asString()).isEqualTo("REGULAR");
        assertThat(tierChange.path("to").asString()).isEqualTo("KEY");
    }

    @Test
    @Order(2)
    void supply_service_reserves_the_sold_product_for_the_new_key_account() {
        await("a reservation of SKU-E2E for E2E-1; see " + stack.logFile(Service.SUPPLY.module))
                .atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    HttpResponse<String> response = get(Service.SUPPLY, "/api/v1/reservations?accountId=E2E-1", true);
                    return response.statusCode() == 200
                            && anyElement(response.body(), element -> "SKU-E2E".equals(element.path("sku").asString()));
                });
    }

    @Test
    @Order(3)
    void insight_service_notifies_production_and_marketing_of_the_key_account() {
        for (String department : new String[] {"PRODUCTION", "MARKETING"}) {
            await("a notification to " + department + " about E2E-1; see " + stack.logFile(Service.INSIGHT.module))
                    .atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        HttpResponse<String> response = get(Service.INSIGHT,
                                "/api/v1/notifications?department=" + department, true);
                        return response.statusCode() == 200
                                && anyElement(response.body(), element -> "E2E-1".equals(element.path("accountId").asString()));
                    });
        }
    }

    @Test
    @Order(4)
    void a_malformed_sale_goes_to_the_dead_letter_topic_and_does_not_hold_up_the_next_sale() {
        kafka.send(SALES, "E2E-BAD", "{not json");
        kafka.send(SALES, "E2E-2", sale("E2E-2", "SKU-E2E", 1, "99.90", Instant.now()));

        ConsumerRecord<String, String> deadLetter = awaitRecord(ACCOUNT_DEAD_LETTERS,
                record -> "{not json".equals(record.value()));
        assertThat(KafkaProbe.header(deadLetter, "x-exception-message")).as("the reason it was rejected").isNotBlank();

        await("sale of E2E-2 processed after the malformed one; see " + stack.logFile(Service.ACCOUNT.module))
                .atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> get(Service.ACCOUNT, "/api/v1/accounts/E2E-2", true).statusCode() == 200
                        || kafka.records(TIERS).stream().anyMatch(record -> "E2E-2".equals(record.key())));
    }

    @Test
    @Order(5)
    void one_sale_is_followed_by_one_trace_id_through_the_logs_of_all_four_services() throws Exception {
        // given a caller that sends its W3C trace context with a sale, as an instrumented ERP does
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String traceParent = "00-" + traceId + "-" + traceId.substring(0, 16) + "-01";
        String sale = sale("E2E-TRACE", "SKU-E2E", 3, "90000000.00", Instant.now());

        // when it posts the sale to account-service
        HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(stack.url(Service.ACCOUNT) + "/api/v1/sales"))
                .header("Authorization", "Bearer " + stack.token("SALES")).header("Content-Type", "application/json")
                .header("traceparent", traceParent).POST(HttpRequest.BodyPublishers.ofString(sale)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

        // then every service logs its handling of the sale (and what followed from it) as JSON under that trace id
        for (Service service : EnumSet.allOf(Service.class)) {
            Path log = stack.logFile(service.module);
            await("trace " + traceId + " in " + log).atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> linesOf(log).anyMatch(line -> line.startsWith("{") && line.contains(traceId)
                            && line.contains("applies event")));
        }
        // and the sale's record on the topic carries the trace context it was written in
        ConsumerRecord<String, String> record = awaitRecord(SALES, r -> "E2E-TRACE".equals(r.key()));
        assertThat(KafkaProbe.header(record, "traceparent")).startsWith("00-" + traceId + "-");
    }

    private static java.util.stream.Stream<String> linesOf(Path log) throws IOException {
        return Files.readAllLines(log).stream();
    }

    @Test
    @Order(6)
    void a_call_without_a_token_is_refused() throws Exception {
        assertThat(get(Service.INSIGHT, "/api/v1/notifications?department=PRODUCTION", false).statusCode())
                .isEqualTo(401);
    }

    @Test
    @Order(7)
    void a_person_signs_in_to_the_dashboard_through_the_development_sign_in() throws Exception {
        // a browser's part, by hand: cookies kept, redirects followed
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new java.net.CookieManager()).followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5)).build();
        URI dashboard = URI.create(stack.url(Service.INSIGHT) + "/dashboard/");

        HttpResponse<String> signInPage = browser.send(HttpRequest.newBuilder(dashboard).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(signInPage.uri().toString()).startsWith(stack.signInUrl().orElseThrow() + "/authorize?");
        assertThat(signInPage.body()).contains("Ines Moreau", "Paula Lind", "For the local stack and tests only");
        java.util.regex.Matcher form = java.util.regex.Pattern.compile("<form method=\"post\" action=\"/authorize\">(.*?)</form>")
                .matcher(signInPage.body());
        String chosen = null;
        while (form.find()) {
            if (form.group(1).contains("value=\"lead-ines\"")) {
                chosen = form.group(1);
            }
        }
        StringBuilder fields = new StringBuilder();
        java.util.regex.Matcher input = java.util.regex.Pattern.compile("name=\"(\\w+)\" value=\"([^\"]*)\"")
                .matcher(java.util.Objects.requireNonNull(chosen, "no form for lead-ines"));
        while (input.find()) {
            String value = input.group(2).replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<")
                    .replace("&gt;", ">").replace("&amp;", "&");
            fields.append(fields.length() == 0 ? "" : "&").append(input.group(1)).append('=')
                    .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }

        HttpResponse<String> signedIn = browser.send(HttpRequest.newBuilder(URI.create(stack.signInUrl().orElseThrow()
                + "/authorize")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(fields.toString())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.uri().getPath()).as("back where the person started").isEqualTo(dashboard.getPath());
        assertThat(signedIn.body()).contains("<title>KAM dashboard</title>");
        JsonNode me = json.readTree(browser.send(HttpRequest.newBuilder(URI.create(stack.url(Service.INSIGHT) + "/api/v1/me"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(me.get("name").asString()).isEqualTo("Ines Moreau");
        assertThat(me.get("roles").toString()).isEqualTo("[\"KAM_LEAD\"]");
    }

    @Test
    @Order(8)
    void prometheus_scrapes_every_service_loads_every_alert_rule_and_finds_what_the_dashboards_read() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(stack.prometheusUrl().isPresent(),
                "Prometheus is not installed (apt-get install prometheus); .ci/run installs it");
        PrometheusApi prometheus = new PrometheusApi(stack.prometheusUrl().orElseThrow());
        Path repo = RepoRoot.find();

        // every service scraped
        await("every service up in " + stack.prometheusUrl().orElseThrow() + "/targets").atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(prometheus.targets())
                        .extracting(t -> t[0] + " " + t[1] + (t[2].isEmpty() ? "" : " (" + t[2] + ")"))
                        .containsExactlyInAnyOrder(EnumSet.allOf(Service.class).stream()
                                .map(s -> s.module + " up").toArray(String[]::new)));

        // every alert rule of alerts.yml loaded and evaluated without error
        long rulesInTheFile = Files.readAllLines(repo.resolve("infra/observability/prometheus/alerts.yml")).stream()
                .filter(line -> line.trim().startsWith("- alert:")).count();
        await("every alert rule evaluated").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(prometheus.alertRules())
                        .hasSize((int) rulesInTheFile)
                        .allSatisfy(rule -> assertThat(rule[1]).as(rule[0] + ": " + rule[2]).isEqualTo("ok")));

        // every meter present from a service's start is scraped, and every kam_ series scraped is documented
        MeterCatalogue catalogue = MeterCatalogue.read(repo);
        java.util.Set<String> documented = new java.util.TreeSet<>();
        java.util.Set<String> fromStart = new java.util.TreeSet<>();
        for (MeterCatalogue.Meter meter : catalogue.meters()) {
            documented.addAll(MeterCatalogue.scrapedNames(meter));
            if (meter.presentFromStart()) {
                fromStart.addAll(MeterCatalogue.scrapedNames(meter));
            }
        }
        await("every meter of docs/operations/metrics.md marked 'start' scraped").atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(prometheus.metricNames()).containsAll(fromStart));
        java.util.Set<String> scraped = prometheus.metricNames();
        assertThat(scraped.stream().filter(name -> name.startsWith("kam_")).toList())
                .as("scraped kam_ series not in docs/operations/metrics.md").isSubsetOf(documented);
        // the sale flow of the earlier tests made meters that appear with their first event
        assertThat(scraped).contains("kam_tier_changes_total", "kam_notifications_issued_total",
                "kam_reservations_changed_total", "kam_consumer_dead_lettered_total", "kam_outbox_events_published_total");

        // every panel of the Grafana dashboards evaluates, and reads only metrics that exist or are documented
        List<String> expressions = PrometheusApi.dashboardExpressions(repo.resolve("infra/observability/grafana/dashboards"));
        assertThat(expressions).hasSizeGreaterThan(30);
        for (String expr : expressions) {
            String[] answer = prometheus.query(expr);
            assertThat(answer[0]).as(expr + ": " + answer[1]).isEqualTo("success");
            for (String metric : PrometheusApi.metricsIn(expr)) {
                assertThat(scraped.contains(metric) || documented.contains(metric))
                        .as("%s, read by the dashboard panel %s, is neither scraped nor documented", metric, expr).isTrue();
            }
        }
    }

    @Test
    @Order(9)
    void an_operator_sees_lag_and_dead_letters_re_drives_them_and_replays_a_service_without_doubling_anything()
            throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Map<Service, URI> urls = new java.util.EnumMap<>(Service.class);
        EnumSet.allOf(Service.class).forEach(service -> urls.put(service, stack.url(service)));
        OperationsCommand operations = new OperationsCommand(stack.kafkaBootstrapServers(), urls, stack.token("ADMIN"),
                new PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));

        // the malformed sale of an earlier test is listed with where it came from and why
        assertThat(operations.run("dlq", List.of("list", "account-service"))).isZero();
        assertThat(printed.toString()).contains("account-service: 1 dead letter(s) on kam.dlq.account-service.v1",
                "from kam.sales.v1-", "key E2E-BAD  INVALID: ");

        // re-driven, it goes back to kam.sales.v1 and, still invalid, is dead-lettered again, marked as re-driven
        printed.reset();
        assertThat(operations.run("dlq", List.of("redrive", "account-service", "--all"))).isZero();
        assertThat(printed.toString()).contains("1 record(s) sent back");
        await("the re-driven record dead-lettered again").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> operations.deadLetters(Service.ACCOUNT).size() == 2);
        assertThat(operations.deadLetters(Service.ACCOUNT).get(1).headers())
                .containsEntry(OperationsCommand.REDRIVEN_FROM, "kam.dlq.account-service.v1@0");

        // replaying account-service from before the first sale applies nothing twice: E2E-1 keeps its revenue
        String before = json.readTree(get(Service.ACCOUNT, "/api/v1/accounts/E2E-1", true).body()).path("windowRevenue")
                .asString();
        printed.reset();
        assertThat(operations.run("replay", List.of("account-service", "--from", Instant.now().minus(Duration.ofHours(1))
                .toString()))).isZero();
        assertThat(printed.toString()).contains("account-service (group account-service) reads again from",
                "kam.sales.v1-0: ");
        java.util.regex.Matcher rewound = java.util.regex.Pattern.compile("kam\\.sales\\.v1-\\d+: (\\d+) -> (\\d+)")
                .matcher(printed.toString());
        long movedBack = 0;
        while (rewound.find()) {
            movedBack += Long.parseLong(rewound.group(1)) - Long.parseLong(rewound.group(2));
        }
        assertThat(movedBack).as("records to read again, from " + printed).isGreaterThanOrEqualTo(5);
        await("account-service caught up after the replay").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    printed.reset();
                    operations.run("lag", List.of());
                    assertThat(printed.toString()).containsPattern("account-service +kam.sales.v1 +\\d+ +\\d+ +0 +1");
                });
        assertThat(json.readTree(get(Service.ACCOUNT, "/api/v1/accounts/E2E-1", true).body()).path("windowRevenue")
                .asString()).isEqualTo(before);

        // and no outbox row is parked anywhere
        printed.reset();
        assertThat(operations.run("outbox", List.of("parked"))).isZero();
        assertThat(printed.toString()).contains("account-service: 0 parked", "insight-service: 0 parked");
    }

    @Test
    @Order(10)
    void a_service_killed_outright_is_restarted_by_the_stack_and_catches_up() throws IOException {
        // given the stack watching its services, and insight-service killed with SIGKILL
        List<String> reports = new CopyOnWriteArrayList<>();
        stack.supervise(reports::add);
        long killed = stack.pid(Service.INSIGHT);
        ProcessHandle.of(killed).orElseThrow().destroyForcibly();

        // when a sale makes a new key account while it is down
        kafka.send(SALES, "E2E-3", sale("E2E-3", "SKU-E2E", 5, "50000000.00", Instant.now()));

        // then the stack reports the death and the restart, and notes the restart in the service's log
        await("insight-service restarted; reports so far: " + reports).atMost(PATIENCE)
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> reports.stream().anyMatch(r -> r.startsWith("insight-service restarted")));
        assertThat(reports.get(0)).startsWith("insight-service stopped unexpectedly (exit code 137)");
        assertThat(stack.pid(Service.INSIGHT)).isNotEqualTo(killed);
        // and the restarted service catches up: marketing hears of the new key account
        // (connections are refused until the new process listens)
        await("a notification to MARKETING about E2E-3; see " + stack.logFile(Service.INSIGHT.module))
                .atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                .until(() -> {
                    HttpResponse<String> response = get(Service.INSIGHT, "/api/v1/notifications?department=MARKETING", true);
                    return response.statusCode() == 200
                            && anyElement(response.body(), element -> "E2E-3".equals(element.path("accountId").asString()));
                });
        assertThat(Files.readString(stack.logFile(Service.INSIGHT.module)))
                .contains("restarted by the local stack after exit code 137 (restart 1)");
    }

    @Test
    @Order(11)
    void accounts_are_still_there_after_the_whole_system_restarts() throws Exception {
        await("account E2E-1 in account-service").atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> get(Service.ACCOUNT, "/api/v1/accounts/E2E-1", true).statusCode() == 200);

        kafka.close();
        stack.close();
        stack = system.build();
        stack.start();
        kafka = new KafkaProbe(stack.kafkaBootstrapServers());

        HttpResponse<String> account = get(Service.ACCOUNT, "/api/v1/accounts/E2E-1", true);
        assertThat(account.statusCode()).as(account.body()).isEqualTo(200);
        assertThat(json.readTree(account.body()).path("id").asString()).isEqualTo("E2E-1");
    }

    private ConsumerRecord<String, String> awaitRecord(String topic, Predicate<ConsumerRecord<String, String>> match) {
        return await("a matching record on " + topic + "; see the services' logs in " + dataDir.resolve("logs"))
                .atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> kafka.records(topic).stream().filter(match).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private HttpResponse<String> get(Service service, String pathAndQuery, boolean withToken)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.url(service) + pathAndQuery))
                .timeout(Duration.ofSeconds(10)).GET();
        if (withToken) {
            request.header("Authorization", "Bearer " + stack.token("ADMIN"));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean anyElement(String body, Predicate<JsonNode> match) {
        JsonNode array = json.readTree(body);
        return array.isArray() && StreamSupport.stream(array.spliterator(), false).anyMatch(match);
    }

    /** A sale as an ERP connector would produce it (contract sale.v1). */
    private String sale(String accountId, String sku, int quantity, String amount, Instant occurredAt) {
        return """
                {"eventId":"%s","accountId":"%s","orderId":"%s","sku":"%s","quantity":%d,"amount":%s,\
                "currency":"EUR","occurredAt":"%s"}""".formatted(UUID.randomUUID(), accountId,
                "SO-" + accountId, sku, quantity, amount, occurredAt);
    }
}
