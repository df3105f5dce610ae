package org.kam.supply.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.kam.supply.reservation.ProtectionRule.Holding;
import org.kam.supply.reservation.ProtectionRule.Sizing;

class SizingPositionTest {

    private static Sizing forecast(int units) {
        return new Sizing(units, Basis.FORECAST, (double) units);
    }

    private static Resizing.Stored holding(int requested, int reserved) {
        return new Resizing.Stored(new Holding(requested, reserved), Basis.FORECAST,
                BigDecimal.valueOf(requested).setScale(2));
    }

    private static List<Holding> afters(List<Resizing> resizings) {
        return resizings.stream().map(Resizing::after).toList();
    }

    @Test
    void anAccountAloneReservesWhatTheStockLeavesAfterTheAccountsOutsideTheGroup() {
        // given 100 on hand of which 30 are reserved outside the group
        SizingPosition position = new SizingPosition(Map.of("SKU-1", 100), Map.of("SKU-1", 30L), Map.of());

        // when a KEY account asks for 80, it gets the 70 left
        assertThat(afters(position.size("A", List.of("SKU-1"), sku -> forecast(80))))
                .containsExactly(new Holding(80, 70));
    }

    @Test
    void aLaterAccountOfTheGroupSeesWhatAnEarlierOneGrewBy() {
        SizingPosition position = new SizingPosition(Map.of("SKU-1", 100), Map.of(), Map.of());

        assertThat(afters(position.size("A", List.of("SKU-1"), sku -> forecast(60)))).containsExactly(new Holding(60, 60));
        assertThat(afters(position.size("B", List.of("SKU-1"), sku -> forecast(60)))).containsExactly(new Holding(60, 40));
    }

    @Test
    void anAccountSizedAgainCountsItsOwnHoldingAsAvailableToIt() {
        // given A holds 40 of the 50 on hand; it now asks for 50
        SizingPosition position = new SizingPosition(Map.of("SKU-1", 50), Map.of(),
                Map.of("A", Map.of("SKU-1", holding(40, 40))));

        assertThat(afters(position.size("A", List.of("SKU-1"), sku -> forecast(50)))).containsExactly(new Holding(50, 50));
    }

    @Test
    void unitsFreedInTheGroupAreLeftForTheReshareByRankNotTakenByALaterAccount() {
        // given 100 on hand: A (leaving) holds 50, a KEY account outside the group 50 with 40 short
        SizingPosition position = new SizingPosition(Map.of("SKU-1", 100), Map.of("SKU-1", 50L),
                Map.of("A", Map.of("SKU-1", holding(50, 50))));

        // when A is released and B, sized after it, asks for 30
        List<Resizing> released = position.size("A", List.of("SKU-1"), sku -> Sizing.NONE);
        List<Resizing> grown = position.size("B", List.of("SKU-1"), sku -> forecast(30));

        // then A's 50 are freed for the reshare (which serves the better-ranked shortage first), and
        // B takes none of them now
        assertThat(afters(released)).containsExactly(new Holding(0, 0));
        assertThat(released.get(0).freedUnits()).isTrue();
        assertThat(afters(grown)).containsExactly(new Holding(30, 0));
    }

    @Test
    void eachSkuIsDecidedOnceInSkuOrderAndOnlyWhatChangesIsReturned() {
        SizingPosition position = new SizingPosition(Map.of("SKU-1", 10, "SKU-2", 10, "SKU-3", 10), Map.of(),
                Map.of("A", Map.of("SKU-2", holding(5, 5))));

        List<Resizing> decided = position.size("A", List.of("SKU-3", "SKU-2", "SKU-1", "SKU-3"),
                sku -> sku.equals("SKU-1") ? Sizing.NONE : forecast(5));

        // SKU-1: nothing to protect where nothing was; SKU-2: as stored; SKU-3: new
        assertThat(decided).extracting(Resizing::sku).containsExactly("SKU-3");
    }

    @Test
    void anUnknownSkuHasNoStockToReserve() {
        SizingPosition position = new SizingPosition(Map.of(), Map.of(), Map.of());

        assertThat(afters(position.size("A", List.of("SKU-X"), sku -> forecast(5)))).containsExactly(new Holding(5, 0));
    }

    @Test
    void anAccountIsSizedOncePerPosition() {
        SizingPosition position = new SizingPosition(Map.of("SKU-1", 10), Map.of(), Map.of());
        position.size("A", List.of("SKU-1"), sku -> forecast(5));

        assertThatThrownBy(() -> position.size("A", List.of("SKU-1"), sku -> forecast(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("A");
    }

    /**
     * Oracle: sizing the accounts of a group one after the other in one position reserves what
     * sizing each alone would, given what the earlier ones hold now, for groups that only grow or
     * keep their protections (the case where nothing is left for a reshare).
     */
    @Test
    void aGroupThatOnlyGrowsReservesWhatSizingEachAccountAloneInTurnWould() {
        Random random = new Random(12);
        for (int round = 0; round < 500; round++) {
            List<String> skus = List.of("S1", "S2", "S3");
            Map<String, Integer> onHand = new HashMap<>();
            Map<String, Long> outside = new HashMap<>();
            skus.forEach(sku -> {
                onHand.put(sku, random.nextInt(200));
                outside.put(sku, (long) random.nextInt(onHand.get(sku) + 1));
            });
            Map<String, Map<String, Resizing.Stored>> stored = new HashMap<>();
            Map<String, Map<String, Integer>> asks = new HashMap<>();
            List<String> accounts = List.of("A", "B", "C", "D");
            // what every account holds now: the stored units, then whatever sizing gives it
            Map<String, Map<String, Integer>> holds = new HashMap<>();
            for (String account : accounts) {
                for (String sku : skus) {
                    int requested = random.nextInt(60);
                    asks.computeIfAbsent(account, a -> new HashMap<>()).put(sku, requested + random.nextInt(20));
                    holds.computeIfAbsent(account, a -> new HashMap<>()).put(sku, 0);
                    if (random.nextBoolean()) {
                        long others = outside.get(sku) + holds.values().stream().mapToLong(h -> h.getOrDefault(sku, 0)).sum();
                        int reserved = ProtectionRule.reserve(requested, onHand.get(sku), Math.toIntExact(others));
                        stored.computeIfAbsent(account, a -> new HashMap<>()).put(sku, holding(requested, reserved));
                        holds.get(account).put(sku, reserved);
                    }
                }
            }
            SizingPosition position = new SizingPosition(onHand, outside, stored);
            for (String account : accounts) {
                Map<String, Resizing> decided = new HashMap<>();
                position.size(account, skus, sku -> forecast(asks.get(account).get(sku)))
                        .forEach(resizing -> decided.put(resizing.sku(), resizing));
                for (String sku : skus) {
                    long others = outside.get(sku) + accounts.stream().filter(a -> !a.equals(account))
                            .mapToLong(a -> holds.get(a).get(sku)).sum();
                    int expected = ProtectionRule.reserve(asks.get(account).get(sku), onHand.get(sku),
                            Math.toIntExact(others));
                    int got = decided.containsKey(sku) ? decided.get(sku).after().reserved() : holds.get(account).get(sku);
                    assertThat(got).as("round %d, %s on %s", round, account, sku).isEqualTo(expected);
                    holds.get(account).put(sku, got);
                }
            }
        }
    }
}
