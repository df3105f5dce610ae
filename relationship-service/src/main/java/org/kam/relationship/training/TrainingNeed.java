package org.kam.relationship.training;

import java.time.Instant;

/** An account that buys a technical line without trained frontline staff for it; {@code metAt} once they are trained. */
public record TrainingNeed(String accountId, String productLine, Instant raisedAt, Instant metAt) {
}
