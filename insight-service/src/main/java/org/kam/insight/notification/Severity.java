package org.kam.insight.notification;

/** How urgent a notification is (notification-issued.v1 {@code severity}); ordered, so a route can ask for "this or worse". */
public enum Severity {
    /** Good to know: a new key account, a sale, a protection in place, a digest. */
    INFO,
    /** Needs attention soon: a shortage, a market signal, a coverage gap, an overdue visit. */
    WARNING,
    /** Needs someone now: a key account's order not served, an alert nobody answered, an action overdue. */
    CRITICAL;

    boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
