package org.kam.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.JsonNode;

/**
 * A supply-service integration test: what {@link ServiceIntegrationTest} gives, plus the service's
 * database and the steps most supply tests share (sales and tier changes sent on the topics, waits
 * for what supply stored or published, products put through the API, refusals read).
 */
public abstract class SupplyIntegrationTest extends ServiceIntegrationTest {

    @Autowired
    protected JdbcTemplate jdbc;

    // --- sent on the topics ----------------------------------------------------------------------

    /** Sends a valid sale on kam.sales.v1, keyed by the account; answers its event id. */
    protected String sendSale(String accountId, String sku, int quantity, String occurredAt) {
        return send(Topics.SALES, accountId, EventJson.sale(accountId, sku, quantity, occurredAt));
    }

    /** Sends a valid tier change on kam.account-tiers.v1, keyed by the account. */
    protected void sendTierChange(String accountId, String from, String to, String asOf) {
        send(Topics.ACCOUNT_TIERS, accountId, EventJson.tierChange(accountId, from, to, asOf));
    }

    /** Sends {@code event} on {@code topic} and waits for the broker's ack; answers its event id. */
    protected String send(String topic, String key, EventJson event) {
        kafka.send(topic, key, event.json());
        return event.eventId();
    }

    /**
     * Sends account CLOCK's sale of one SKU-CLOCK at {@code occurredAt} unless supply has stored it
     * already, and waits until it has: forecasts run as of the latest sale supply knows.
     */
    protected void sendClockSaleOnce(String occurredAt) {
        if (salesOf("CLOCK") == 0) {
            kafka.send(Topics.SALES, "CLOCK", EventJson.sale("CLOCK", "SKU-CLOCK", 1, occurredAt).json());
            awaitSalesRecorded("CLOCK", 1);
        }
    }

    /** A valid sale as a record for kam.sales.v1, keyed by the account, to send in a batch. */
    protected static ProducerRecord<String, String> saleRecord(String accountId, String sku, int quantity,
            String occurredAt) {
        return new ProducerRecord<>(Topics.SALES, accountId, EventJson.sale(accountId, sku, quantity, occurredAt).json());
    }

    // --- what supply stored or published ---------------------------------------------------------

    /** How many sale lines supply has stored for the account. */
    protected int salesOf(String accountId) {
        return jdbc.queryForObject("select count(*) from sale_line where account_id = ?", Integer.class, accountId);
    }

    /** Waits until supply has stored exactly {@code count} sale lines for the account. */
    protected void awaitSalesRecorded(String accountId, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> salesOf(accountId) == count);
    }

    /**
     * Waits until supply knows the account's tier to be {@code tier} and has sized (or released) its
     * protections for it: the sizer works moments after the change (ADR 14).
     */
    protected void awaitTier(String accountId, String tier) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForList(
                "select tier from account_tier where account_id = ?", String.class, accountId).contains(tier));
        awaitNothingDue(accountId);
    }

    /** Waits until the outbox relay has published every event supply stored. */
    /** Waits until the sizer has sized whatever tier changes and sales made due for the account (ADR 14). */
    protected void awaitNothingDue(String accountId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from protection_due where account_id = ?", Integer.class, accountId) == 0);
    }

    protected void awaitOutboxDrained() {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from outbox_event", Integer.class) == 0);
    }

    /** The account's ReservationChanged records now on kam.reservations.v1, in the order published. */
    protected List<ConsumerRecord<String, String>> reservationRecords(String accountId) {
        return kafka.records(Topics.RESERVATIONS).stream().filter(r -> accountId.equals(r.key())).toList();
    }

    /** Waits for the account's {@code count} first ReservationChanged records, in the order published. */
    protected List<ConsumerRecord<String, String>> awaitReservationRecords(String accountId, int count) {
        return kafka.awaitRecords(Topics.RESERVATIONS, count, r -> accountId.equals(r.key()));
    }

    /** Asserts a ReservationChanged event's SKU, tier, units requested, reserved and short, and cause. */
    protected static void assertReservationChangedFields(JsonNode event, String sku, String tier, int requested,
            int reserved, int shortage, String cause) {
        assertThat(event.get("sku").asString()).isEqualTo(sku);
        assertThat(event.get("tier").asString()).isEqualTo(tier);
        assertThat(event.get("requested").asInt()).isEqualTo(requested);
        assertThat(event.get("reserved").asInt()).isEqualTo(reserved);
        assertThat(event.get("shortage").asInt()).isEqualTo(shortage);
        assertThat(event.get("cause").asString()).isEqualTo(cause);
    }

    // --- the HTTP API ----------------------------------------------------------------------------

    /** Creates or updates product "Product {@code sku}" with {@code onHand} in the default warehouse; must succeed. */
    protected TestApi.Response putProduct(String sku, int onHand) {
        return putProduct(sku, "Product " + sku, onHand);
    }

    /** Creates or updates a product with {@code onHand} in the default warehouse, as a supply planner; must succeed. */
    protected TestApi.Response putProduct(String sku, String name, int onHand) {
        TestApi.Response response = api.put("/api/v1/products/" + sku,
                "{\"name\":\"" + name + "\",\"onHand\":" + onHand + "}", "SUPPLY");
        assertThat(response.status()).as(response.body()).isIn(200, 201);
        return response;
    }

    /** The field named first in a 400 ProblemDetail's errors. */
    protected static String firstField(TestApi.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().get("errors").get(0).get("field").asString();
    }

    /** "field: message" of the first error in a 400 ProblemDetail (application/problem+json). */
    protected static String firstError(TestApi.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode error = response.json().get("errors").get(0);
        return error.get("field").asString() + ": " + error.get("message").asString();
    }

    /**
     * One sale on the Monday of each of the 104 weeks before {@code week0} and of {@code week0}:
     * {@code base} units, {@code peak} in the weeks 12 to 15 of each 52-week season counted from it.
     */
    protected static List<ProducerRecord<String, String>> weeklySales(String accountId, String sku, int base, int peak,
            LocalDate week0) {
        List<ProducerRecord<String, String>> sales = new ArrayList<>();
        for (int week = -104; week <= 0; week++) {
            int seasonWeek = Math.floorMod(week, 52);
            int quantity = seasonWeek >= 12 && seasonWeek <= 15 ? peak : base;
            String at = week0.plusWeeks(week).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
            sales.add(saleRecord(accountId, sku, quantity, at));
        }
        return sales;
    }
}
