package org.kam.supply.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kam.supply.planning.PeakPlan.AccountAtRisk;
import org.kam.supply.planning.PeakPlan.ProductionRequest;
import org.kam.supply.planning.PeakPlan.TransportRequest;
import org.kam.supply.planning.PeakPlan.Week;
import org.kam.supply.planning.SkuOutlook.AccountDemand;
import org.kam.supply.planning.SkuOutlook.Supply;
import org.kam.supply.reservation.Tier;

class PeakPlannerTest {

    /** A Wednesday: week 0 of the look-ahead starts on Monday 2 March 2026. */
    private static final LocalDate TODAY = LocalDate.parse("2026-03-04");
    private static final LocalDate WEEK_0 = LocalDate.parse("2026-03-02");

    private final PeakPlanner planner = new PeakPlanner(26, Duration.ofDays(42), Duration.ofDays(14));

    @Test
    void aPeakBeyondStockGetsProductionAndTransportRequestedInTimeToArriveByTheFirstShortWeek() {
        // given 50 on hand and a KEY account that will want 100 in each of weeks 10 and 11
        SkuOutlook outlook = outlook(50, List.of(), WEEK_0, account("K-1", Tier.KEY, weeks(10, 100, 100)));

        // when
        PeakPlan plan = planner.plan(outlook, TODAY).orElseThrow();

        // then stock runs out in week 10 (11 May) and is 150 short at the end of week 11
        assertThat(plan.firstShortWeek()).isEqualTo("2026-05-11");
        assertThat(plan.shortfall()).isEqualTo(150);
        assertThat(plan.peakWeek()).isEqualTo(new Week(LocalDate.parse("2026-05-11"), 100));
        // and transport leaves 2 weeks, production starts 6 more weeks before 11 May: not late
        assertThat(plan.transport()).isEqualTo(new TransportRequest(150, LocalDate.parse("2026-05-11"),
                LocalDate.parse("2026-04-27"), false));
        assertThat(plan.production()).isEqualTo(new ProductionRequest(150, LocalDate.parse("2026-05-11"),
                LocalDate.parse("2026-03-16"), false, 0));
        assertThat(plan.accountsAtRisk()).containsExactly(new AccountAtRisk("K-1", Tier.KEY, 200));
        assertThat(plan.onHand()).isEqualTo(50);
        assertThat(plan.incoming()).isZero();
        assertThat(plan.projectedStock()).isEqualTo(50);
        assertThat(plan.plannedOn()).isEqualTo(TODAY);
        assertThat(plan.sku()).isEqualTo("SKU-1");
        assertThat(plan.productName()).isEqualTo("Bearing");
    }

    @Test
    void projectedStockCountsSupplyFromTheWeekItIsDueAndKeyPlusPotentialDemandWeekByWeek() {
        // given 50 on hand, 20 due on Wednesday of week 2, and over 8 weeks
        //   KEY K-1:        10 10 10 10 30 30 10 10
        //   POTENTIAL P-1:   5  5  5  5 20 20  5  5
        PeakPlanner eightWeeks = new PeakPlanner(8, Duration.ofDays(42), Duration.ofDays(14));
        SkuOutlook outlook = outlook(50, List.of(new Supply(LocalDate.parse("2026-03-18"), 20)), WEEK_0,
                account("K-1", Tier.KEY, 10, 10, 10, 10, 30, 30, 10, 10),
                account("P-1", Tier.POTENTIAL, 5, 5, 5, 5, 20, 20, 5, 5));

        // when
        PeakPlan plan = eightWeeks.plan(outlook, TODAY).orElseThrow();

        // then projected stock is 35, 20, 25, 10, -40, -90, -105, -120: short from week 4 (30 March)
        assertThat(plan.firstShortWeek()).isEqualTo("2026-03-30");
        assertThat(plan.shortfall()).isEqualTo(120);
        assertThat(plan.peakWeek()).isEqualTo(new Week(LocalDate.parse("2026-03-30"), 50));
        assertThat(plan.incoming()).isEqualTo(20);
        assertThat(plan.projectedStock()).isEqualTo(70);
        // and the accounts' demand up to the worst week (7), largest first
        assertThat(plan.accountsAtRisk()).containsExactly(
                new AccountAtRisk("K-1", Tier.KEY, 120), new AccountAtRisk("P-1", Tier.POTENTIAL, 70));
    }

    @Test
    void aRequestWhoseLatestStartHasPassedIsStillMadeAndMarkedLate() {
        // given the same SKU as above: needed by 30 March, so transport leaves by 16 March and
        // production should have started by 2 February
        PeakPlanner eightWeeks = new PeakPlanner(8, Duration.ofDays(42), Duration.ofDays(14));
        SkuOutlook outlook = outlook(50, List.of(), WEEK_0, account("K-1", Tier.KEY, 10, 10, 10, 10, 50, 50));

        PeakPlan plan = eightWeeks.plan(outlook, TODAY).orElseThrow();

        // then production is 30 days late (2 February to 4 March), transport still in time
        assertThat(plan.production()).isEqualTo(new ProductionRequest(90, LocalDate.parse("2026-03-30"),
                LocalDate.parse("2026-02-02"), true, 30));
        assertThat(plan.transport()).isEqualTo(new TransportRequest(90, LocalDate.parse("2026-03-30"),
                LocalDate.parse("2026-03-16"), false));
    }

    @Test
    void unitsOwedToKeyAndPotentialBackordersAreServedFirstFromTheStockOnHand() {
        // given the SKU of the first test (50 on hand, K-1 wants 100 in weeks 10 and 11), but 30 of
        // the 50 already owed to waiting key and potential orders
        SkuOutlook outlook = outlook(50, 30, List.of(), WEEK_0, account("K-1", Tier.KEY, weeks(10, 100, 100)));

        // when
        PeakPlan plan = planner.plan(outlook, TODAY).orElseThrow();

        // then only 20 are left for week 10: still short from week 10, but by 180 at the end of week 11
        assertThat(plan.firstShortWeek()).isEqualTo("2026-05-11");
        assertThat(plan.shortfall()).isEqualTo(180);
    }

    @Test
    void aShortageInTheCurrentWeekMakesTransportLateToo() {
        SkuOutlook outlook = outlook(5, List.of(), WEEK_0, account("K-1", Tier.KEY, 8));

        PeakPlan plan = planner.plan(outlook, TODAY).orElseThrow();

        // needed by Monday 2 March, ship by 16 February (16 days late), start by 5 January (58 days late)
        assertThat(plan.transport()).isEqualTo(new TransportRequest(3, WEEK_0, LocalDate.parse("2026-02-16"), true));
        assertThat(plan.production()).isEqualTo(new ProductionRequest(3, WEEK_0, LocalDate.parse("2026-01-05"),
                true, 58));
    }

    @Test
    void enoughStockMeansNoPlanAndRunningExactlyEmptyIsNotAShortage() {
        SkuOutlook plenty = outlook(1_000, List.of(), WEEK_0, account("K-1", Tier.KEY, weeks(10, 100, 100)));
        SkuOutlook exactly = outlook(150, List.of(new Supply(TODAY, 50)), WEEK_0,
                account("K-1", Tier.KEY, weeks(10, 100, 100)));

        assertThat(planner.plan(plenty, TODAY)).isEmpty();
        assertThat(planner.plan(exactly, TODAY)).isEmpty();
    }

    @Test
    void forecastWeeksBeforeTheCurrentWeekHavePassedAndAreSkipped() {
        // given forecasts that start two weeks before the current week (the latest sale is older)
        LocalDate forecastStart = WEEK_0.minusWeeks(2);
        SkuOutlook outlook = outlook(50, List.of(), forecastStart, account("K-1", Tier.KEY, 500, 500, 20, 20, 20));

        PeakPlan plan = planner.plan(outlook, TODAY).orElseThrow();

        // then the 1,000 of the passed weeks are not counted: 20 a week from week 0 on exhausts 50 in week 2
        assertThat(plan.firstShortWeek()).isEqualTo(WEEK_0.plusWeeks(2));
        assertThat(plan.shortfall()).isEqualTo(10);
        assertThat(plan.peakWeek()).isEqualTo(new Week(WEEK_0, 20));
        assertThat(plan.accountsAtRisk()).containsExactly(new AccountAtRisk("K-1", Tier.KEY, 60));
    }

    @Test
    void overdueSupplyCountsNowAndSupplyDueAfterTheLookAheadNotAtAll() {
        // given 100 overdue (due last Friday, still EXPECTED) and 1,000 due after 26 weeks
        SkuOutlook outlook = outlook(0, List.of(new Supply(LocalDate.parse("2026-02-27"), 100),
                new Supply(WEEK_0.plusWeeks(26), 1_000)), WEEK_0, account("K-1", Tier.KEY, weeks(3, 160)));

        PeakPlan plan = planner.plan(outlook, TODAY).orElseThrow();

        assertThat(plan.incoming()).isEqualTo(100);
        assertThat(plan.projectedStock()).isEqualTo(100);
        assertThat(plan.firstShortWeek()).isEqualTo(WEEK_0.plusWeeks(3));
        assertThat(plan.shortfall()).isEqualTo(60);
    }

    @Test
    void oneRequestCoversTheLargestGapEvenWhenSupplyArrivesLater() {
        // given 10 on hand, KEY demand of 60 in week 1, 100 arriving in week 2, and a POTENTIAL
        // account that only buys in week 3
        PeakPlanner fourWeeks = new PeakPlanner(4, Duration.ofDays(42), Duration.ofDays(14));
        SkuOutlook outlook = outlook(10, List.of(new Supply(WEEK_0.plusWeeks(2), 100)), WEEK_0,
                account("K-1", Tier.KEY, 0, 60), account("P-9", Tier.POTENTIAL, 0, 0, 0, 20));

        PeakPlan plan = fourWeeks.plan(outlook, TODAY).orElseThrow();

        // then projected stock is 10, -50, 50, 30: 50 short in week 1, and only K-1 is at risk then
        assertThat(plan.shortfall()).isEqualTo(50);
        assertThat(plan.firstShortWeek()).isEqualTo(WEEK_0.plusWeeks(1));
        assertThat(plan.accountsAtRisk()).containsExactly(new AccountAtRisk("K-1", Tier.KEY, 60));
    }

    @Test
    void fractionalForecastsAreRoundedUpToWholeUnitsButWholeSumsStayWhole() {
        // given 30 on hand, 100 arriving in week 3, 10.2 a week for 3 weeks from K-1 and 0.1 a week
        // from K-2, whose ten weeks sum to 1 in floating point only approximately
        PeakPlanner tenWeeks = new PeakPlanner(10, Duration.ofDays(42), Duration.ofDays(14));
        SkuOutlook outlook = outlook(30, List.of(new Supply(WEEK_0.plusWeeks(3), 100)), WEEK_0,
                account("K-1", Tier.KEY, 10.2, 10.2, 10.2),
                account("K-2", Tier.KEY, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1));

        PeakPlan plan = tenWeeks.plan(outlook, TODAY).orElseThrow();

        // then the gap of 0.9 at week 2 is 1 unit; K-1 wants 30.6 → 31 and K-2 0.3 → 1
        assertThat(plan.shortfall()).isEqualTo(1);
        assertThat(plan.accountsAtRisk()).containsExactly(new AccountAtRisk("K-1", Tier.KEY, 31),
                new AccountAtRisk("K-2", Tier.KEY, 1));
        assertThat(PeakPlanner.units(0.1 * 10)).isEqualTo(1);
        assertThat(PeakPlanner.units(0.0)).isZero();
    }

    @Test
    void thePeakWeekIsTheEarliestOfEqualHighestWeeksAndAccountsOfEqualUnitsGoByAccountId() {
        SkuOutlook outlook = outlook(0, List.of(), WEEK_0,
                account("P-2", Tier.POTENTIAL, 0, 40, 0, 40), account("K-1", Tier.KEY, 0, 0, 0, 0, 40, 0, 80));

        PeakPlan plan = planner.plan(outlook, TODAY).orElseThrow();

        assertThat(plan.peakWeek()).isEqualTo(new Week(WEEK_0.plusWeeks(6), 80));
        assertThat(plan.accountsAtRisk()).containsExactly(new AccountAtRisk("K-1", Tier.KEY, 120),
                new AccountAtRisk("P-2", Tier.POTENTIAL, 80));

        SkuOutlook even = outlook(0, List.of(), WEEK_0,
                account("P-2", Tier.POTENTIAL, 0, 40), account("K-1", Tier.KEY, 0, 0, 40));
        PeakPlan evenPlan = planner.plan(even, TODAY).orElseThrow();
        assertThat(evenPlan.peakWeek()).isEqualTo(new Week(WEEK_0.plusWeeks(1), 40));
        assertThat(evenPlan.accountsAtRisk()).extracting(AccountAtRisk::accountId).containsExactly("K-1", "P-2");
    }

    @Test
    void lookAheadAndLeadTimesAreConfigurable() {
        PeakPlanner shortSighted = new PeakPlanner(10, Duration.ofDays(7), Duration.ofDays(0));
        SkuOutlook outlook = outlook(50, List.of(), WEEK_0, account("K-1", Tier.KEY, weeks(10, 100, 100)));

        // a peak in week 10 is beyond a 10-week look-ahead
        assertThat(shortSighted.plan(outlook, TODAY)).isEmpty();

        PeakPlan plan = new PeakPlanner(11, Duration.ofDays(7), Duration.ZERO).plan(outlook, TODAY).orElseThrow();
        assertThat(plan.shortfall()).isEqualTo(50);
        assertThat(plan.transport().shipBy()).isEqualTo("2026-05-11");
        assertThat(plan.production().latestStart()).isEqualTo("2026-05-04");
    }

    @Test
    void aProductsOwnLeadTimesReplaceTheConfiguredOnes() {
        // given the SKU of the first test (needed by 11 May), made in 2 weeks but shipped for 5
        SkuOutlook outlook = new SkuOutlook("SKU-1", "Bearing", 50, 0, List.of(), WEEK_0,
                List.of(account("K-1", Tier.KEY, weeks(10, 100, 100))), 14, 35);

        // when
        PeakPlan plan = planner.plan(outlook, TODAY).orElseThrow();

        // then transport leaves 35 days before 11 May, production starts 14 days before that
        assertThat(plan.transport().shipBy()).isEqualTo("2026-04-06");
        assertThat(plan.production().latestStart()).isEqualTo("2026-03-23");
        assertThat(plan.production().late()).isFalse();
    }

    @Test
    void aPlanIsNewsOnlyWhenItsQuantityOrDatesChange() {
        PeakPlan plan = planner.plan(outlook(50, List.of(), WEEK_0, account("K-1", Tier.KEY, weeks(10, 100, 100))),
                TODAY).orElseThrow();
        PeakPlan otherAccounts = planner.plan(outlook(50, List.of(), WEEK_0,
                account("K-1", Tier.KEY, weeks(10, 60, 100)), account("P-1", Tier.POTENTIAL, weeks(10, 40))),
                TODAY).orElseThrow();
        PeakPlan more = planner.plan(outlook(49, List.of(), WEEK_0, account("K-1", Tier.KEY, weeks(10, 100, 100))),
                TODAY).orElseThrow();

        PeakPlan earlier = planner.plan(outlook(50, List.of(), WEEK_0, account("K-1", Tier.KEY, weeks(9, 100, 100))),
                TODAY).orElseThrow();

        // any change of quantity is news without a tolerance; other accounts at risk are not
        assertThat(otherAccounts.isNewsAfter(plan, plan.shortfall(), 0)).isFalse();
        assertThat(more.isNewsAfter(plan, plan.shortfall(), 0)).isTrue();
        assertThat(plan.isNewsAfter(null, 0, 0)).isTrue();
        // with 5 %, 151 is not news after 150 or 144 was published (7.2 units allowed), but after 140 it is
        assertThat(more.isNewsAfter(plan, 150, 0.05)).isFalse();
        assertThat(more.isNewsAfter(plan, 144, 0.05)).isFalse();
        assertThat(more.isNewsAfter(plan, 140, 0.05)).isTrue();
        // and a date that moves is news whatever the quantity (short from week 9 instead of 10)
        assertThat(earlier.isNewsAfter(plan, earlier.shortfall(), 0.05)).isTrue();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new PeakPlanner(0, Duration.ofDays(42), Duration.ofDays(14)))
                .hasMessage("lookAheadWeeks must be 1 or more, was 0");
        assertThatThrownBy(() -> new PeakPlanner(26, Duration.ofHours(36), Duration.ofDays(14)))
                .hasMessage("productionLeadTime must be 0 or more whole days, was PT36H");
        assertThatThrownBy(() -> new PeakPlanner(26, Duration.ofDays(42), Duration.ofDays(-1)))
                .hasMessage("transportLeadTime must be 0 or more whole days, was PT-24H");
        assertThatThrownBy(() -> outlook(0, List.of(), TODAY))
                .hasMessage("forecastStart must be a Monday, was 2026-03-04");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static SkuOutlook outlook(int onHand, List<Supply> incoming, LocalDate forecastStart,
            AccountDemand... accounts) {
        return outlook(onHand, 0, incoming, forecastStart, accounts);
    }

    private static SkuOutlook outlook(int onHand, int backordered, List<Supply> incoming, LocalDate forecastStart,
            AccountDemand... accounts) {
        return new SkuOutlook("SKU-1", "Bearing", onHand, backordered, incoming, forecastStart, List.of(accounts));
    }

    private static AccountDemand account(String accountId, Tier tier, double... weekly) {
        return new AccountDemand(accountId, tier, Arrays.stream(weekly).boxed().toList());
    }

    /** {@code values} from week {@code from} on, 0 before; 26 weeks in all. */
    private static double[] weeks(int from, double... values) {
        double[] weekly = new double[26];
        System.arraycopy(values, 0, weekly, from, values.length);
        return weekly;
    }
}
