package org.kam.insight.notification;

import java.time.Duration;

/**
 * When a failed webhook delivery is tried again: the first retry after {@code initial}, doubling, at
 * most {@code max} apart; after {@code attempts} tries in all it is parked. Pure.
 */
record WebhookBackOff(Duration initial, Duration max, int attempts) {

    WebhookBackOff {
        if (attempts < 1 || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("kam.insight.webhooks: attempts ≥ 1 and 0 < initial-back-off ≤ max-back-off");
        }
    }

    /** The wait after the {@code failed}-th failed attempt (1-based), or null when it is to be parked. */
    Duration after(int failed) {
        if (failed >= attempts) {
            return null;
        }
        long factor = 1L << Math.min(30, failed - 1);
        Duration wait = initial.multipliedBy(factor);
        return wait.compareTo(max) > 0 ? max : wait;
    }
}
