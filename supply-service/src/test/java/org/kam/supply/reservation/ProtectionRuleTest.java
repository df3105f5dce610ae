package org.kam.supply.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.kam.supply.reservation.ProtectionRule.Holding;
import org.kam.supply.reservation.ProtectionRule.Purchase;

class ProtectionRuleTest {

    private final ProtectionRule rule = new ProtectionRule(Duration.ofDays(56));

    @Test
    void protectsWhatTheAccountBoughtOfEachSkuInTheEightWeeksBeforeItsLatestSale() {
        // given a latest sale on 1 March: the horizon starts (exclusively) on 4 January
        List<Purchase> purchases = List.of(
                purchase("BEARING", 10, "2026-01-10T08:00:00Z"),
                purchase("BEARING", 15, "2026-02-20T08:00:00Z"),
                purchase("BEARING", 7, "2026-01-03T23:59:59Z"),
                purchase("SEAL", 2, "2026-03-01T00:00:00Z"));

        // when
        Map<String, Integer> demand = rule.protectedDemand(purchases);

        // then the purchase of 3 January is too old
        assertThat(demand).containsExactly(entry("BEARING", 25), entry("SEAL", 2));
    }

    @Test
    void theHorizonHangsOnTheLatestSaleOfAnySku() {
        // given 20 bearings in January, then a seal bought in April
        List<Purchase> purchases = List.of(
                purchase("BEARING", 20, "2026-01-15T00:00:00Z"),
                purchase("SEAL", 1, "2026-04-15T00:00:00Z"));

        // then the bearings fell out of the horizon: the seal sale moved it
        assertThat(rule.protectedDemand(purchases)).containsOnlyKeys("SEAL").containsEntry("SEAL", 1);
    }

    @Test
    void aPurchaseExactlyOneHorizonBeforeTheLatestSaleNoLongerCounts() {
        List<Purchase> purchases = List.of(
                purchase("BEARING", 5, "2026-01-04T00:00:00Z"),
                purchase("BEARING", 1, "2026-01-04T00:00:00.001Z"),
                purchase("BEARING", 3, "2026-03-01T00:00:00Z"));

        assertThat(rule.protectedDemand(purchases)).containsEntry("BEARING", 4);
    }

    @Test
    void anAccountThatBoughtNothingHasNoDemand() {
        assertThat(rule.protectedDemand(List.of())).isEmpty();
    }

    @Test
    void theHorizonIsConfigurable() {
        ProtectionRule fourWeeks = new ProtectionRule(Duration.ofDays(28));
        List<Purchase> purchases = List.of(
                purchase("BEARING", 10, "2026-01-10T08:00:00Z"),
                purchase("BEARING", 15, "2026-02-20T08:00:00Z"));

        assertThat(fourWeeks.protectedDemand(purchases)).containsEntry("BEARING", 15);
    }

    @Test
    void reservesAtMostTheStockNotProtectedForOthers() {
        // given 100 on hand of which others hold 70, a request for 50
        // when / then only the 30 nobody holds are reserved; 20 are short
        assertThat(ProtectionRule.reserve(50, 100, 70)).isEqualTo(30);
    }

    @Test
    void reservesNoMoreThanRequested() {
        assertThat(ProtectionRule.reserve(25, 100, 0)).isEqualTo(25);
    }

    @Test
    void reservesNothingWhenOthersAlreadyHoldAllTheStockOrMore() {
        assertThat(ProtectionRule.reserve(10, 40, 40)).isZero();
        assertThat(ProtectionRule.reserve(10, 40, 55)).isZero();
    }

    @Test
    void aSkuWithNothingOnHandLeavesTheWholeRequestShort() {
        assertThat(ProtectionRule.reserve(7, 0, 0)).isZero();
    }

    @Test
    void moreStockFillsTheOldestShortageFirst() {
        // given three protections, oldest first, all short, and stock rising from 3 to 10
        List<Holding> oldestFirst = List.of(new Holding(4, 1), new Holding(6, 2), new Holding(5, 0));

        // when
        List<Integer> reserved = ProtectionRule.reshare(10, oldestFirst);

        // then the 7 new units fill the oldest (3) and then the next (4); the newest gets none
        assertThat(reserved).containsExactly(4, 6, 0);
    }

    @Test
    void lessStockShrinksTheNewestReservationsFirst() {
        // given 4 + 6 + 5 = 15 reserved, and the stock falls to 7
        List<Holding> oldestFirst = List.of(new Holding(4, 4), new Holding(6, 6), new Holding(5, 5));

        // when
        List<Integer> reserved = ProtectionRule.reshare(7, oldestFirst);

        // then the newest loses all 5, the middle one 3, the oldest keeps its 4
        assertThat(reserved).containsExactly(4, 3, 0);
    }

    @Test
    void unchangedStockChangesNothing() {
        List<Holding> oldestFirst = List.of(new Holding(4, 4), new Holding(6, 1));

        assertThat(ProtectionRule.reshare(5, oldestFirst)).containsExactly(4, 1);
    }

    @Test
    void resharingNeverReservesMoreThanTheStockAndLeavesNoShortageWhileStockIsFree() {
        Random random = new Random(42);
        for (int run = 0; run < 2_000; run++) {
            // given any protections and any stock
            List<Holding> holdings = new ArrayList<>();
            for (int i = random.nextInt(6); i > 0; i--) {
                int requested = random.nextInt(20);
                holdings.add(new Holding(requested, requested == 0 ? 0 : random.nextInt(requested + 1)));
            }
            int onHand = random.nextInt(60);

            // when
            List<Integer> reserved = ProtectionRule.reshare(onHand, holdings);

            // then
            int total = reserved.stream().mapToInt(Integer::intValue).sum();
            assertThat(total).as("reserved of %s on %d", holdings, onHand).isLessThanOrEqualTo(onHand);
            for (int i = 0; i < holdings.size(); i++) {
                assertThat(reserved.get(i)).isBetween(0, holdings.get(i).requested());
            }
            int requested = holdings.stream().mapToInt(Holding::requested).sum();
            assertThat(total).as("reserved of %s on %d", holdings, onHand).isEqualTo(Math.min(requested, onHand));
        }
    }

    @Test
    void aHorizonThatIsNotPositiveIsRejected() {
        assertThatThrownBy(() -> new ProtectionRule(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> new ProtectionRule(Duration.ofDays(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeQuantitiesAreRejected() {
        assertThatThrownBy(() -> ProtectionRule.reserve(-1, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtectionRule.reshare(-1, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Purchase purchase(String sku, int quantity, String occurredAt) {
        return new Purchase(sku, quantity, Instant.parse(occurredAt));
    }
}
