package org.kam.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.kam.account.sales.SaleJson;
import org.kam.testsupport.EventContracts;
import org.kam.testsupport.ServiceIntegrationTest;
import org.kam.testsupport.TestApi;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

/**
 * Tiering through the API and the topics, on a database of its own: three customers whose tiers
 * are known exactly, then overrides, their expiry and rule changes on top. The steps build on each
 * other, so they run in order.
 */
@TestPropertySource(properties = "kam.tiering.override-expiry-check=PT0.5S")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TieringIT extends ServiceIntegrationTest {

    @Test
    @Order(1)
    void threeCustomersAreTieredByTheEightyTwentyRuleAndEachChangeIsPublishedOnce() {
        // given sales of 600, 300 and 100 on one day (total 1,000; KEY cut-off 800), one after the
        // other (different keys travel on different partitions, in no fixed order)
        sellAndWait("T-A", "600", "2026-06-01T10:00:00Z", 1);
        sellAndWait("T-B", "300", "2026-06-01T11:00:00Z", 2);
        sellAndWait("T-C", "100", "2026-06-01T12:00:00Z", 3);

        // then A (0 before it) and B (600 before it) became KEY, C (900 before it, below the median) stayed REGULAR
        List<ConsumerRecord<String, String>> changes = kafka.records(Topics.ACCOUNT_TIERS);
        assertThat(changes).extracting(r -> r.key() + ":" + field(r, "from") + "->" + field(r, "to") + ":" + field(r, "cause"))
                .containsExactlyInAnyOrder("T-A:REGULAR->KEY:SALE", "T-B:REGULAR->KEY:SALE");
        changes.forEach(r -> EventContracts.assertConforms("tier-changed.v1.schema.json", r.value()));
    }

    @Test
    @Order(2)
    void theTierOfAnAccountIsExplainedWithItsRankShareAndTheRule() {
        JsonNode tier = api.get("/api/v1/accounts/T-B/tier", "ANALYST").json();

        assertThat(tier.get("tier").asString()).isEqualTo("KEY");
        JsonNode why = tier.get("explanation");
        assertThat(why.get("rank").asInt()).isEqualTo(2);
        assertThat(why.get("revenue").decimalValue()).isEqualByComparingTo("300");
        assertThat(why.get("share").decimalValue()).isEqualByComparingTo("0.3");
        assertThat(why.get("cumulativeShareBefore").decimalValue()).isEqualByComparingTo("0.6");
        assertThat(why.get("keyCutoffRevenue").decimalValue()).isEqualByComparingTo("800");
        assertThat(why.get("medianRevenue").decimalValue()).isEqualByComparingTo("300");
        assertThat(why.get("rule").get("keyRevenueShare").decimalValue()).isEqualByComparingTo("0.8");
        assertThat(why.get("businessClock").asString()).isEqualTo("2026-06-01T12:00:00Z");
        assertThat(tier.get("history").get(0).get("to").asString()).isEqualTo("KEY");

        JsonNode tiers = api.get("/api/v1/tiers?curvePoints=3", "ANALYST").json();
        assertThat(tiers.get("counts").get("KEY").asInt()).isEqualTo(2);
        assertThat(tiers.get("counts").get("REGULAR").asInt()).isEqualTo(1);
        assertThat(tiers.get("paretoCurve").findValuesAsString("revenueShare")).isNotEmpty();
        assertThat(tiers.get("paretoCurve").get(0).get("revenueShare").decimalValue()).isEqualByComparingTo("0.6");
    }

    @Test
    @Order(3)
    void aKeyAccountLeadOverridesATierWithAReasonAndItIsPublishedAndAudited() {
        TestApi.Response response = api.put("/api/v1/accounts/T-C/tier-override",
                "{\"tier\":\"KEY\",\"reason\":\"strategic partner, new plant opening\"}", "KAM_LEAD");

        assertThat(response.status()).isEqualTo(200);
        JsonNode tier = response.json();
        assertThat(tier.get("tier").asString()).isEqualTo("KEY");
        assertThat(tier.get("computedTier").asString()).isEqualTo("REGULAR");
        assertThat(tier.get("override").get("reason").asString()).isEqualTo("strategic partner, new plant opening");
        assertThat(tier.get("override").get("expiresAt").asString()).isEqualTo("never");
        ConsumerRecord<String, String> change = kafka.awaitRecord(Topics.ACCOUNT_TIERS,
                r -> "T-C".equals(r.key()) && "OVERRIDE".equals(field(r, "cause")));
        assertThat(field(change, "to")).isEqualTo("KEY");

        assertThat(api.delete("/api/v1/accounts/T-C/tier-override", "KAM_LEAD").status()).isEqualTo(204);
        kafka.awaitRecord(Topics.ACCOUNT_TIERS, r -> "T-C".equals(r.key()) && "REGULAR".equals(field(r, "to")));

        // and the audit says who did what, when and why, newest first
        JsonNode audit = api.get("/api/v1/accounts/T-C/tier-override/audit", "ANALYST").json();
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).get("action").asString()).isEqualTo("CLEARED");
        assertThat(audit.get(1).get("action").asString()).isEqualTo("SET");
        assertThat(audit.get(1).get("tier").asString()).isEqualTo("KEY");
        assertThat(audit.get(1).get("reason").asString()).isEqualTo("strategic partner, new plant opening");
        assertThat(audit.get(1).get("actor").asString()).isEqualTo("test-user");
        assertThat(Instant.parse(audit.get(1).get("at").asString())).isBefore(Instant.now());
        assertThat(api.get("/api/v1/accounts/NOPE/tier-override/audit", "ANALYST").status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void anOverrideEndsByItselfWhenItExpires() {
        String expiresAt = Instant.now().plusSeconds(2).toString();

        api.put("/api/v1/accounts/T-C/tier-override",
                "{\"tier\":\"POTENTIAL\",\"reason\":\"trial\",\"expiresAt\":\"" + expiresAt + "\"}", "ADMIN");

        kafka.awaitRecord(Topics.ACCOUNT_TIERS, r -> "T-C".equals(r.key()) && "OVERRIDE_EXPIRED".equals(field(r, "cause"))
                && "POTENTIAL".equals(field(r, "from")) && "REGULAR".equals(field(r, "to")));
        assertThat(api.get("/api/v1/accounts/T-C/tier", "ANALYST").json().get("override").isNull()).isTrue();
    }

    @Test
    @Order(5)
    void overridesNeedTheRightRoleAKnownAccountAReasonAndAFutureExpiry() {
        assertThat(api.put("/api/v1/accounts/T-C/tier-override", "{\"tier\":\"KEY\",\"reason\":\"x\"}", "ANALYST")
                .status()).isEqualTo(403);
        assertThat(api.put("/api/v1/accounts/NOPE/tier-override", "{\"tier\":\"KEY\",\"reason\":\"x\"}", "ADMIN")
                .status()).isEqualTo(404);
        assertThat(firstField(api.put("/api/v1/accounts/T-C/tier-override", "{\"tier\":\"KEY\"}", "ADMIN")))
                .isEqualTo("reason");
        assertThat(firstField(api.put("/api/v1/accounts/T-C/tier-override",
                "{\"tier\":\"KEY\",\"reason\":\"x\",\"expiresAt\":\"2020-01-01T00:00:00Z\"}", "ADMIN")))
                .isEqualTo("expiresAt");
        assertThat(api.get("/api/v1/accounts/T-C/tier", "ANALYST").json().get("tier").asString()).isEqualTo("REGULAR");
    }

    @Test
    @Order(6)
    void aRuleChangeReTiersEveryAccountAndPublishesTheChanges() {
        // when KEY must reach only 50 %: B (600 before it) is no longer KEY, but at the median and
        // growing (all its revenue is recent), so POTENTIAL
        TestApi.Response changed = api.put("/api/v1/tiering/rule", "{\"keyRevenueShare\":0.5}", "ADMIN");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("keyRevenueShare").decimalValue()).isEqualByComparingTo("0.5");
        kafka.awaitRecord(Topics.ACCOUNT_TIERS, r -> "T-B".equals(r.key()) && "RULE_CHANGE".equals(field(r, "cause"))
                && "POTENTIAL".equals(field(r, "to")));
        assertThat(api.get("/api/v1/accounts/T-A/tier", "ANALYST").json().get("tier").asString()).isEqualTo("KEY");

        // and back
        api.put("/api/v1/tiering/rule", "{\"keyRevenueShare\":0.8}", "ADMIN");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                api.get("/api/v1/accounts/T-B/tier", "ANALYST").json().get("tier").asString()).isEqualTo("KEY"));
    }

    @Test
    @Order(7)
    void aRuleOutsideItsBoundsIsRejectedAndChangesNothing() {
        TestApi.Response rejected = api.put("/api/v1/tiering/rule", "{\"keyRevenueShare\":1.2}", "ADMIN");

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(firstField(rejected)).isEqualTo("keyRevenueShare");
        assertThat(api.put("/api/v1/tiering/rule", "{\"keyRevenueShare\":0.9}", "KAM_LEAD").status()).isEqualTo(403);
        assertThat(api.get("/api/v1/tiering/rule", "ANALYST").json().get("keyRevenueShare").decimalValue())
                .isEqualByComparingTo("0.8");
    }

    @Test
    @Order(8)
    void aSaleDatedFarInTheFutureIsRejectedAndDoesNotMoveTheClock() {
        TestApi.Response rejected = api.post("/api/v1/sales",
                SaleJson.sale("T-FUTURE", "1", Instant.now().plus(Duration.ofDays(30)).toString()).json(), "SALES");

        assertThat(rejected.status()).isEqualTo(400);
        assertThat(firstField(rejected)).isEqualTo("occurredAt");
        assertThat(api.get("/api/v1/tiers", "ANALYST").json().get("businessClock").asString())
                .isEqualTo("2026-06-01T12:00:00Z");
    }

    private void sellAndWait(String account, String amount, String at, int rankedAccounts) {
        kafka.send(Topics.SALES, account, SaleJson.sale(account, amount, at).json());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                api.get("/api/v1/tiers", "ANALYST").json().get("rankedAccounts").asInt()).isEqualTo(rankedAccounts));
    }

    private static String field(ConsumerRecord<String, String> record, String name) {
        JsonNode value = json(record.value()).get(name);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String firstField(TestApi.Response response) {
        return response.json().get("errors").get(0).get("field").asString();
    }
}
