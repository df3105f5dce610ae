package org.kam.supply.reservation;

import java.time.Instant;

/**
 * An account's tier as supply-service stored it, with the time and sequence of the change that set
 * it: what a tier change is checked against before it is applied, in memory, for a whole batch.
 */
record KnownTier(Tier tier, Instant asOf, long sequence) {

    /**
     * Whether a change numbered {@code sequence} as of {@code asOf} replaces this one: account-service
     * numbers one account's changes in order, so an older one replayed after a newer one is stale;
     * changes without a number (0) replace each other by their business time, the later one winning.
     */
    boolean replacedBy(long sequence, Instant asOf) {
        return this.sequence < sequence || (this.sequence == 0 && sequence == 0 && !this.asOf.isAfter(asOf));
    }
}
