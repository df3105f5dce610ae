package org.kam.supply.allocation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kam.supply.reservation.Tier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever mix of orders, arrivals and protections comes: stock never goes below zero, protections
 * never exceed stock, nothing is served that was not supplied, and every order's units are either
 * served or still owed.
 */
class AllocationInvariantsTest {

    sealed interface Step permits OrderStep, ArrivalStep, ProtectStep {
    }

    record OrderStep(String account, Tier tier, int quantity) implements Step {
    }

    record ArrivalStep(int units) implements Step {
    }

    record ProtectStep(String account, int units) implements Step {
    }

    @Property(tries = 1000, edgeCases = EdgeCasesMode.NONE)
    void stockIsNeverOversoldAndNoOrderLosesUnits(@ForAll("steps") List<Step> steps, @ForAll("stock") int initial) {
        SkuPosition position = new SkuPosition("SKU", initial);
        long supplied = initial;
        long served = 0;
        Map<String, Integer> ordered = new HashMap<>();
        Map<String, Integer> got = new HashMap<>();
        int n = 0;
        for (Step step : steps) {
            if (step instanceof OrderStep o) {
                String id = "O-" + n++;
                ordered.put(id, o.quantity());
                Allocation a = position.order(new Order(id, o.account(), o.tier(), o.quantity(), Instant.EPOCH.plusSeconds(n)));
                served += a.served();
                got.merge(id, a.served(), Integer::sum);
            } else if (step instanceof ArrivalStep a) {
                supplied += a.units();
                for (Allocation allocation : position.receive(a.units())) {
                    served += allocation.served();
                    got.merge(allocation.orderId(), allocation.served(), Integer::sum);
                }
            } else if (step instanceof ProtectStep p) {
                position.protect(p.account(), p.units());
            }
            assertThat(position.onHand()).isGreaterThanOrEqualTo(0);
            assertThat(position.protectedUnits()).isLessThanOrEqualTo(position.onHand());
            // the total kept as protections change is their sum from scratch, in the copy too
            int summed = position.protections().values().stream().mapToInt(SkuPosition.Holding::reserved).sum();
            assertThat(position.protectedUnits()).isEqualTo(summed);
            assertThat(position.copy().protectedUnits()).isEqualTo(summed);
            assertThat(served + position.onHand()).isEqualTo(supplied);
        }
        Map<String, Integer> owed = new HashMap<>();
        position.backorders().forEach(b -> owed.merge(b.orderId(), b.quantity(), Integer::sum));
        ordered.forEach((id, quantity) ->
                assertThat(got.getOrDefault(id, 0) + owed.getOrDefault(id, 0)).as(id).isEqualTo(quantity));
    }

    @Provide
    Arbitrary<Integer> stock() {
        return Arbitraries.integers().between(0, 200);
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> account = Arbitraries.of("K1", "K2", "P1", "R1", "R2");
        Arbitrary<Step> order = Combinators.combine(account, Arbitraries.of(Tier.class), Arbitraries.integers().between(1, 80))
                .as(OrderStep::new);
        Arbitrary<Step> arrival = Arbitraries.integers().between(0, 120).map(ArrivalStep::new);
        Arbitrary<Step> protect = Combinators.combine(account, Arbitraries.integers().between(0, 100)).as(ProtectStep::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, order), net.jqwik.api.Tuple.of(2, arrival),
                net.jqwik.api.Tuple.of(2, protect)).list().ofMaxSize(60);
    }
}
