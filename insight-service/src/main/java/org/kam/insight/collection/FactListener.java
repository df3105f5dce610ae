package org.kam.insight.collection;

/**
 * Told about each fact the first time it is collected, inside the transaction that stores it: what
 * a listener writes commits, or is rolled back and redelivered, together with the fact.
 */
public interface FactListener {

    /** A sale arrived; {@code tierAtSale} is the tier its account had here when it arrived. */
    default void saleCollected(Sale sale, Tier tierAtSale) {
    }

    default void tierChanged(TierChange change) {
    }

    default void reservationChanged(ReservationChange change) {
    }

    default void supplySignalReceived(SupplySignal signal) {
    }

    /** relationship-service raised something about a key account's relationships. */
    default void relationshipSignalReceived(RelationshipSignal signal) {
    }

    /** The analysis found a key account's sales deviating from their baseline. */
    default void marketSignal(MarketSignal signal) {
    }

    /** A new item entered the intelligence register. */
    default void intelligenceFiled(IntelligenceFiled item) {
    }

    /** A digest for MANAGEMENT was issued. */
    default void digestIssued(DigestIssued digest) {
    }
}
