package org.kam.account.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The long-term value model on histories small enough to compute by hand; T is the business clock. */
class LongTermValueModelTest {

    private static final Instant T = Instant.parse("2026-12-31T00:00:00Z");
    private final List<Purchase> history = new ArrayList<>();

    @Test
    void aSteadyCustomerIsWorthThreeTimesItsLastYear() {
        // given an old customer (first order 400 days ago) with four orders of 1,000 in the last year,
        // two in each half, the last 60 days ago
        buy("O-0", "1000", 400);
        buy("O-1", "1000", 330);
        buy("O-2", "1000", 240);
        buy("O-3", "1000", 150);
        buy("O-4", "1000", 60);

        // then 4 orders a year of 1,000, no trend (2,000 / 2,000), retained (60 days <= 2 x 91.25),
        // and 3 x 4,000
        assertThat(value()).isEqualTo(new LongTermValue(decimal("12000.00"), decimal("4.00"), decimal("1000.00"),
                decimal("1.0000"), decimal("1.0000"), LongTermValueModel.NAME));
    }

    @Test
    void aGrowingCustomerGrowsByItsTrendEachYear() {
        // given 2,000 in the earlier half-year and 3,000 in the recent one
        buy("O-0", "1000", 400);
        buy("O-1", "1000", 330);
        buy("O-2", "1000", 240);
        buy("O-3", "1500", 150);
        buy("O-4", "1500", 60);

        // then trend 1.5 and 5,000 x (1.5 + 2.25 + 3.375) = 35,625
        assertThat(value()).isEqualTo(new LongTermValue(decimal("35625.00"), decimal("4.00"), decimal("1250.00"),
                decimal("1.5000"), decimal("1.0000"), LongTermValueModel.NAME));
    }

    @Test
    void theTrendIsClampedBetweenAHalfAndOneAndAHalf() {
        // given a customer whose recent half-year is four times its earlier one
        buy("O-0", "1000", 400);
        buy("O-1", "1000", 300);
        buy("O-2", "4000", 100);

        // then its trend counts as 1.5: 5,000 x 7.125
        assertThat(value().trend()).isEqualTo(decimal("1.5000"));
        assertThat(value().estimate3y()).isEqualTo(decimal("35625.00"));

        // and one whose recent half-year is a quarter of its earlier one counts as 0.5: 5,000 x 0.875
        history.clear();
        buy("O-0", "1000", 400);
        buy("O-1", "4000", 300);
        buy("O-2", "1000", 100);
        assertThat(value().trend()).isEqualTo(decimal("0.5000"));
        assertThat(value().estimate3y()).isEqualTo(decimal("4375.00"));
    }

    @Test
    void aCustomerSilentForLongerThanTwiceItsUsualIntervalIsLessLikelyToStay() {
        // given ten orders of 100 every 20 days, the last 100 days ago: usual interval 36.5 days
        buy("O-OLD", "100", 500);
        for (int i = 0; i < 10; i++) {
            buy("O-" + i, "100", 100 + 20 * i);
        }

        // then retention = 2 x 36.5 / 100 = 0.73 and 1,000 x (0.73 + 0.5329 + 0.389017) = 1,651.917
        assertThat(value()).isEqualTo(new LongTermValue(decimal("1651.92"), decimal("10.00"), decimal("100.00"),
                decimal("1.0000"), decimal("0.7300"), LongTermValueModel.NAME));
    }

    @Test
    void aCustomerYoungerThanAYearIsAnnualisedOverItsLifeWithoutATrend() {
        // given a customer since 146 days with three orders of 200, the last one just now
        buy("O-1", "200", 146);
        buy("O-2", "200", 73);
        buy("O-3", "200", 0);

        // then 3 orders in 146 days = 7.5 a year, 1,500 a year, 3 x 1,500
        assertThat(value()).isEqualTo(new LongTermValue(decimal("4500.00"), decimal("7.50"), decimal("200.00"),
                decimal("1.0000"), decimal("1.0000"), LongTermValueModel.NAME));
    }

    @Test
    void aBrandNewCustomerCountsAtLeastNinetyDaysOfLife() {
        // given a customer since 30 days with orders of 600 and 300
        buy("O-1", "600", 30);
        buy("O-2", "300", 10);

        // then 2 orders per 90 days = 8.11 a year, 900 x 365 / 90 = 3,650 a year, 3 x 3,650
        assertThat(value()).isEqualTo(new LongTermValue(decimal("10950.00"), decimal("8.11"), decimal("450.00"),
                decimal("1.0000"), decimal("1.0000"), LongTermValueModel.NAME));
    }

    @Test
    void linesOfOneOrderAreOneOrderPlacedAtItsFirstLine() {
        // given an old customer whose one order this year has lines of 400 and 600, 200 and 150 days ago
        buy("O-0", "1000", 400);
        buy("O-1", "400", 200);
        buy("O-1", "600", 150);

        // then one order of 1,000 in the earlier half-year and none in the recent one: trend 0.5,
        // retention 1 (200 days <= 2 x 365), 1,000 x (0.5 + 0.25 + 0.125)
        assertThat(value()).isEqualTo(new LongTermValue(decimal("875.00"), decimal("1.00"), decimal("1000.00"),
                decimal("0.5000"), decimal("1.0000"), LongTermValueModel.NAME));
    }

    @Test
    void aCustomerThatComesBackAfterAYearTakesTheHighestTrend() {
        buy("O-0", "1000", 500);
        buy("O-1", "1000", 100);

        // no earlier half-year revenue, some recent: 1,000 x (1.5 + 2.25 + 3.375)
        assertThat(value()).isEqualTo(new LongTermValue(decimal("7125.00"), decimal("1.00"), decimal("1000.00"),
                decimal("1.5000"), decimal("1.0000"), LongTermValueModel.NAME));
    }

    @Test
    void aCustomerWithoutAnOrderInTheLastYearIsWorthNothing() {
        buy("O-0", "5000", 400);

        assertThat(value()).isEqualTo(new LongTermValue(decimal("0.00"), decimal("0.00"), decimal("0.00"),
                decimal("1.0000"), decimal("0.0000"), LongTermValueModel.NAME));
    }

    @Test
    void aCustomerWithoutPurchasesHasNoEstimate() {
        assertThat(LongTermValueModel.estimate(history, T)).isEmpty();
    }

    @Test
    void salesAfterTheBusinessClockAreNotHistoryYet() {
        buy("O-1", "200", 146);
        buy("O-2", "200", 73);
        buy("O-3", "200", 0);
        history.add(new Purchase("O-4", new BigDecimal("9999"), T.plusSeconds(1)));

        assertThat(value().estimate3y()).isEqualTo(decimal("4500.00"));
    }

    private void buy(String orderId, String amount, int daysBeforeT) {
        history.add(new Purchase(orderId, new BigDecimal(amount), T.minus(Duration.ofDays(daysBeforeT))));
    }

    private LongTermValue value() {
        Optional<LongTermValue> value = LongTermValueModel.estimate(history, T);
        assertThat(value).isPresent();
        return value.get();
    }

    private static BigDecimal decimal(String value) {
        return new BigDecimal(value);
    }
}
