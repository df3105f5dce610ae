package org.kam.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.KafkaProbe;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;

import tools.jackson.databind.JsonNode;

/**
 * supply-service's signals on kam.supply-signals.v1 (several event types on one topic, told apart
 * by the kam-event-type header) become notifications, in the departments' feeds and on
 * kam.notifications.v1. Every test uses its own SKU, so tests do not depend on each other's order.
 */
class SupplySignalsIT extends ServiceIntegrationTest {

    private static final String DLQ = "kam.dlq.insight-service.v1";
    private static final String ISSUED = "notification-issued.v1.schema.json";
    private static final Map<String, String> SCHEMAS = Map.of(
            "KeyAccountStockOut", "key-account-stock-out.v1.schema.json",
            "ShortageRisk", "shortage-risk.v1.schema.json",
            "ProductionRequested", "production-requested.v1.schema.json",
            "TransportRequested", "transport-requested.v1.schema.json",
            "ShortageRiskCleared", "shortage-risk-cleared.v1.schema.json");

    @Test
    void aKeyAccountStockOutTellsProductionAndMarketing() {
        // given a KEY account's order of 20 of which 8 were served, the rest stock protected for others
        String sku = unique("STOCKOUT");
        String account = unique("C");
        EventJson stockOut = EventJson.keyAccountStockOut(account, sku);

        // when supply-service announces it
        send(stockOut);

        // then production and marketing find it in their feeds
        String message = "12 units of " + sku + " backordered for key account " + account
                + " (ordered 20, served 8): the stock on hand is protected for other accounts";
        for (String department : List.of("PRODUCTION", "MARKETING")) {
            JsonNode notification = awaitNotification(department, sku, "KEY_ACCOUNT_STOCK_OUT");
            assertThat(notification.get("message").asString()).isEqualTo(message);
            assertThat(notification.get("accountId").asString()).isEqualTo(account);
            assertThat(notification.get("sourceEventId").asString()).isEqualTo(stockOut.eventId());
        }

        // and each is published once, keyed by department, conforming to the contract
        List<ConsumerRecord<String, String>> published = awaitPublished(stockOut.eventId(), 2);
        assertThat(published).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("PRODUCTION", "MARKETING");
        for (ConsumerRecord<String, String> record : published) {
            EventContracts.assertConforms(ISSUED, record.value());
            assertThat(KafkaProbe.header(record, "kam-event-type")).isEqualTo("NotificationIssued");
            JsonNode event = json(record.value());
            assertThat(event.get("department").asString()).isEqualTo(record.key());
            assertThat(event.get("kind").asString()).isEqualTo("KEY_ACCOUNT_STOCK_OUT");
            assertThat(event.get("accountId").asString()).isEqualTo(account);
            assertThat(event.get("sku").asString()).isEqualTo(sku);
            assertThat(event.get("message").asString()).isEqualTo(message);
        }
    }

    @Test
    void aPeakSeasonPlanTellsEachDepartmentItsPartAndItsWithdrawalTellsProductionAndMarketing() {
        // given a plan for a SKU: at risk, production requested (3 days late), transport requested; then cleared
        String sku = unique("PEAK");
        EventJson risk = EventJson.shortageRisk(sku);
        EventJson production = EventJson.productionRequested(sku).withRaw("late", "true").withRaw("daysLate", "3");
        EventJson transport = EventJson.transportRequested(sku);
        EventJson cleared = EventJson.shortageRiskCleared(sku);

        // when supply-service announces them
        send(risk);
        send(production);
        send(transport);
        send(cleared);

        // then each department hears its part, about the SKU and no single account
        String withdrawn = sku + " is no longer at risk of shortage (was 120 units short): "
                + "its production and transport requests are withdrawn";
        assertThat(awaitNotification("PRODUCTION", sku, "SHORTAGE_RISK_CLEARED").get("message").asString())
                .isEqualTo(withdrawn);
        assertThat(awaitNotification("MARKETING", sku, "SHORTAGE_RISK_CLEARED").get("message").asString())
                .isEqualTo(withdrawn);
        assertThat(notifications("MARKETING", sku)).extracting(n -> n.get("kind").asString(),
                n -> n.get("message").asString(), n -> n.get("accountId").isNull()).containsExactly(
                        tuple("SHORTAGE_RISK_CLEARED", withdrawn, true),
                        tuple("SHORTAGE_RISK",
                                "120 units of " + sku + " short from the week of 2026-11-02: do not push " + sku, true));
        assertThat(notifications("PRODUCTION", sku)).extracting(n -> n.get("kind").asString(),
                n -> n.get("message").asString()).containsExactly(
                        tuple("SHORTAGE_RISK_CLEARED", withdrawn),
                        tuple("PRODUCTION_REQUESTED", "produce 120 units of " + sku
                                + ", needed by 2026-11-02, latest start 2026-09-07, late by 3 days"));
        assertThat(notifications("TRANSPORT", sku)).extracting(n -> n.get("kind").asString(),
                n -> n.get("message").asString()).containsExactly(
                        tuple("TRANSPORT_REQUESTED",
                                "ship 120 units of " + sku + " by 2026-10-19, needed in stock by 2026-11-02"));

        // and every notification is published conforming to the contract, with its source event
        assertThat(awaitPublished(risk.eventId(), 1)).extracting(ConsumerRecord::key).containsExactly("MARKETING");
        assertThat(awaitPublished(production.eventId(), 1)).extracting(ConsumerRecord::key).containsExactly("PRODUCTION");
        assertThat(awaitPublished(transport.eventId(), 1)).extracting(ConsumerRecord::key).containsExactly("TRANSPORT");
        assertThat(awaitPublished(cleared.eventId(), 2)).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder("PRODUCTION", "MARKETING");
        List<ConsumerRecord<String, String>> all = kafka.records(Topics.NOTIFICATIONS).stream()
                .filter(r -> sku.equals(json(r.value()).get("sku").asString(null))).toList();
        assertThat(all).hasSize(5);
        all.forEach(r -> EventContracts.assertConforms(ISSUED, r.value()));
    }

    @Test
    void aRedeliveredSignalNotifiesOnce() {
        // given a stock-out delivered twice, then a later signal of the same SKU (same partition)
        String sku = unique("TWICE");
        String account = unique("C");
        EventJson stockOut = EventJson.keyAccountStockOut(account, sku);
        send(stockOut);
        send(stockOut);
        send(EventJson.shortageRisk(sku));

        // then once the later signal is announced, the duplicate has been skipped
        awaitNotification("MARKETING", sku, "SHORTAGE_RISK");
        assertThat(notifications("PRODUCTION", sku)).extracting(n -> n.get("kind").asString())
                .containsExactly("KEY_ACCOUNT_STOCK_OUT");
        assertThat(notifications("MARKETING", sku)).extracting(n -> n.get("kind").asString())
                .containsExactly("SHORTAGE_RISK", "KEY_ACCOUNT_STOCK_OUT");
        assertThat(kafka.records(Topics.NOTIFICATIONS)).filteredOn(r -> r.value().contains(stockOut.eventId()))
                .hasSize(2);
    }

    @Test
    void anEventTypeInsightDoesNotKnowIsSkippedAndCountedNotDeadLettered() {
        // given a type a newer supply-service might publish (whatever its value), then a known signal
        String sku = unique("NEWTYPE");
        kafka.send(Topics.SUPPLY_SIGNALS, sku, "{not even json", Map.of("kam-event-type", "StockForecastPublished"));
        send(EventJson.shortageRisk(sku));

        // then the known one is announced, so the unknown one before it was handled: skipped and counted
        awaitNotification("MARKETING", sku, "SHORTAGE_RISK");
        assertThat(kafka.records(DLQ)).noneMatch(r -> sku.equals(r.key()));
        assertThat(notifications("MARKETING", sku)).hasSize(1);
        TestApi.Response metrics = api.get("/actuator/prometheus");
        assertThat(metrics.body()).containsPattern("kam_supply_signals_ignored_total\\{application=\"insight-service\","
                + "type=\"StockForecastPublished\"} [1-9]");
    }

    @Test
    void anInvalidKnownSignalOrOneWithoutItsTypeGoesToTheDeadLetterTopicAndTheNextOneIsStillApplied() {
        // given a production request with a date that is not one, a record without its type, then a good signal
        String sku = unique("POISON-SIGNAL");
        EventJson bad = EventJson.productionRequested(sku).with("latestStart", "soon");
        kafka.send(Topics.SUPPLY_SIGNALS, sku, bad.json(), Map.of("kam-event-type", bad.type()));
        kafka.send(Topics.SUPPLY_SIGNALS, sku, EventJson.transportRequested(sku).json());
        send(EventJson.transportRequested(sku));

        // then both bad records are dead-lettered with the reason, naming the field or header
        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(DLQ, 2, r -> sku.equals(r.key()));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-exception-message"))
                .anySatisfy(reason -> assertThat(reason)
                        .contains("latestStart: must be an ISO-8601 date such as 2026-03-02, was 'soon'"))
                .anySatisfy(reason -> assertThat(reason)
                        .contains("kam-event-type: header is required on kam.supply-signals.v1"));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-original-topic")).containsOnly(Topics.SUPPLY_SIGNALS);

        // and the good one behind them tells transport
        awaitNotification("TRANSPORT", sku, "TRANSPORT_REQUESTED");
        assertThat(notifications("PRODUCTION", sku)).isEmpty();
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Sends a valid signal as supply-service does: keyed by SKU, its type in kam-event-type. */
    private void send(EventJson signal) {
        EventContracts.assertConforms(SCHEMAS.get(signal.type()), signal.json());
        kafka.send(Topics.SUPPLY_SIGNALS, json(signal.json()).get("sku").asString(), signal.json(),
                Map.of("kam-event-type", signal.type(), "kam-event-id", signal.eventId()));
    }

    /** Waits until {@code department}'s feed lists a notification of {@code kind} about {@code sku}. */
    private JsonNode awaitNotification(String department, String sku, String kind) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> notifications(department, sku).stream()
                        .filter(n -> kind.equals(n.get("kind").asString())).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** {@code department}'s notifications about {@code sku}, as the API lists them (newest first). */
    private List<JsonNode> notifications(String department, String sku) {
        TestApi.Response response = api.get("/api/v1/notifications?department=" + department + "&limit=500", "ANALYST");
        assertThat(response.status()).isEqualTo(200);
        return StreamSupport.stream(response.json().spliterator(), false)
                .filter(n -> sku.equals(n.get("sku").asString(null)))
                .toList();
    }

    private List<ConsumerRecord<String, String>> awaitPublished(String sourceEventId, int count) {
        return kafka.awaitRecords(Topics.NOTIFICATIONS, count,
                r -> sourceEventId.equals(json(r.value()).get("sourceEventId").asString()));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
