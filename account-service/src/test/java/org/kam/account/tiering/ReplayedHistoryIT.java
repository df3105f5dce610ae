package org.kam.account.tiering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.kam.account.Topics;
import org.kam.account.tiering.FromScratchTiering.PastSale;
import org.kam.testsupport.ServiceIntegrationTest;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * As the issue will check it: a history of sales replayed through kam.sales.v1, in no particular
 * order across accounts, ends with exactly the KEY and POTENTIAL sets an independent computation
 * of the rule gives; and the TierChanged events on the topic, followed per account, lead from
 * REGULAR to that final tier without a gap or a repeat.
 */
@TestPropertySource(properties = "kam.test.context=replay")
class ReplayedHistoryIT extends ServiceIntegrationTest {

    @Test
    void aReplayedHistoryEndsInTheTiersTheRuleGivesAndTheTopicTellsEveryStepOnce() {
        // given 1,500 sales of 60 customers over two years: a few large ones, a long tail,
        // some fast growers, some that stopped buying (so the window's edge matters)
        Random random = new Random(20261127);
        Instant start = Instant.parse("2024-06-01T00:00:00Z");
        List<PastSale> history = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            int customer = (int) Math.min(59, Math.floor(Math.pow(random.nextDouble(), 2.5) * 60));
            long minutes = (long) (random.nextDouble() * 2 * 365 * 24 * 60);
            if (customer % 7 == 3) {
                minutes = 365L * 24 * 60 + (long) (random.nextDouble() * 365 * 24 * 60); // late starters
            }
            if (customer % 11 == 5) {
                minutes = (long) (random.nextDouble() * 300 * 24 * 60); // stopped early
            }
            BigDecimal amount = BigDecimal.valueOf(100 + random.nextInt(500_000), 2);
            history.add(new PastSale("R-" + customer, start.plus(Duration.ofMinutes(minutes)), amount));
        }

        // when it is produced to the topic in time order, as an ERP backfill would
        history.sort(java.util.Comparator.comparing(PastSale::occurredAt));
        for (PastSale sale : history) {
            kafka.send(Topics.SALES, sale.accountId(), """
                    {"eventId":"%s","accountId":"%s","orderId":"O-%s","sku":"S-1","quantity":1,"amount":%s,"occurredAt":"%s"}"""
                    .formatted(UUID.randomUUID(), sale.accountId(), UUID.randomUUID(), sale.amount().toPlainString(),
                            sale.occurredAt()));
        }
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(recordedSales()).isEqualTo(history.size()));
        Set<String> customers = new TreeSet<>();
        history.forEach(s -> customers.add(s.accountId()));

        // then the tiers equal the rule computed from scratch
        Map<String, Tier> expected = FromScratchTiering.tiers(TieringRule.DEFAULT, history, Map.of(), customers);
        Map<String, Tier> actual = new TreeMap<>();
        for (String customer : customers) {
            actual.put(customer, Tier.valueOf(api.get("/api/v1/accounts/" + customer + "/tier", "ANALYST").json()
                    .get("tier").asString()));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(expected).containsValue(Tier.KEY).containsValue(Tier.POTENTIAL).containsValue(Tier.REGULAR);

        // and the topic tells each account's story step by step
        Map<String, Tier> replayed = new HashMap<>();
        for (ConsumerRecord<String, String> change : kafka.records(Topics.ACCOUNT_TIERS)) {
            JsonNode event = json(change.value());
            String account = event.get("accountId").asString();
            assertThat(event.get("from").asString()).as("from of %s", change.value())
                    .isEqualTo(replayed.getOrDefault(account, Tier.REGULAR).name());
            assertThat(event.get("to").asString()).isNotEqualTo(event.get("from").asString());
            replayed.put(account, Tier.valueOf(event.get("to").asString()));
        }
        customers.forEach(c -> replayed.putIfAbsent(c, Tier.REGULAR));
        assertThat(new TreeMap<>(replayed)).isEqualTo(expected);
    }

    /** This context's own count of sales recorded for the first time. */
    private long recordedSales() {
        return api.get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith("kam_sales_recorded_total"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
