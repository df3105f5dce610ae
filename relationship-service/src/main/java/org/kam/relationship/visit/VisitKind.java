package org.kam.relationship.visit;

/** Who visits: the cadence of each kind is configured per tier ({@code kam.relationship.visits.cadence}). */
public enum VisitKind {
    /** One of the supplier's senior executives (R2.1): KEY accounts every 90 days by default. */
    EXECUTIVE,
    /** The account's owner on the supplier's side: KEY accounts every 30 days by default. */
    OWNER
}
