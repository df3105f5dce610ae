package org.kam.insight.notification;

import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.kam.insight.collection.Tier;

/**
 * A routing rule people edit (Alertmanager-like): a notice whose kind, account tier, product line
 * and severity match goes to {@code departments}, at {@code severity} when the route sets one. Empty
 * sets match anything. {@code keepDefaults}: the departments the built-in rules chose are told too
 * (false: only the route's — with no departments, the notice is silenced). {@code continueMatching}:
 * later routes may match as well; otherwise the first matching route decides.
 */
public record Route(long id, int position, String name, Set<Kind> kinds, Set<Tier> tiers, Set<String> productLines,
        Severity minSeverity, List<Department> departments, Severity severity, boolean keepDefaults,
        boolean continueMatching) {

    public Route {
        kinds = Set.copyOf(kinds);
        tiers = Set.copyOf(tiers);
        productLines = productLines.stream().map(line -> line.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        departments = List.copyOf(departments);
    }

    boolean matches(Kind kind, Severity noticeSeverity, Context context) {
        return (kinds.isEmpty() || kinds.contains(kind))
                && (tiers.isEmpty() || context.tier() != null && tiers.contains(context.tier()))
                && (productLines.isEmpty() || context.productLine() != null
                        && productLines.contains(context.productLine().toLowerCase(Locale.ROOT)))
                && noticeSeverity.atLeast(minSeverity);
    }

    /** What a notice is routed by besides its kind and severity: its account's tier, its SKU's product line (either may be null). */
    public record Context(Tier tier, String productLine) {
        public static final Context NONE = new Context(null, null);
    }
}
