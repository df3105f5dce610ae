package org.kam.supply.planning;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.kam.supply.planning.PeakPlan.AccountAtRisk;
import org.kam.supply.planning.PeakPlan.ProductionRequest;
import org.kam.supply.planning.PeakPlan.TransportRequest;
import org.kam.supply.planning.PeakPlan.Week;
import org.kam.supply.planning.SkuOutlook.AccountDemand;
import org.kam.supply.planning.SkuOutlook.Supply;

/**
 * Peak-season planning for one SKU, in plain Java.
 *
 * <p>The look-ahead is {@code lookAheadWeeks} ISO weeks from the week of {@code today} (week 0, the
 * running week, counted whole so a late week errs on the safe side). Forecast weeks before it have
 * passed and are skipped. Walking week by week, the projected stock at the end of week w is
 * <pre>on hand − owed to KEY and POTENTIAL backorders + EXPECTED supply due by the end of week w
 *     − KEY and POTENTIAL forecast of weeks 0..w</pre>
 * (supply already overdue counts in week 0; supply due after the look-ahead not at all). There is
 * a risk when it goes below zero: the first such week is the first short week, and its Monday is
 * when the goods must be there (needed-by). The quantity requested is the largest gap over the
 * look-ahead, rounded up, so one request covers the whole peak. Transport must leave by needed-by −
 * transport lead time, production start by that − production lead time (the product's own lead
 * times where it has them, else the configured ones); a request whose latest day
 * has passed is still made, marked late.
 *
 * <p>Forecasts are fractional; a value within {@value #TOLERANCE} units of a whole number counts as
 * that number, so sums of whole forecasts are not rounded up by floating-point noise.
 */
final class PeakPlanner {

    static final double TOLERANCE = 1e-6;

    private final int lookAheadWeeks;
    private final long productionLeadDays;
    private final long transportLeadDays;

    PeakPlanner(int lookAheadWeeks, Duration productionLeadTime, Duration transportLeadTime) {
        if (lookAheadWeeks < 1) {
            throw new IllegalArgumentException("lookAheadWeeks must be 1 or more, was " + lookAheadWeeks);
        }
        this.lookAheadWeeks = lookAheadWeeks;
        this.productionLeadDays = wholeDays("productionLeadTime", productionLeadTime);
        this.transportLeadDays = wholeDays("transportLeadTime", transportLeadTime);
    }

    int lookAheadWeeks() {
        return lookAheadWeeks;
    }

    /** The plan for the SKU, or empty when its projected stock never falls below zero in the look-ahead. */
    Optional<PeakPlan> plan(SkuOutlook outlook, LocalDate today) {
        LocalDate week0 = mondayOf(today);
        int passed = Math.toIntExact(ChronoUnit.WEEKS.between(outlook.forecastStart(), week0));

        double[][] byAccount = new double[outlook.accounts().size()][lookAheadWeeks];
        double[] demand = new double[lookAheadWeeks];
        for (int a = 0; a < byAccount.length; a++) {
            List<Double> weekly = outlook.accounts().get(a).weekly();
            for (int w = 0; w < lookAheadWeeks; w++) {
                int index = passed + w;
                byAccount[a][w] = index >= 0 && index < weekly.size() ? weekly.get(index) : 0;
                demand[w] += byAccount[a][w];
            }
        }
        long[] arrivals = new long[lookAheadWeeks];
        int incoming = 0;
        for (Supply supply : outlook.incoming()) {
            long week = Math.max(0, ChronoUnit.WEEKS.between(week0, mondayOf(supply.dueOn())));
            if (week < lookAheadWeeks) {
                arrivals[(int) week] += supply.quantity();
                incoming += supply.quantity();
            }
        }

        int firstShort = -1;
        int worst = -1;
        double largestGap = 0;
        double stock = outlook.onHand() - outlook.backordered();
        for (int w = 0; w < lookAheadWeeks; w++) {
            stock += arrivals[w] - demand[w];
            if (stock < -TOLERANCE) {
                if (firstShort < 0) {
                    firstShort = w;
                }
                if (-stock > largestGap) {
                    largestGap = -stock;
                    worst = w;
                }
            }
        }
        if (firstShort < 0) {
            return Optional.empty();
        }

        int peak = 0;
        for (int w = 1; w < lookAheadWeeks; w++) {
            if (demand[w] > demand[peak] + TOLERANCE) {
                peak = w;
            }
        }
        int shortfall = units(largestGap);
        LocalDate neededBy = week0.plusWeeks(firstShort);
        LocalDate shipBy = neededBy.minusDays(
                outlook.transportLeadDays() != null ? outlook.transportLeadDays() : transportLeadDays);
        LocalDate latestStart = shipBy.minusDays(
                outlook.productionLeadDays() != null ? outlook.productionLeadDays() : productionLeadDays);
        int daysLate = latestStart.isBefore(today) ? Math.toIntExact(ChronoUnit.DAYS.between(latestStart, today)) : 0;
        return Optional.of(new PeakPlan(outlook.sku(), outlook.productName(), outlook.onHand(), incoming,
                outlook.onHand() + incoming, new Week(week0.plusWeeks(peak), units(demand[peak])),
                neededBy, shortfall,
                new ProductionRequest(shortfall, neededBy, latestStart, daysLate > 0, daysLate),
                new TransportRequest(shortfall, neededBy, shipBy, shipBy.isBefore(today)),
                accountsAtRisk(outlook.accounts(), byAccount, worst), today));
    }

    /** The accounts with forecast demand in weeks 0..{@code worst}, largest first (then by id). */
    private static List<AccountAtRisk> accountsAtRisk(List<AccountDemand> accounts, double[][] byAccount, int worst) {
        List<AccountAtRisk> atRisk = new ArrayList<>();
        for (int a = 0; a < byAccount.length; a++) {
            double total = 0;
            for (int w = 0; w <= worst; w++) {
                total += byAccount[a][w];
            }
            int units = units(total);
            if (units > 0) {
                atRisk.add(new AccountAtRisk(accounts.get(a).accountId(), accounts.get(a).tier(), units));
            }
        }
        atRisk.sort(Comparator.comparingInt(AccountAtRisk::units).reversed().thenComparing(AccountAtRisk::accountId));
        return atRisk;
    }

    /** Fractional units rounded up to whole ones: a request must cover the forecast. */
    static int units(double value) {
        return Math.toIntExact((long) Math.ceil(value - TOLERANCE));
    }

    static LocalDate mondayOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static long wholeDays(String name, Duration leadTime) {
        if (leadTime == null || leadTime.isNegative() || !leadTime.equals(Duration.ofDays(leadTime.toDays()))) {
            throw new IllegalArgumentException(name + " must be 0 or more whole days, was " + leadTime);
        }
        return leadTime.toDays();
    }
}
