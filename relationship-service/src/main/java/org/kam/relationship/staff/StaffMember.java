package org.kam.relationship.staff;

import java.math.BigDecimal;

/**
 * A person on the supplier's side: account owners, their supervisors, the executives who visit
 * key accounts. {@code supervisorId} is their own hierarchy, which unacknowledged alerts climb.
 *
 * @param visitBudget share of working days this person may spend visiting customers; null: the
 *                    configured default ({@code kam.relationship.visits.default-budget}, one third)
 */
public record StaffMember(String id, String name, String title, String supervisorId, boolean executive,
        BigDecimal visitBudget, String homeRegion) {
}
