package org.kam.insight.collection;

/** An account's tier as account-service decides it (tier-changed.v1). */
public enum Tier {
    KEY, POTENTIAL, REGULAR
}
