package org.kam.relationship.visit;

/** How a visit went, as the visitor records it. */
public enum Outcome {
    /** The relationship moved forward (an agreement, an opening, a commitment). */
    POSITIVE,
    /** Met as planned, nothing moved. */
    NEUTRAL,
    /** The relationship suffered (a complaint, a lost order, a cold reception). */
    NEGATIVE,
    /** The customer's people were not there. */
    NO_SHOW
}
