package org.kam.relationship.briefing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SalesTrendTest {

    @Test
    void theLastCompleteQuarterIsComparedWithTheOneBeforeMonthsWithoutSalesCountingAsZero() {
        // the business clock is in December: December is running, September to November the last quarter
        YearMonth latest = YearMonth.of(2026, 12);
        Map<YearMonth, BigDecimal> sales = Map.of(
                YearMonth.of(2026, 5), new BigDecimal("100"), YearMonth.of(2026, 7), new BigDecimal("100"),
                YearMonth.of(2026, 9), new BigDecimal("150"), YearMonth.of(2026, 11), new BigDecimal("100"),
                YearMonth.of(2026, 12), new BigDecimal("7"));

        SalesTrend trend = SalesTrend.of(latest, sales);

        assertThat(trend.months()).hasSize(12);
        assertThat(trend.months().get(0).month()).isEqualTo(YearMonth.of(2026, 1));
        assertThat(trend.months().get(11).amount()).isEqualByComparingTo("7");
        assertThat(trend.lastQuarter()).isEqualByComparingTo("250");
        // June to August: only July's 100 (May is before the quarter)
        assertThat(trend.quarterBefore()).isEqualByComparingTo("100");
        assertThat(trend.changePercent()).isEqualByComparingTo("150.0");
    }

    @Test
    void noChangeIsGivenWhenTheQuarterBeforeHadNoSales() {
        SalesTrend trend = SalesTrend.of(YearMonth.of(2026, 12), Map.of(YearMonth.of(2026, 11), BigDecimal.TEN));

        assertThat(trend.changePercent()).isNull();
        assertThat(SalesTrend.of(null, Map.of()).months()).isEmpty();
    }
}
