package org.kam.relationship.coverage;

import java.time.Instant;

/** An account that is KEY now, and has been since {@code since}. */
record KeyAccount(String accountId, Instant since) {
}
