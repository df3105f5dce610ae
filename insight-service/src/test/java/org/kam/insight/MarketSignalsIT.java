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
 * A replayed history, as the user tries it: two years of a key account's weekly orders with
 * a seasonal pattern, then a sudden drop. A context of its own (the business clock is the latest
 * sale of all), watched every second.
 */
@TestPropertySource(properties = { "kam.test.context=market", "kam.insight.market-watch.interval=PT1S" })
class MarketSignalsIT extends ServiceIntegrationTest {


    @Test
    void aSuddenDropInAKeyAccountsSeasonalOrdersReachesProductionAndMarketing() {
        String account = "DROP-" + UUID.randomUUID().toString().substring(0, 8);
        // the account buys SKU-1, the only SKU of its product line here: the line's sales collapse with it
        String line = "Compressors " + account;
        kafka.send(Topics.PRODUCTS, "SKU-1", EventJson.productDetails("SKU-1", line).json(),
                java.util.Map.of("kam-event-type", "ProductDetailsChanged"));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/market-signals/product-lines", "SUPPLY").json()
                .valueStream().anyMatch(name -> name.asString().equals(line)));
        kafka.send(Topics.ACCOUNT_TIERS, account, EventJson.tierChanged(account, "REGULAR", "KEY").json());

        // given 112 weeks of orders following the season, the last twelve at a fifth of it
        List<ProducerRecord<String, String>> sales = SeasonalOrders.withASuddenDrop(account, "SKU-1");
        kafka.sendAll(sales);

        // then the drop in week 100 is one MarketSignal, conforming to the contract (weeks are judged
        // once the business clock is a week past them: up to week 110 here)
        ConsumerRecord<String, String> signal = await().atMost(Duration.ofSeconds(60)).until(() -> kafka
                .records(Topics.INSIGHT_SIGNALS).stream().filter(r -> account.equals(r.key())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        EventContracts.assertConforms("market-signal.v1.schema.json", signal.value());
        assertThat(KafkaProbe.header(signal, "kam-event-type")).isEqualTo("MarketSignal");
        JsonNode event = json(signal.value());
        assertThat(event.get("kind").asString()).isEqualTo("DROP");
        assertThat(event.get("weekStart").asString()).isEqualTo(SeasonalOrders.dropWeekStart());
        assertThat(event.get("value").asDouble()).isLessThan(event.get("baseline").asDouble() * 0.4);
        assertThat(event.get("score").asDouble()).isLessThanOrEqualTo(-3.5);

        // and PRODUCTION and MARKETING are told
        for (String department : List.of("PRODUCTION", "MARKETING")) {
            JsonNode told = await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/notifications?department="
                    + department + "&limit=500", "ANALYST").json(), feed -> feed.valueStream().anyMatch(n ->
                            "MARKET_SIGNAL".equals(n.get("kind").asString()) && account.equals(n.get("accountId").asString())));
            assertThat(told).isNotNull();
        }
        assertThat(api.get("/api/v1/market-signals?accountId=" + account, "SALES").json().get(0).get("kind").asString())
                .isEqualTo("DROP");

        // and the digest for MANAGEMENT mentions it
        TestApi.Response digest = api.post("/api/v1/digests", "", "ANALYST");
        assertThat(digest.status()).as(digest.body()).isEqualTo(201);
        assertThat(digest.json().get("marketSignals").findValuesAsString("accountId")).contains(account);
        assertThat(digest.json().get("summary").asString()).contains(account + " DROP in the week of "
                + SeasonalOrders.dropWeekStart());
        JsonNode management = api.get("/api/v1/notifications?department=MANAGEMENT", "KAM").json();
        assertThat(management.valueStream().filter(n -> "DIGEST".equals(n.get("kind").asString()))
                .map(n -> n.get("message").asString())).anyMatch(message -> message.contains(account));

        // and the product line's drop is a signal of its own, keyed by the line, for PRODUCT_DEVELOPMENT too
        ConsumerRecord<String, String> lineSignal = await().atMost(Duration.ofSeconds(60)).until(() -> kafka
                .records(Topics.INSIGHT_SIGNALS).stream().filter(r -> line.equals(r.key())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        EventContracts.assertConforms("market-signal.v1.schema.json", lineSignal.value());
        JsonNode lineEvent = json(lineSignal.value());
        assertThat(lineEvent.get("scope").asString()).isEqualTo("PRODUCT_LINE");
        assertThat(lineEvent.get("productLine").asString()).isEqualTo(line);
        assertThat(lineEvent.get("accountId").isNull()).isTrue();
        assertThat(lineEvent.get("kind").asString()).isEqualTo("DROP");
        assertThat(lineEvent.get("weekStart").asString()).isEqualTo(event.get("weekStart").asString());
        for (String department : List.of("PRODUCTION", "MARKETING", "PRODUCT_DEVELOPMENT")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/v1/notifications?kind=MARKET_SIGNAL&department="
                    + department + "&limit=500", "ANALYST").json().valueStream()
                    .anyMatch(n -> n.get("message").asString().startsWith("product line " + line + ": sales in the week of")));
        }
        JsonNode series = api.get("/api/v1/market-signals/product-line-series?weeks=20&productLine="
                + java.net.URLEncoder.encode(line, java.nio.charset.StandardCharsets.UTF_8), "SUPPLY").json();
        assertThat(series.get("productLine").asString()).isEqualTo(line);
        assertThat(series.get("weeks").size()).isEqualTo(20);
        assertThat(series.get("weeks").valueStream().allMatch(w -> !w.get("baseline").isNull())).isTrue();
        assertThat(series.get("signals").findValuesAsString("kind")).containsExactly("DROP");

        // and nothing else: the steady seasonal weeks raised no alarm, the lasting drop is one news
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(kafka.records(Topics.INSIGHT_SIGNALS)).filteredOn(r -> account.equals(r.key())).hasSize(1);
            assertThat(kafka.records(Topics.INSIGHT_SIGNALS)).filteredOn(r -> line.equals(r.key())).hasSize(1);
        });
    }
}
