package org.kam.insight.notification;

/**
 * What a notification is about (notification-issued.v1 {@code kind}), with the severity it has
 * unless a route sets another.
 */
public enum Kind {
    /** An account became KEY. */
    NEW_KEY_ACCOUNT(Severity.INFO),
    /** An account stopped being KEY. */
    KEY_ACCOUNT_LOST(Severity.WARNING),
    /** A key account ordered. */
    KEY_ACCOUNT_SALE(Severity.INFO),
    /** Stock was protected for an account in full. */
    STOCK_RESERVED(Severity.INFO),
    /** A protection is short of stock. */
    RESERVATION_SHORTAGE(Severity.WARNING),
    /** A key account's order was not served in full. */
    KEY_ACCOUNT_STOCK_OUT(Severity.CRITICAL),
    /** Production is requested ahead of a peak (CRITICAL when its latest start has passed). */
    PRODUCTION_REQUESTED(Severity.WARNING),
    /** Transport is requested ahead of a peak. */
    TRANSPORT_REQUESTED(Severity.INFO),
    /** A SKU is at risk of shortage. */
    SHORTAGE_RISK(Severity.WARNING),
    /** That risk is gone. */
    SHORTAGE_RISK_CLEARED(Severity.INFO),
    /** A key account's sales deviate from their baseline. */
    MARKET_SIGNAL(Severity.WARNING),
    /** MANAGEMENT's digest. */
    DIGEST(Severity.INFO),
    /** A new item in the intelligence register. */
    INTELLIGENCE(Severity.INFO),
    /** A key account lacks a contact its tier asks for (relationship-service's CoverageGap). */
    COVERAGE_GAP(Severity.WARNING),
    /** That gap closed. */
    COVERAGE_RESTORED(Severity.INFO),
    /** A key date of a key account comes up (relationship-service's KeyDateUpcoming). */
    KEY_DATE_UPCOMING(Severity.INFO),
    /** Nobody answered a key-date alert in time: it went up the hierarchy. */
    ALERT_ESCALATED(Severity.CRITICAL),
    /** A visit of a key account fell due with nothing planned. */
    VISIT_OVERDUE(Severity.WARNING),
    /** A key account's frontline needs training on a technical product line. */
    TRAINING_NEEDED(Severity.INFO),
    /** An action made of a notification passed its due date undone. */
    ACTION_OVERDUE(Severity.CRITICAL);

    private final Severity severity;

    Kind(Severity severity) {
        this.severity = severity;
    }

    /** The severity of this kind unless a rule or a route says otherwise. */
    public Severity severity() {
        return severity;
    }
}
