package org.kam.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
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
 * insight-service on a real Kafka broker and a real PostgreSQL. Every test uses its own account ids
 * (and the barometer test its own month), so tests do not depend on each other's order.
 */
class InsightServiceIT extends ServiceIntegrationTest {

    private static final String DLQ = "kam.dlq.insight-service.v1";

    @Test
    void anAccountBecomingKeyIsAnnouncedToMarketingAndProduction() {
        // given an account that account-service just made KEY
        String account = unique("NEWKEY");
        EventJson change = EventJson.tierChanged(account, "REGULAR", "KEY");

        // when the change arrives on the topic
        kafka.send(Topics.ACCOUNT_TIERS, account, change.json());

        // then marketing and production find it in their feeds
        String message = "account " + account + " became a key account as of 2026-03-02T09:00:00Z";
        JsonNode marketing = awaitNotification("MARKETING", account, "NEW_KEY_ACCOUNT");
        JsonNode production = awaitNotification("PRODUCTION", account, "NEW_KEY_ACCOUNT");
        for (JsonNode notification : List.of(marketing, production)) {
            assertThat(notification.get("message").asString()).isEqualTo(message);
            assertThat(notification.get("sourceEventId").asString()).isEqualTo(change.eventId());
            assertThat(notification.get("sku").isNull()).isTrue();
            assertThat(notification.get("occurredAt").asString()).isNotBlank();
        }

        // and each is published once, keyed by department, conforming to the contract
        List<ConsumerRecord<String, String>> published = awaitPublished(change.eventId(), 2);
        assertThat(published).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("MARKETING", "PRODUCTION");
        for (ConsumerRecord<String, String> record : published) {
            EventContracts.assertConforms("notification-issued.v1.schema.json", record.value());
            assertThat(KafkaProbe.header(record, "kam-event-type")).isEqualTo("NotificationIssued");
            JsonNode event = json(record.value());
            JsonNode listed = record.key().equals("MARKETING") ? marketing : production;
            assertThat(event.get("eventId").asString()).isEqualTo(listed.get("id").asString())
                    .isEqualTo(KafkaProbe.header(record, "kam-event-id"));
            assertThat(event.get("department").asString()).isEqualTo(record.key());
            assertThat(event.get("kind").asString()).isEqualTo("NEW_KEY_ACCOUNT");
            assertThat(event.get("accountId").asString()).isEqualTo(account);
            assertThat(event.get("message").asString()).isEqualTo(message);
            assertThat(event.get("sourceEventId").asString()).isEqualTo(change.eventId());
            assertThat(event.get("occurredAt").asString()).isEqualTo(listed.get("occurredAt").asString());
        }
    }

    @Test
    void aSaleFromAKeyAccountTellsProductionWhatWasOrdered() {
        // given a KEY account
        String account = unique("KEYSALE");
        makeKey(account);

        // when it buys
        EventJson sale = EventJson.sale(account).with("sku", "GEAR-7").withRaw("quantity", "7");
        kafka.send(Topics.SALES, account, sale.json());

        // then production is told, in its feed and on the topic
        JsonNode notification = awaitNotification("PRODUCTION", account, "KEY_ACCOUNT_SALE");
        assertThat(notification.get("message").asString()).isEqualTo("key account " + account + " ordered 7 × GEAR-7");
        assertThat(notification.get("sku").asString()).isEqualTo("GEAR-7");
        assertThat(notification.get("sourceEventId").asString()).isEqualTo(sale.eventId());
        ConsumerRecord<String, String> published = awaitPublished(sale.eventId(), 1).get(0);
        assertThat(published.key()).isEqualTo("PRODUCTION");
        EventContracts.assertConforms("notification-issued.v1.schema.json", published.value());
        assertThat(json(published.value()).get("message").asString()).isEqualTo(notification.get("message").asString());
    }

    @Test
    void aShortReservationTellsProductionAndTransportAndAFullOneTellsProduction() {
        // given a reservation that could not be covered in full, then one that could
        String account = unique("SHORT");
        EventJson shortReservation = EventJson.reservationChanged(account, 10, 4, 6);
        EventJson fullReservation = EventJson.reservationChanged(account, 10, 10, 0);

        // when they arrive
        kafka.send(Topics.RESERVATIONS, account, shortReservation.json());
        kafka.send(Topics.RESERVATIONS, account, fullReservation.json());

        // then production and transport hear of the shortage, and production of the reserved stock
        String shortage = "6 units of SKU-1 missing for key account " + account;
        assertThat(awaitNotification("PRODUCTION", account, "RESERVATION_SHORTAGE").get("message").asString())
                .isEqualTo(shortage);
        assertThat(awaitNotification("TRANSPORT", account, "RESERVATION_SHORTAGE").get("message").asString())
                .isEqualTo(shortage);
        assertThat(awaitNotification("PRODUCTION", account, "STOCK_RESERVED").get("message").asString())
                .isEqualTo("10 units of SKU-1 reserved for key account " + account);
        List<ConsumerRecord<String, String>> published = awaitPublished(shortReservation.eventId(), 2);
        assertThat(published).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("PRODUCTION", "TRANSPORT");
        published.forEach(r -> EventContracts.assertConforms("notification-issued.v1.schema.json", r.value()));
    }

    @Test
    void anOrderDrawingOnItsProtectionTellsNobodyAndAPotentialAccountsShortageIsNamedSo() {
        // given an order that took units from its account's protection, then a re-forecast that left it short
        String account = unique("QUIET");
        EventJson order = EventJson.reservationChanged(account, 10, 4, 6).with("cause", "ORDER")
                .with("tier", "POTENTIAL");
        EventJson forecast = EventJson.reservationChanged(account, 10, 7, 3).with("cause", "FORECAST")
                .with("tier", "POTENTIAL");
        EventContracts.assertConforms("reservation-changed.v1.schema.json", order.json());
        EventContracts.assertConforms("reservation-changed.v1.schema.json", forecast.json());

        // when they arrive, in this order on the account's partition
        kafka.send(Topics.RESERVATIONS, account, order.json());
        kafka.send(Topics.RESERVATIONS, account, forecast.json());

        // then only the re-forecast's shortage is told, worded for a potential account
        String message = "3 units of SKU-1 missing for potential account " + account;
        assertThat(awaitNotification("TRANSPORT", account, "RESERVATION_SHORTAGE").get("message").asString())
                .isEqualTo(message);
        assertThat(notifications("PRODUCTION", account)).extracting(n -> n.get("kind").asString(),
                n -> n.get("message").asString(), n -> n.get("sourceEventId").asString())
                .containsExactly(tuple("RESERVATION_SHORTAGE", message, forecast.eventId()));
        assertThat(notifications("TRANSPORT", account)).hasSize(1);
        assertThat(kafka.records(Topics.NOTIFICATIONS)).filteredOn(r -> r.value().contains(order.eventId())).isEmpty();
    }

    @Test
    void aRedeliveredEventCreatesNoSecondNotification() {
        // given a tier change delivered twice, then a later change of the same account (same partition)
        String account = unique("TWICE");
        EventJson change = EventJson.tierChanged(account, "REGULAR", "KEY");
        kafka.send(Topics.ACCOUNT_TIERS, account, change.json());
        kafka.send(Topics.ACCOUNT_TIERS, account, change.json());
        EventJson lost = EventJson.tierChanged(account, "KEY", "REGULAR");
        kafka.send(Topics.ACCOUNT_TIERS, account, lost.json());

        // then once the later change is announced, the duplicate has been skipped
        awaitNotification("MARKETING", account, "KEY_ACCOUNT_LOST");
        awaitPublished(lost.eventId(), 1);
        assertThat(notifications("MARKETING", account)).extracting(n -> n.get("kind").asString())
                .containsExactlyInAnyOrder("NEW_KEY_ACCOUNT", "KEY_ACCOUNT_LOST");
        assertThat(notifications("PRODUCTION", account)).extracting(n -> n.get("kind").asString())
                .containsExactly("NEW_KEY_ACCOUNT");
        assertThat(kafka.records(Topics.NOTIFICATIONS)).filteredOn(r -> r.value().contains(change.eventId()))
                .hasSize(2);
    }

    @Test
    void anOlderTierChangeReplayedAfterANewerOneTellsNobodyAgain() {
        // given an account that became KEY (change 5) and was lost (change 6)
        String account = unique("REPLAY");
        kafka.send(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, "REGULAR", "KEY").withRaw("sequence", "5").json());
        kafka.send(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, "KEY", "REGULAR").withRaw("sequence", "6").json());

        // when change 5 comes back under another event id, followed by change 7 (same partition)
        kafka.send(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, "REGULAR", "KEY").withRaw("sequence", "5").json());
        EventJson potential = EventJson.tierChanged(account, "REGULAR", "POTENTIAL").withRaw("sequence", "7");
        kafka.send(Topics.ACCOUNT_TIERS, account, potential.json());

        // then once change 7 is applied, the replay has announced no second new key account
        await().atMost(java.time.Duration.ofSeconds(30)).until(() -> api.get("/actuator/prometheus").body()
                .contains("kam_insight_tier_changes_stale_total"));
        awaitNotification("MARKETING", account, "KEY_ACCOUNT_LOST");
        assertThat(notifications("MARKETING", account)).extracting(n -> n.get("kind").asString())
                .containsExactlyInAnyOrder("NEW_KEY_ACCOUNT", "KEY_ACCOUNT_LOST");
    }

    @Test
    void aMalformedTierChangeGoesToTheDeadLetterTopicAndTheNextOneIsStillApplied() {
        // given a record that is not JSON and one with an unknown tier, followed by a good change
        String account = unique("POISON-TIER");
        kafka.send(Topics.ACCOUNT_TIERS, account, "{not json");
        kafka.send(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, "REGULAR", "GOLD").json());
        kafka.send(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, "REGULAR", "KEY").json());

        // then both bad records are dead-lettered with the reason, naming the field
        List<ConsumerRecord<String, String>> dead = kafka.awaitRecords(DLQ, 2, r -> account.equals(r.key()));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-exception-message"))
                .anySatisfy(reason -> assertThat(reason).contains("$: not valid JSON"))
                .anySatisfy(reason -> assertThat(reason)
                        .contains("to: must be one of KEY, POTENTIAL, REGULAR, was 'GOLD'"));
        assertThat(dead).extracting(r -> KafkaProbe.header(r, "x-original-topic")).containsOnly(Topics.ACCOUNT_TIERS);

        // and the good change behind them was applied
        awaitNotification("MARKETING", account, "NEW_KEY_ACCOUNT");
    }

    @Test
    void aMalformedSaleGoesToTheDeadLetterTopicAndTheNextOneIsStillCollected() {
        // given a KEY account, a sale of it with a negative quantity, then a good one
        String account = unique("POISON-SALE");
        makeKey(account);
        kafka.send(Topics.SALES, account, EventJson.sale(account).withRaw("quantity", "-1").json());
        kafka.send(Topics.SALES, account, EventJson.sale(account).json());

        // then the bad one is dead-lettered naming the field, and the good one tells production
        ConsumerRecord<String, String> dead = kafka.awaitRecord(DLQ, r -> account.equals(r.key()));
        assertThat(KafkaProbe.header(dead, "x-exception-message"))
                .contains("quantity: must be greater than 0, was -1");
        assertThat(KafkaProbe.header(dead, "x-original-topic")).isEqualTo(Topics.SALES);
        awaitNotification("PRODUCTION", account, "KEY_ACCOUNT_SALE");
    }

    @Test
    void aMalformedReservationGoesToTheDeadLetterTopicAndTheNextOneIsStillApplied() {
        // given a reservation without a SKU, then a good one
        String account = unique("POISON-RES");
        kafka.send(Topics.RESERVATIONS, account, EventJson.reservationChanged(account, 3, 1, 2).without("sku").json());
        kafka.send(Topics.RESERVATIONS, account, EventJson.reservationChanged(account, 3, 1, 2).json());

        // then the bad one is dead-lettered naming the field, and the good one is announced
        ConsumerRecord<String, String> dead = kafka.awaitRecord(DLQ, r -> account.equals(r.key()));
        assertThat(KafkaProbe.header(dead, "x-exception-message")).contains("sku: is required");
        assertThat(KafkaProbe.header(dead, "x-original-topic")).isEqualTo(Topics.RESERVATIONS);
        awaitNotification("TRANSPORT", account, "RESERVATION_SHORTAGE");
    }

    @Test
    void theBarometerSumsKeyAccountSalesPerMonthAndTheirShareOfAllSales() {
        // given a KEY account buying twice in May 2011, and an unknown (REGULAR) account buying then too
        String key = unique("BARO-KEY");
        String regular = unique("BARO-REG");
        makeKey(key);
        kafka.send(Topics.SALES, key, EventJson.sale(key).withRaw("quantity", "2").withRaw("amount", "100.00")
                .with("occurredAt", "2011-05-03T10:00:00Z").json());
        kafka.send(Topics.SALES, key, EventJson.sale(key).withRaw("quantity", "1").withRaw("amount", "50.50")
                .with("occurredAt", "2011-05-31T23:59:59Z").json());
        kafka.send(Topics.SALES, regular, EventJson.sale(regular).withRaw("amount", "1000")
                .with("occurredAt", "2011-05-15T10:00:00Z").json());

        // then May 2011 shows only the key account's sales
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode barometer = api.get("/api/v1/barometer", "ANALYST").json();
            JsonNode may = month(barometer, "2011-05").orElseThrow(() -> new AssertionError("no 2011-05 yet"));
            assertThat(may.get("count").asLong()).isEqualTo(2);
            assertThat(may.get("quantity").asLong()).isEqualTo(3);
            assertThat(may.get("amount").decimalValue()).isEqualByComparingTo("150.50");
            assertThat(barometer.get("allSalesAmount").decimalValue())
                    .isGreaterThanOrEqualTo(barometer.get("keyAccountAmount").decimalValue().add(new BigDecimal("1000")));
        });

        // and the share is the key accounts' part of all sales amount
        JsonNode barometer = api.get("/api/v1/barometer", "SALES").json();
        BigDecimal all = barometer.get("allSalesAmount").decimalValue();
        BigDecimal keyAmount = barometer.get("keyAccountAmount").decimalValue();
        assertThat(barometer.get("keyAccountShare").decimalValue())
                .isEqualByComparingTo(keyAmount.divide(all, 4, RoundingMode.HALF_UP))
                .isBetween(BigDecimal.ZERO, BigDecimal.ONE);
    }

    @Test
    void notificationsAreListedNewestFirstAndFilteredByDepartment() {
        // given an account that becomes KEY and then buys
        String account = unique("FEED");
        makeKey(account);
        kafka.send(Topics.SALES, account, EventJson.sale(account).json());
        awaitNotification("PRODUCTION", account, "KEY_ACCOUNT_SALE");

        // then production's feed lists the sale before the earlier news, and marketing's has no sale
        assertThat(notifications("PRODUCTION", account)).extracting(n -> n.get("kind").asString())
                .containsExactly("KEY_ACCOUNT_SALE", "NEW_KEY_ACCOUNT");
        assertThat(notifications("MARKETING", account)).extracting(n -> n.get("kind").asString())
                .containsExactly("NEW_KEY_ACCOUNT");
        JsonNode all = api.get("/api/v1/notifications?limit=500", "KAM").json();
        assertThat(all.findValuesAsString("department")).contains("MARKETING", "PRODUCTION");
        assertThat(api.get("/api/v1/notifications?limit=1", "KAM").json().size()).isEqualTo(1);
        JsonNode first = all.get(0);
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("id", "department", "kind", "severity", "accountId",
                "sku", "tier", "productLine", "message", "sourceEventId", "occurredAt", "acknowledgedAt", "acknowledgedBy");
    }

    @Test
    void anUnknownDepartmentOrALimitOutOfRangeIsRejectedNamingTheParameter() {
        TestApi.Response unknown = api.get("/api/v1/notifications?department=KITCHEN", "ANALYST");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asString()).isEqualTo(
                "department: must be one of PRODUCTION, PRODUCT_DEVELOPMENT, MARKETING, TRANSPORT, MANAGEMENT, was 'KITCHEN'");
        assertThat(unknown.json().get("errors").get(0).get("field").asString()).isEqualTo("department");
        for (String limit : new String[] { "0", "501", "many" }) {
            TestApi.Response response = api.get("/api/v1/notifications?limit=" + limit, "ANALYST");
            assertThat(response.status()).as("limit=%s", limit).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("detail").asString())
                    .isEqualTo("limit: must be an integer from 1 to 500, was '" + limit + "'");
            assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
        }
    }

    @Test
    void theApiNeedsAToken() {
        assertThat(api.get("/api/v1/notifications").status()).isEqualTo(401);
        assertThat(api.get("/api/v1/barometer").status()).isEqualTo(401);
        // a token whose roles are none of the KAM roles reads nothing
        assertThat(api.get("/api/v1/notifications", "TRANSPORT").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/notifications", "SUPPLY").status()).isEqualTo(200);
        assertThat(api.get("/api/v1/barometer", "ANALYST").status()).isEqualTo(200);
    }

    @Test
    void healthAndMetricsStayOpenForProbesAndCountIssuedNotifications() {
        String account = unique("METRIC");
        kafka.send(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, "REGULAR", "KEY").json());
        awaitNotification("MARKETING", account, "NEW_KEY_ACCOUNT");

        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
        TestApi.Response metrics = api.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).containsPattern("kam_notifications_issued_total\\{application=\"insight-service\","
                + "department=\"MARKETING\",kind=\"NEW_KEY_ACCOUNT\",severity=\"INFO\"} [1-9]");
    }

    // --- helpers -------------------------------------------------------------------------------

    private void makeKey(String account) {
        kafka.send(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, "REGULAR", "KEY").json());
        awaitNotification("PRODUCTION", account, "NEW_KEY_ACCOUNT");
    }

    /** Waits until {@code department}'s feed lists a notification of {@code kind} about {@code account}. */
    @Test
    void withoutASignInProviderTheDashboardSaysWhatToSetAndTheApiIsUnaffected() {
        TestApi.Response page = api.get("/dashboard/");

        assertThat(page.status()).isEqualTo(503);
        assertThat(page.body()).contains("The dashboard needs a sign-in provider", "KAM_OIDC_ISSUER_URI");
        assertThat(api.get("/api/v1/me", "SUPPLY").json().get("sections").toString())
                .isEqualTo("[\"ACCOUNTS\",\"STOCK\",\"NOTIFICATIONS\",\"INTELLIGENCE\"]");
        assertThat(api.get("/api/v1/me").status()).isEqualTo(401);
    }

    private JsonNode awaitNotification(String department, String account, String kind) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> notifications(department, account).stream()
                        .filter(n -> kind.equals(n.get("kind").asString())).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    /** {@code department}'s notifications about {@code account}, as the API lists them (newest first). */
    private List<JsonNode> notifications(String department, String account) {
        TestApi.Response response = api.get("/api/v1/notifications?department=" + department + "&limit=500", "ANALYST");
        assertThat(response.status()).isEqualTo(200);
        return StreamSupport.stream(response.json().spliterator(), false)
                .filter(n -> account.equals(n.get("accountId").asString(null)))
                .toList();
    }

    private List<ConsumerRecord<String, String>> awaitPublished(String sourceEventId, int count) {
        return kafka.awaitRecords(Topics.NOTIFICATIONS, count,
                r -> sourceEventId.equals(json(r.value()).get("sourceEventId").asString()));
    }

    private static Optional<JsonNode> month(JsonNode barometer, String month) {
        return StreamSupport.stream(barometer.get("keyAccountSales").spliterator(), false)
                .filter(m -> month.equals(m.get("month").asString())).findFirst();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
