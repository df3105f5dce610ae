package org.kam.relationship.contact;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.kam.chassis.messaging.InvalidEventException;

/**
 * The closed list of roles a contact may hold in the customer's buying and using of products
 * ({@code kam.relationship.roles}), which a supplier extends by configuration
 * ({@code kam.relationship.extra-roles}) rather than by typing free text that no coverage rule
 * could ever match.
 */
public final class RoleCatalogue {

    /** The roles every supplier has; see application.yml. */
    public static final List<String> STANDARD = List.of("DECISION_MAKER", "PURCHASING_APPROVER", "PAYMENT_APPROVER",
            "USER", "SALES_CLERK", "SALESPERSON", "WAREHOUSE_KEEPER");

    private final Set<String> roles = new LinkedHashSet<>();

    public RoleCatalogue(List<String> roles, List<String> extraRoles) {
        for (String role : roles) {
            this.roles.add(normalise(role));
        }
        for (String role : extraRoles) {
            this.roles.add(normalise(role));
        }
    }

    public Set<String> roles() {
        return Set.copyOf(roles);
    }

    /** The roles in their canonical form (upper case), in the given order without repeats; an unknown role names its index. */
    public List<String> check(String field, List<String> given) {
        Set<String> checked = new LinkedHashSet<>();
        for (int i = 0; i < given.size(); i++) {
            String role = given.get(i) == null ? "" : normalise(given.get(i));
            if (!roles.contains(role)) {
                throw new InvalidEventException(field + "[" + i + "]",
                        "must be one of " + String.join(", ", roles) + ", was '" + given.get(i) + "'");
            }
            checked.add(role);
        }
        return List.copyOf(checked);
    }

    private static String normalise(String role) {
        return role.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }
}
