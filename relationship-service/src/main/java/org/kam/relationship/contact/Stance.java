package org.kam.relationship.contact;

/** Where a contact stands towards the supplier, as the account team judges it. */
public enum Stance {
    /** Argues for the supplier inside the customer, unasked. */
    CHAMPION,
    /** Favours the supplier when asked. */
    SUPPORTER,
    /** Neither for nor against. */
    NEUTRAL,
    /** Doubts the supplier; needs proof. */
    SCEPTIC,
    /** Works against the supplier (often a competitor's champion). */
    OPPONENT
}
