package org.kam.supply.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Random;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.kam.supply.forecast.DemandSeries;
import org.kam.supply.forecast.Forecast;
import org.kam.supply.forecast.Forecasting;
import org.kam.supply.forecast.ModelChoice;
import org.kam.supply.reservation.ProtectionRule.Holding;
import org.kam.supply.reservation.ProtectionRule.Sizing;

class ProtectionRuleTest {

    private static final Instant MONDAY = Instant.parse("2024-01-01T00:00:00Z");

    private final ProtectionRule rule = new ProtectionRule(8, 0.5);

    @Test
    void aKeyAccountBuyingTenAWeekForTwoAndAHalfYearsGetsEightyProtectedForEightWeeks() {
        // given 130 weeks of exactly 10 units a week: enough history for damped Holt-Winters
        Forecast forecast = forecast(weekly(130, week -> 10));

        // when
        Sizing sizing = rule.size(Tier.KEY, OptionalDouble.of(forecast.totalOfNext(8)), OptionalInt.empty());

        // then a flat history forecasts 10 a week: 8 weeks × 10
        assertThat(forecast.model()).isEqualTo(ModelChoice.DAMPED_HOLT_WINTERS);
        assertThat(sizing).isEqualTo(new Sizing(80, Basis.FORECAST, 80.0));
    }

    @Test
    void aPotentialAccountGetsTheConfiguredShareOfItsForecast() {
        Forecast forecast = forecast(weekly(130, week -> 10));

        assertThat(rule.size(Tier.POTENTIAL, OptionalDouble.of(forecast.totalOfNext(8)), OptionalInt.empty()))
                .isEqualTo(new Sizing(40, Basis.FORECAST, 80.0));
        assertThat(new ProtectionRule(8, 0.25).size(Tier.POTENTIAL, OptionalDouble.of(80.0), OptionalInt.empty())
                .requested()).isEqualTo(20);
    }

    @Test
    void aSeasonalBuyerIsProtectedForTheSeasonAhead() {
        // given 20 a week in the first half of each year and 4 in the second, for 130 weeks: the
        // history ends 26 weeks into its third year, so the next 8 weeks are low season
        Forecast forecast = forecast(weekly(130, week -> week % 52 < 26 ? 20 : 4));

        // when / then 8 × 4
        assertThat(rule.size(Tier.KEY, OptionalDouble.of(forecast.totalOfNext(8)), OptionalInt.empty()).requested())
                .isEqualTo(32);
        // and a year later, in high season, 8 × 20
        Forecast highSeason = forecast(weekly(156, week -> week % 52 < 26 ? 20 : 4));
        assertThat(rule.size(Tier.KEY, OptionalDouble.of(highSeason.totalOfNext(8)), OptionalInt.empty()).requested())
                .isEqualTo(160);
    }

    @Test
    void aForecastOfAFractionOfAUnitIsRoundedUp() {
        // given 10 weeks: nine of 10 units and one of 11, a short history forecast by its mean 10.1
        Forecast forecast = forecast(weekly(10, week -> week == 9 ? 11 : 10));

        // when / then 80.8 units protect 81 for KEY, and 40.4 protect 41 for POTENTIAL
        assertThat(rule.size(Tier.KEY, OptionalDouble.of(forecast.totalOfNext(8)), OptionalInt.empty()).requested())
                .isEqualTo(81);
        assertThat(rule.size(Tier.POTENTIAL, OptionalDouble.of(forecast.totalOfNext(8)), OptionalInt.empty())
                .requested()).isEqualTo(41);
    }

    @Test
    void floatingPointNoiseAroundAWholeUnitAddsNoUnit() {
        assertThat(ProtectionRule.wholeUnits(80.000_000_000_1)).isEqualTo(80);
        assertThat(ProtectionRule.wholeUnits(79.999_999_999_9)).isEqualTo(80);
        assertThat(ProtectionRule.wholeUnits(80.01)).isEqualTo(81);
        assertThat(ProtectionRule.wholeUnits(0.0)).isZero();
        assertThat(ProtectionRule.wholeUnits(1e12)).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void anAgreedStockLevelReplacesTheForecastOfAKeyAccount() {
        assertThat(rule.size(Tier.KEY, OptionalDouble.of(80.0), OptionalInt.of(30)))
                .isEqualTo(new Sizing(30, Basis.AGREED, 80.0));
        assertThat(rule.size(Tier.KEY, OptionalDouble.empty(), OptionalInt.of(0)))
                .isEqualTo(new Sizing(0, Basis.AGREED, null));
    }

    @Test
    void anAgreedStockLevelIsNotAppliedToAPotentialAccount() {
        // given a level agreed while the account was KEY, when it is POTENTIAL, then its share of the forecast
        assertThat(rule.size(Tier.POTENTIAL, OptionalDouble.of(80.0), OptionalInt.of(30)))
                .isEqualTo(new Sizing(40, Basis.FORECAST, 80.0));
    }

    @Test
    void regularAndUnknownAccountsGetNothingProtected() {
        assertThat(rule.size(Tier.REGULAR, OptionalDouble.of(80.0), OptionalInt.of(30))).isEqualTo(Sizing.NONE);
        assertThat(rule.size(null, OptionalDouble.of(80.0), OptionalInt.empty())).isEqualTo(Sizing.NONE);
        assertThat(Sizing.NONE).isEqualTo(new Sizing(0, null, null));
    }

    @Test
    void anAccountThatNeverBoughtTheSkuHasNothingToProtect() {
        assertThat(rule.size(Tier.KEY, OptionalDouble.empty(), OptionalInt.empty()))
                .isEqualTo(new Sizing(0, Basis.FORECAST, null));
    }

    @Test
    void theHorizonIsConfigurable() {
        ProtectionRule fourWeeks = new ProtectionRule(4, 0.5);
        Forecast forecast = forecast(weekly(130, week -> 10));

        assertThat(fourWeeks.horizonWeeks()).isEqualTo(4);
        assertThat(fourWeeks.size(Tier.KEY, OptionalDouble.of(forecast.totalOfNext(4)), OptionalInt.empty())
                .requested()).isEqualTo(40);
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
    void moreStockFillsTheFirstRankedShortageFirst() {
        // given three protections ranked first-served first, all short, and stock rising from 3 to 10
        List<Holding> ranked = List.of(new Holding(4, 1), new Holding(6, 2), new Holding(5, 0));

        // when
        List<Integer> reserved = ProtectionRule.reshare(10, ranked);

        // then the 7 new units fill the first (3) and then the next (4); the last gets none
        assertThat(reserved).containsExactly(4, 6, 0);
    }

    @Test
    void lessStockShrinksTheLastRankedReservationsFirst() {
        // given 4 + 6 + 5 = 15 reserved, and the stock falls to 7
        List<Holding> ranked = List.of(new Holding(4, 4), new Holding(6, 6), new Holding(5, 5));

        // when
        List<Integer> reserved = ProtectionRule.reshare(7, ranked);

        // then the last loses all 5, the middle one 3, the first keeps its 4
        assertThat(reserved).containsExactly(4, 3, 0);
    }

    @Test
    void unchangedStockChangesNothing() {
        List<Holding> ranked = List.of(new Holding(4, 4), new Holding(6, 1));

        assertThat(ProtectionRule.reshare(5, ranked)).containsExactly(4, 1);
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
    void aHorizonOrShareOutOfRangeIsRejected() {
        assertThatThrownBy(() -> new ProtectionRule(0, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("horizonWeeks");
        assertThatThrownBy(() -> new ProtectionRule(105, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProtectionRule(8, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("potentialShare");
        assertThatThrownBy(() -> new ProtectionRule(8, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeQuantitiesAreRejected() {
        assertThatThrownBy(() -> ProtectionRule.reserve(-1, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProtectionRule.reshare(-1, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    private static DemandSeries weekly(int weeks, IntUnaryOperator demand) {
        return DemandSeries.of(MONDAY, DemandSeries.WEEK, IntStream.range(0, weeks).mapToDouble(demand::applyAsInt).toArray());
    }

    private static Forecast forecast(DemandSeries series) {
        return Forecasting.weekly().forecast(series, 8);
    }
}
