package org.kam.relationship.keydate;

/** What a key date or piece of business news is about (R2.2). */
public enum KeyDateKind {
    /** The customer's opening anniversary (from the directory's opening date, or entered). */
    ANNIVERSARY,
    /** A PR activity of the customer: a press event, a trade fair, an open day. */
    PR_ACTIVITY,
    /** A promotion the customer runs. */
    PROMOTION,
    /** An honour or award the customer receives. */
    HONOUR,
    /** A major business move: a new site, a merger, an acquisition, a new line of business. */
    BUSINESS_MOVE,
    /** Anything else worth a call. */
    OTHER;

    public static final String NAMES = "ANNIVERSARY, PR_ACTIVITY, PROMOTION, HONOUR, BUSINESS_MOVE, OTHER";
    public static final String ANY_NAME = "ANNIVERSARY|PR_ACTIVITY|PROMOTION|HONOUR|BUSINESS_MOVE|OTHER";
}
