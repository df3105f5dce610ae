package org.kam.relationship.visit;

/** Why a visit is on the calendar. */
public enum VisitSource {
    /** The quarterly planner put it there ({@code POST /api/v1/visits/plan}). */
    PLANNER,
    /** The account became KEY and got its first executive visit at once. */
    TIER_CHANGE,
    /** A person booked it. */
    MANUAL
}
