package org.kam.account.tiering;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.kam.account.tiering.FromScratchTiering.PastSale;
import org.kam.account.tiering.TieringEngine.TierShift;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over random histories (few accounts so ties and rank swaps are common, sales out of order and
 * older than the window, long jumps of the clock, assessments in between), the live engine's
 * tiers after every step equal a from-scratch computation of the rule, and the changes it reports
 * are exactly the differences between successive states.
 */
class LiveTieringMatchesFromScratchTest {

    private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

    sealed interface Step permits SaleStep, AssessStep {
    }

    record SaleStep(String accountId, long minutesAfterStart, long cents) implements Step {
    }

    record AssessStep(String accountId, Integer financialStrength, Integer coreCompetence, Integer growthPotential)
            implements Step {
    }

    @Property(tries = 500, edgeCases = EdgeCasesMode.NONE)
    void liveTiersAlwaysEqualTheRuleComputedFromScratch(@ForAll("histories") List<Step> history,
            @ForAll("rules") TieringRule rule) {
        TieringEngine engine = new TieringEngine(rule);
        List<PastSale> sales = new ArrayList<>();
        Map<String, int[]> assessments = new HashMap<>();
        Set<String> accounts = new HashSet<>();
        Map<String, Tier> previous = new TreeMap<>();

        for (Step step : history) {
            List<TierShift> shifts;
            if (step instanceof SaleStep sale) {
                Instant at = START.plus(Duration.ofMinutes(sale.minutesAfterStart()));
                BigDecimal amount = BigDecimal.valueOf(sale.cents(), 2);
                sales.add(new PastSale(sale.accountId(), at, amount));
                accounts.add(sale.accountId());
                shifts = engine.recordSale(sale.accountId(), at, Money.toUnits(amount));
            } else {
                AssessStep assess = (AssessStep) step;
                accounts.add(assess.accountId());
                assessments.put(assess.accountId(), java.util.stream.Stream.of(assess.financialStrength(),
                        assess.coreCompetence(), assess.growthPotential()).filter(java.util.Objects::nonNull)
                        .mapToInt(Integer::intValue).toArray());
                shifts = engine.assess(assess.accountId(), assess.financialStrength(), assess.coreCompetence(),
                        assess.growthPotential());
            }

            Map<String, Tier> expected = FromScratchTiering.tiers(rule, sales, assessments, accounts);
            Map<String, Tier> live = new TreeMap<>();
            accounts.forEach(a -> live.put(a, engine.tierOf(a)));
            assertThat(live).as("after %s", step).isEqualTo(expected);

            Map<String, Tier> replayed = new TreeMap<>(previous);
            accounts.forEach(a -> replayed.putIfAbsent(a, Tier.REGULAR));
            for (TierShift shift : shifts) {
                assertThat(replayed.get(shift.accountId())).as("from-tier of %s", shift).isEqualTo(shift.from());
                replayed.put(shift.accountId(), shift.to());
            }
            assertThat(replayed).as("changes reported after %s", step).isEqualTo(expected);
            assertThat(shifts).extracting(TierShift::accountId).doesNotHaveDuplicates();
            previous = expected;
        }
        assertThat(engine.counts().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(accounts.size());
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void loadingHistoryGivesTheSameTiersAsLivingThroughIt(@ForAll("histories") List<Step> history) {
        TieringEngine live = new TieringEngine(TieringRule.DEFAULT);
        TieringEngine loaded = new TieringEngine(TieringRule.DEFAULT);
        Set<String> accounts = new HashSet<>();
        for (Step step : history) {
            if (step instanceof SaleStep sale) {
                Instant at = START.plus(Duration.ofMinutes(sale.minutesAfterStart()));
                live.recordSale(sale.accountId(), at, sale.cents() * 100);
                loaded.load(sale.accountId(), at, sale.cents() * 100);
            } else {
                AssessStep assess = (AssessStep) step;
                live.assess(assess.accountId(), assess.financialStrength(), assess.coreCompetence(), assess.growthPotential());
                loaded.assess(assess.accountId(), assess.financialStrength(), assess.coreCompetence(), assess.growthPotential());
            }
            accounts.add(step instanceof SaleStep s ? s.accountId() : ((AssessStep) step).accountId());
        }
        loaded.reconcile();

        for (String account : accounts) {
            assertThat(loaded.tierOf(account)).as(account).isEqualTo(live.tierOf(account));
        }
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<String> account = Arbitraries.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J");
        // Mostly forward in time, with late sales and jumps past the window's edges.
        Arbitrary<Long> minutes = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.longs().between(0, 3 * 365 * 24 * 60)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, 182L * 24 * 60, 365L * 24 * 60, 547L * 24 * 60)));
        Arbitrary<Long> cents = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, Arbitraries.longs().between(1, 500_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(10_000L, 20_000L)));
        Arbitrary<Step> sale = Combinators.combine(account, minutes, cents).as(SaleStep::new);
        Arbitrary<Integer> score = Arbitraries.integers().between(1, 5).injectNull(0.2);
        Arbitrary<Step> assess = Combinators.combine(account, score, score, score).as(AssessStep::new);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(9, sale), net.jqwik.api.Tuple.of(1, assess))
                .list().ofMinSize(1).ofMaxSize(80);
    }

    @Provide
    Arbitrary<TieringRule> rules() {
        return Arbitraries.of(TieringRule.DEFAULT,
                new TieringRule(Duration.ofDays(90), Duration.ofDays(30), new BigDecimal("0.5"), new BigDecimal("1"),
                        new BigDecimal("3.5")),
                new TieringRule(Duration.ofDays(365), Duration.ofDays(182), BigDecimal.ONE, new BigDecimal("2.25"),
                        new BigDecimal("5")));
    }
}
