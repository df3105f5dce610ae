package org.kam.relationship.contact;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * How a person works at a customer: the link's level, job title, roles in the buying decision,
 * influence and relationship strength (1–5), stance, whom they report to at the customer, who on
 * the supplier's side owns the tie, and since when.
 *
 * @param from the first day at the customer; null: today
 */
public record LinkDetails(Level level, String title, List<String> roles, Integer influence, Integer strength,
        Stance stance, UUID reportsTo, String ownerStaffId, LocalDate from) {

    public LinkDetails {
        title = Person.blankToNull(title);
        roles = roles == null ? List.of() : List.copyOf(roles);
        ownerStaffId = Person.blankToNull(ownerStaffId);
    }
}
