package org.kam.relationship.coverage;

/** The tiers account-service assigns (tier-changed.v1); only KEY accounts are covered here. */
public enum Tier {
    KEY, POTENTIAL, REGULAR
}
