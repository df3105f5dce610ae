package org.kam.relationship.briefing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An account's sales over the twelve months up to the latest month with any sales, and how the
 * last complete quarter compares with the one before. Pure. The latest month is still running (it
 * is the business clock's month), so the quarters are the three months before it and the three
 * before those; months without sales count as zero; the change is null when the quarter before had
 * no sales (a percentage of nothing says nothing).
 */
public record SalesTrend(List<Month> months, BigDecimal lastQuarter, BigDecimal quarterBefore, BigDecimal changePercent) {

    public record Month(YearMonth month, BigDecimal amount) {
    }

    public static SalesTrend of(YearMonth latest, Map<YearMonth, BigDecimal> sales) {
        if (latest == null) {
            return new SalesTrend(List.of(), BigDecimal.ZERO, BigDecimal.ZERO, null);
        }
        Map<YearMonth, BigDecimal> byMonth = new TreeMap<>(sales);
        List<Month> months = new ArrayList<>();
        for (int back = 11; back >= 0; back--) {
            YearMonth month = latest.minusMonths(back);
            months.add(new Month(month, byMonth.getOrDefault(month, BigDecimal.ZERO)));
        }
        BigDecimal last = sum(months.subList(8, 11));
        BigDecimal before = sum(months.subList(5, 8));
        BigDecimal change = before.signum() == 0 ? null
                : last.subtract(before).multiply(BigDecimal.valueOf(100)).divide(before, 1, RoundingMode.HALF_UP);
        return new SalesTrend(List.copyOf(months), last, before, change);
    }

    private static BigDecimal sum(List<Month> months) {
        return months.stream().map(Month::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
