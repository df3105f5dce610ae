package org.kam.supply.planning;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.kam.supply.planning.PeakPlan.AccountAtRisk;

/** The facts planning publishes on kam.supply-signals.v1, exactly as their contracts describe them. */
final class PeakSignals {

    private PeakSignals() {
    }

    /** Contract: shortage-risk.v1.schema.json. */
    record ShortageRisk(UUID eventId, Instant occurredAt, String sku, int shortfall, LocalDate firstShortWeek,
            LocalDate peakWeek, int peakWeekDemand, int projectedStock, List<AccountAtRisk> accountsAtRisk) {

        static ShortageRisk of(PeakPlan plan, Instant now) {
            return new ShortageRisk(UUID.randomUUID(), now, plan.sku(), plan.shortfall(), plan.firstShortWeek(),
                    plan.peakWeek().start(), plan.peakWeek().demand(), plan.projectedStock(), plan.accountsAtRisk());
        }
    }

    /** Contract: production-requested.v1.schema.json. */
    record ProductionRequested(UUID eventId, Instant occurredAt, String sku, int quantity, LocalDate neededBy,
            LocalDate latestStart, boolean late, int daysLate, List<AccountAtRisk> accountsAtRisk) {

        static ProductionRequested of(PeakPlan plan, Instant now) {
            PeakPlan.ProductionRequest request = plan.production();
            return new ProductionRequested(UUID.randomUUID(), now, plan.sku(), request.quantity(), request.neededBy(),
                    request.latestStart(), request.late(), request.daysLate(), plan.accountsAtRisk());
        }
    }

    /** Contract: transport-requested.v1.schema.json. */
    record TransportRequested(UUID eventId, Instant occurredAt, String sku, int quantity, LocalDate neededBy,
            LocalDate shipBy, boolean late, List<AccountAtRisk> accountsAtRisk) {

        static TransportRequested of(PeakPlan plan, Instant now) {
            PeakPlan.TransportRequest request = plan.transport();
            return new TransportRequested(UUID.randomUUID(), now, plan.sku(), request.quantity(), request.neededBy(),
                    request.shipBy(), request.late(), plan.accountsAtRisk());
        }
    }

    /** Contract: shortage-risk-cleared.v1.schema.json. */
    record ShortageRiskCleared(UUID eventId, Instant occurredAt, String sku, int previousShortfall) {
    }
}
