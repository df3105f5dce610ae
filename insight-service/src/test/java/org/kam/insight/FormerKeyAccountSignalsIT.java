package org.kam.insight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.KafkaProbe;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * A replayed history faster than the market watch: a key account's orders collapse and it leaves KEY
 * before the watch has judged those weeks. A context (and database) of its own, so its business
 * clock is its own sales'.
 */
@TestPropertySource(properties = { "kam.test.context=market-former-key", "kam.insight.market-watch.interval=PT1S" })
class FormerKeyAccountSignalsIT extends ServiceIntegrationTest {


    @Test
    void aKeyAccountWhoseOrdersCollapsedIsSignalledEvenWhenItLeftKeyBeforeTheWatchSawTheWeeks() {
        // given an account that was KEY and, by the time the watch runs, has left KEY six weeks after
        // its orders collapsed (a replayed history: the tier changes arrive before the weeks are judged)
        String account = "GONE-" + UUID.randomUUID().toString().substring(0, 8);
        String left = SeasonalOrders.FIRST_WEDNESDAY.plusWeeks(106).atTime(10, 0).toInstant(ZoneOffset.UTC).toString();
        kafka.send(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, "REGULAR", "KEY")
                .withRaw("asOf", org.kam.testsupport.JsonRecord.quote(SeasonalOrders.FIRST_WEDNESDAY.atTime(10, 0).toInstant(ZoneOffset.UTC).toString()))
                .withRaw("sequence", "1").json());
        kafka.send(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, "KEY", "REGULAR")
                .withRaw("asOf", org.kam.testsupport.JsonRecord.quote(left)).withRaw("sequence", "2").json());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/notifications?department=MARKETING&limit=500",
                "ANALYST").json().valueStream().anyMatch(n -> "KEY_ACCOUNT_LOST".equals(n.get("kind").asString())
                        && account.equals(n.get("accountId").asString())));
        List<ProducerRecord<String, String>> sales = SeasonalOrders.withASuddenDrop(account, "SKU-GONE");

        // when its two years of orders arrive
        kafka.sendAll(sales);

        // then the collapse in week 100, while it was KEY, is one DROP signal, told to PRODUCTION
        ConsumerRecord<String, String> signal = await().atMost(Duration.ofSeconds(60)).until(() -> kafka
                .records(Topics.INSIGHT_SIGNALS).stream().filter(r -> account.equals(r.key())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        JsonNode event = json(signal.value());
        assertThat(event.get("kind").asString()).isEqualTo("DROP");
        assertThat(event.get("weekStart").asString()).isEqualTo(SeasonalOrders.dropWeekStart());
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/notifications?department=PRODUCTION&limit=500",
                "ANALYST").json().valueStream().anyMatch(n -> "MARKET_SIGNAL".equals(n.get("kind").asString())
                        && account.equals(n.get("accountId").asString())));

        // and it is judged up to the week it left KEY, not after: nothing more, and it is no longer watched
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                kafka.records(Topics.INSIGHT_SIGNALS)).filteredOn(r -> account.equals(r.key())).hasSize(1));
    }
}
