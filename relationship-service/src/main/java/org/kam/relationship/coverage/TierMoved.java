package org.kam.relationship.coverage;

/**
 * An account's plan tier changed, inside the transaction that changed it: a Spring application
 * event for the relationship plan, coverage and training. The plan tier is the tier, except that an
 * account that left KEY keeps a KEY plan for the grace period ({@code kam.relationship.key-grace}).
 *
 * @param planBefore the plan tier before (REGULAR for an account first seen now)
 * @param planAfter  the plan tier now
 */
public record TierMoved(String accountId, Tier planBefore, Tier planAfter) {
}
