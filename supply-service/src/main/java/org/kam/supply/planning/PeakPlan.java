package org.kam.supply.planning;

import java.time.LocalDate;
import java.util.List;

import org.kam.supply.reservation.Tier;

/**
 * The plan for one SKU whose KEY and POTENTIAL demand outruns its projected stock within the
 * look-ahead. Units are whole (forecasts rounded up); weeks are ISO weeks named by their Monday.
 *
 * @param onHand         units on hand when planned
 * @param incoming       units of EXPECTED supply due within the look-ahead
 * @param projectedStock {@code onHand + incoming}: all the plan could count on
 * @param peakWeek       the week of the highest KEY + POTENTIAL forecast (the earliest of equal ones)
 * @param firstShortWeek the first week whose projected stock falls below zero
 * @param shortfall      the largest cumulative gap over the look-ahead: what one request must bring
 * @param accountsAtRisk the accounts with forecast demand up to the week of the largest gap, largest first
 * @param plannedOn      the day the plan was made ("today" for the lead times)
 */
public record PeakPlan(String sku, String productName, int onHand, int incoming, int projectedStock, Week peakWeek,
        LocalDate firstShortWeek, int shortfall, ProductionRequest production, TransportRequest transport,
        List<AccountAtRisk> accountsAtRisk, LocalDate plannedOn) {

    public PeakPlan {
        accountsAtRisk = List.copyOf(accountsAtRisk);
    }

    /** A week and its KEY + POTENTIAL forecast demand, rounded up. */
    public record Week(LocalDate start, int demand) {
    }

    /**
     * Production of {@code quantity} must start by {@code latestStart} for transport to deliver it by
     * {@code neededBy}; {@code late} when that day has passed, by {@code daysLate} days.
     */
    public record ProductionRequest(int quantity, LocalDate neededBy, LocalDate latestStart, boolean late,
            int daysLate) {
    }

    /** {@code quantity} must leave by {@code shipBy} to arrive by {@code neededBy}; {@code late} when that day has passed. */
    public record TransportRequest(int quantity, LocalDate neededBy, LocalDate shipBy, boolean late) {
    }

    /** An account whose forecast demand the shortfall puts at risk, with its forecast units. */
    public record AccountAtRisk(String accountId, Tier tier, int units) {
    }

    /**
     * Whether this plan is news after {@code previous} (the SKU's last plan, {@code null} if none)
     * whose request was last published with {@code publishedQuantity}: a date production or
     * transport acts on moved, or the quantity moved away from the published one by more than
     * {@code tolerance} of it (0: any unit). Forecasts drift by a few units from run to run; a
     * request re-issued for each of them would teach people to ignore it.
     */
    boolean isNewsAfter(PeakPlan previous, int publishedQuantity, double tolerance) {
        if (previous == null || !firstShortWeek.equals(previous.firstShortWeek)
                || !production.neededBy().equals(previous.production.neededBy())
                || !production.latestStart().equals(previous.production.latestStart())
                || !transport.shipBy().equals(previous.transport.shipBy())) {
            return true;
        }
        return Math.abs(shortfall - publishedQuantity) > tolerance * publishedQuantity;
    }
}
