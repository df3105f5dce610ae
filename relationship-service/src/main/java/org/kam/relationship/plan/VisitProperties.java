package org.kam.relationship.plan;

import java.math.BigDecimal;
import java.time.Duration;

import org.kam.relationship.coverage.Tier;
import org.kam.relationship.visit.VisitKind;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How often each tier is visited and how much time visits may take ({@code kam.relationship.visits}).
 *
 * @param defaultBudget          share of a person's working days for visits unless set per person (one third)
 * @param perDay                 visits one person can make on one day, all in one region
 * @param horizon                how far ahead the planner plans by default (a quarter)
 * @param firstExecutiveWithin   an account that becomes KEY gets an executive visit within this
 * @param keyExecutive           executive visit cadence of KEY accounts
 * @param keyOwner               owner visit cadence of KEY accounts
 * @param potentialExecutive     executive visit cadence of POTENTIAL accounts (lighter, R1.5)
 * @param potentialOwner         owner visit cadence of POTENTIAL accounts
 */
@ConfigurationProperties("kam.relationship.visits")
public record VisitProperties(BigDecimal defaultBudget, int perDay, Duration horizon, Duration firstExecutiveWithin,
        Duration keyExecutive, Duration keyOwner, Duration potentialExecutive, Duration potentialOwner) {

    /** The cadence in days of {@code kind} visits for a plan of {@code tier}; 0: not visited on a cadence. */
    int cadenceDays(Tier tier, VisitKind kind) {
        Duration cadence = switch (tier) {
            case KEY -> kind == VisitKind.EXECUTIVE ? keyExecutive : keyOwner;
            case POTENTIAL -> kind == VisitKind.EXECUTIVE ? potentialExecutive : potentialOwner;
            case REGULAR -> null;
        };
        return cadence == null ? 0 : (int) cadence.toDays();
    }
}
