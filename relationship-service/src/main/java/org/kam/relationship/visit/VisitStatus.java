package org.kam.relationship.visit;

/** Where a visit stands. */
public enum VisitStatus {
    /** On someone's calendar. */
    PLANNED,
    /** It took place; its outcome is recorded. */
    DONE,
    /** Called off (by a person, or because the account's plan ended). */
    CANCELLED
}
