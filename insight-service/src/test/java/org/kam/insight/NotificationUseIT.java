package org.kam.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Using the notifications as the departments do (R4.1, R4.2.4): routes people edit, severities,
 * acknowledging, actions that escalate when overdue, relationship-service's signals and the open
 * alerts in MANAGEMENT's digest. Shares its context with {@link WebhooksIT}.
 */
@TestPropertySource(properties = { "kam.test.context=notifications", "kam.insight.actions.check-interval=PT0.5S",
        "kam.insight.webhooks.attempts=3", "kam.insight.webhooks.initial-back-off=PT0.2S",
        "kam.insight.webhooks.max-back-off=PT0.4S", "kam.insight.webhooks.timeout=PT1S",
        "kam.insight.webhooks.poll-interval=PT0.1S" })
class NotificationUseIT extends ServiceIntegrationTest {

    @Test
    void aRouteSendsKeyAccountStockOutsOfOneProductLineToManagementToo() {
        String account = unique("ROUTE");
        String sku = unique("HP");
        kafka.send(Topics.PRODUCTS, sku, EventJson.productDetails(sku, "Heat pumps " + account).json(),
                Map.of("kam-event-type", "ProductDetailsChanged"));
        TestApi.Response added = api.post("/api/v1/notifications/routes", """
                {"name":"heat pump stock-outs to management","position":10,"kinds":["KEY_ACCOUNT_STOCK_OUT"],
                 "tiers":["KEY"],"productLines":["heat pumps %s"],"departments":["MANAGEMENT"]}""".formatted(account),
                "KAM_LEAD");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/notifications/routes", "SUPPLY").json()
                .findValuesAsString("name").contains("heat pump stock-outs to management"));
        awaitProductKnown(sku);

        EventJson stockOut = EventJson.keyAccountStockOut(account, sku);
        kafka.send(Topics.SUPPLY_SIGNALS, sku, stockOut.json(), Map.of("kam-event-type", stockOut.type()));

        List<JsonNode> told = await().atMost(Duration.ofSeconds(30)).until(() -> about(account), list -> list.size() == 3);
        assertThat(told).extracting(n -> n.get("department").asString() + " " + n.get("severity").asString())
                .containsExactlyInAnyOrder("MANAGEMENT CRITICAL", "PRODUCTION CRITICAL", "MARKETING CRITICAL");
        assertThat(told).allSatisfy(n -> {
            assertThat(n.get("tier").asString()).isEqualTo("KEY");
            assertThat(n.get("productLine").asString()).isEqualTo("Heat pumps " + account);
        });

        assertThat(api.delete("/api/v1/notifications/routes/" + added.json().get("id").asLong(), "ANALYST").status())
                .isEqualTo(204);
    }

    @Test
    void aRouteNamingNobodyAndDroppingTheDefaultsSilencesAKind() {
        String account = unique("QUIET");
        TestApi.Response added = api.post("/api/v1/notifications/routes", """
                {"name":"no sales news","position":1,"kinds":["KEY_ACCOUNT_SALE"],"keepDefaults":false}""", "ADMIN");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        try {
            kafka.send(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, "REGULAR", "KEY").json());
            await().atMost(Duration.ofSeconds(30)).until(() -> about(account).size() == 2); // NEW_KEY_ACCOUNT
            kafka.send(Topics.SALES, account, EventJson.sale(account).json());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> about(account).stream()
                    .noneMatch(n -> n.get("kind").asString().equals("KEY_ACCOUNT_SALE")));
        } finally {
            api.delete("/api/v1/notifications/routes/" + added.json().get("id").asLong(), "ADMIN");
        }
    }

    @Test
    void aRouteWithAnUnknownDepartmentKindOrSeverityIsRefusedNamingTheField() {
        assertProblem(api.post("/api/v1/notifications/routes", """
                {"name":"x","position":1,"departments":["SALES"]}""", "ADMIN"), "departments", "PRODUCTION");
        assertProblem(api.post("/api/v1/notifications/routes", """
                {"name":"x","position":1,"kinds":["GOSSIP"]}""", "ADMIN"), "kinds", "KEY_ACCOUNT_STOCK_OUT");
        assertProblem(api.post("/api/v1/notifications/routes", """
                {"name":"x","position":1,"minSeverity":"LOUD"}""", "ADMIN"), "minSeverity", "CRITICAL");
        assertProblem(api.post("/api/v1/notifications/routes", """
                {"name":"","position":1}""", "ADMIN"), "name", null);
        assertThat(api.post("/api/v1/notifications/routes", """
                {"name":"x","position":1}""", "SUPPLY").status()).as("routing is for analysts and leads").isEqualTo(403);
        assertThat(api.get("/api/v1/notifications?severity=LOUD", "SUPPLY").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/notifications?acknowledged=maybe", "SUPPLY").status()).isEqualTo(400);
    }

    @Test
    void aDepartmentAcknowledgesWhatItHasSeenAndListsWhatIsStillOpen() {
        String account = unique("ACK");
        kafka.send(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, "REGULAR", "KEY").json());
        JsonNode production = await().atMost(Duration.ofSeconds(30)).until(() -> about(account).stream()
                .filter(n -> n.get("department").asString().equals("PRODUCTION")).findFirst(), Optional::isPresent).get();
        String id = production.get("id").asString();

        JsonNode acknowledged = api.post("/api/v1/notifications/" + id + "/acknowledge", "", "SUPPLY").json();
        JsonNode again = api.post("/api/v1/notifications/" + id + "/acknowledge", "", "KAM").json();

        assertThat(acknowledged.get("acknowledgedBy").asString()).isEqualTo(again.get("acknowledgedBy").asString());
        assertThat(again.get("acknowledgedAt").asString()).isEqualTo(acknowledged.get("acknowledgedAt").asString());
        assertThat(ids("/api/v1/notifications?department=PRODUCTION&acknowledged=false&limit=500&accountId=" + account))
                .doesNotContain(id);
        assertThat(ids("/api/v1/notifications?department=PRODUCTION&acknowledged=true&limit=500&accountId=" + account))
                .containsExactly(id);
        assertThat(ids("/api/v1/notifications?kind=NEW_KEY_ACCOUNT&severity=WARNING&accountId=" + account))
                .as("NEW_KEY_ACCOUNT is INFO").isEmpty();
        assertThat(api.post("/api/v1/notifications/" + UUID.randomUUID() + "/acknowledge", "", "KAM").status())
                .isEqualTo(404);
    }

    @Test
    void anActionStillOpenAfterItsDueDateIsEscalatedToManagementOnce() {
        String account = unique("ACT");
        kafka.send(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, "KEY", "POTENTIAL").json());
        JsonNode lost = await().atMost(Duration.ofSeconds(30)).until(() -> about(account).stream().findFirst(),
                Optional::isPresent).get();
        String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();

        TestApi.Response action = api.post("/api/v1/notifications/" + lost.get("id").asString() + "/actions", """
                {"owner":"kam-anna","dueOn":"%s","note":"call the purchasing head"}""".formatted(yesterday), "KAM_LEAD");

        assertThat(action.status()).as(action.body()).isEqualTo(201);
        String actionId = action.json().get("id").asString();
        JsonNode overdue = await().atMost(Duration.ofSeconds(30)).until(() -> about(account).stream()
                .filter(n -> n.get("kind").asString().equals("ACTION_OVERDUE")).findFirst(), Optional::isPresent).get();
        assertThat(overdue.get("department").asString()).isEqualTo("MANAGEMENT");
        assertThat(overdue.get("severity").asString()).isEqualTo("CRITICAL");
        assertThat(overdue.get("message").asString()).contains("owned by kam-anna", "was due on " + yesterday);
        JsonNode listed = api.get("/api/v1/actions?state=OVERDUE&owner=kam-anna", "KAM").json();
        assertThat(listed.findValuesAsString("id")).contains(actionId);
        assertThat(api.get("/api/v1/actions/" + actionId, "KAM").json().get("escalatedAt").isNull()).isFalse();

        JsonNode done = api.post("/api/v1/actions/" + actionId + "/done", "", "KAM").json();
        assertThat(done.get("doneBy").isNull()).isFalse();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> about(account).stream()
                .filter(n -> n.get("kind").asString().equals("ACTION_OVERDUE")).count() == 1);
        assertThat(api.get("/api/v1/actions?state=OPEN&owner=kam-anna", "KAM").json().findValuesAsString("id"))
                .doesNotContain(actionId);
    }

    @Test
    void anActionNeedsAnOwnerADueDateAndAKnownNotification() {
        assertProblem(api.post("/api/v1/notifications/" + UUID.randomUUID() + "/actions", """
                {"owner":"not a staff id!","dueOn":"2026-12-24"}""", "KAM"), "owner", null);
        assertProblem(api.post("/api/v1/notifications/" + UUID.randomUUID() + "/actions", """
                {"owner":"kam-anna"}""", "KAM"), "dueOn", null);
        assertThat(api.post("/api/v1/notifications/" + UUID.randomUUID() + "/actions", """
                {"owner":"kam-anna","dueOn":"2026-12-24"}""", "KAM").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/actions?state=SOMEDAY", "KAM").status()).isEqualTo(400);
    }

    @Test
    void relationshipSignalsReachTheirDepartmentsAndOpenAlertsAreInManagementsDigest() {
        String account = unique("REL");
        String alert = UUID.randomUUID().toString();
        String inTenDays = LocalDate.now(ZoneOffset.UTC).plusDays(10).toString();
        EventJson gap = EventJson.coverageGap(account);
        EventJson keyDate = EventJson.keyDateUpcoming(account, alert, inTenDays);
        EventJson escalated = EventJson.escalated(account, alert, inTenDays);
        for (EventJson signal : List.of(gap, keyDate, escalated)) {
            kafka.send(Topics.RELATIONSHIP_SIGNALS, account, signal.json(), Map.of("kam-event-type", signal.type()));
        }

        List<JsonNode> told = await().atMost(Duration.ofSeconds(30)).until(() -> about(account), list -> list.size() == 3);
        assertThat(told).extracting(n -> n.get("department").asString() + " " + n.get("kind").asString())
                .containsExactlyInAnyOrder("MANAGEMENT COVERAGE_GAP", "MARKETING KEY_DATE_UPCOMING",
                        "MANAGEMENT ALERT_ESCALATED");

        // a sale makes the business clock run, so a digest can be issued
        kafka.send(Topics.SALES, account, EventJson.sale(account).json());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.post("/api/v1/digests", "", "ANALYST").status() == 201);
        JsonNode digest = api.get("/api/v1/digests", "KAM").json().get(0);
        assertThat(digest.get("openAlerts").valueStream().filter(a -> account.equals(a.get("accountId").asString()))
                .map(a -> a.get("kind").asString() + " " + a.get("level").asInt()))
                .containsExactlyInAnyOrder("KEY_DATE 2", "COVERAGE_GAP 0");
        assertThat(digest.get("summary").asString()).contains(account + " key date " + inTenDays
                + " (10 years as our customer), escalated to level 2", account + " no WAREHOUSE_KEEPER");

        // the gap closed: no longer open
        EventJson restored = EventJson.coverageRestored(account);
        kafka.send(Topics.RELATIONSHIP_SIGNALS, account, restored.json(), Map.of("kam-event-type", restored.type()));
        await().atMost(Duration.ofSeconds(30)).until(() -> about(account).size() == 4);
        assertThat(api.post("/api/v1/digests", "", "ANALYST").json().get("openAlerts").valueStream()
                .filter(a -> account.equals(a.get("accountId").asString())).map(a -> a.get("kind").asString()))
                .containsExactly("KEY_DATE");
    }

    private void awaitProductKnown(String sku) {
        // The product line arrives on its own topic: wait for it through a notification that names it.
        String probe = unique("PROBE");
        EventJson stockOut = EventJson.keyAccountStockOut(probe, sku);
        kafka.send(Topics.SUPPLY_SIGNALS, sku, stockOut.json(), Map.of("kam-event-type", stockOut.type()));
        await().atMost(Duration.ofSeconds(30)).until(() -> about(probe).stream()
                .anyMatch(n -> !n.get("productLine").isNull()));
    }

    private List<JsonNode> about(String account) {
        TestApi.Response response = api.get("/api/v1/notifications?limit=500&accountId=" + account, "ANALYST");
        assertThat(response.status()).isEqualTo(200);
        return StreamSupport.stream(response.json().spliterator(), false).toList();
    }

    private List<String> ids(String path) {
        return api.get(path, "KAM").json().findValuesAsString("id");
    }

    private static void assertProblem(TestApi.Response response, String field, String listed) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains(field);
        if (listed != null) {
            assertThat(response.body()).contains(listed);
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
