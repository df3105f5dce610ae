package org.kam.insight.dashboard;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The dashboard's sections and who sees each: the same roles the endpoints behind them allow, so a
 * section is shown exactly when its data may be read.
 */
public enum Section {
    /** Pareto curve, concentration, key-account share, tiers over time, top movers: revenue per customer. */
    PORTFOLIO(Set.of("ADMIN", "SALES", "KAM", "KAM_LEAD", "ANALYST")),
    /** Each key account's weekly sales against its baseline, with its market signals. */
    ACCOUNTS(Set.of("ADMIN", "SALES", "KAM", "KAM_LEAD", "SUPPLY", "ANALYST")),
    /** Protected stock, shortages and key-account backorders per SKU. */
    STOCK(Set.of("ADMIN", "SALES", "KAM", "KAM_LEAD", "SUPPLY", "ANALYST")),
    /** The notification feed, per department. */
    NOTIFICATIONS(Set.of("ADMIN", "SALES", "KAM", "KAM_LEAD", "SUPPLY", "ANALYST")),
    /** The intelligence register, with filters. */
    INTELLIGENCE(Set.of("ADMIN", "SALES", "KAM", "KAM_LEAD", "SUPPLY", "ANALYST"));

    private final Set<String> roles;

    Section(Set<String> roles) {
        this.roles = roles;
    }

    /** The sections a person with {@code roles} sees, in the dashboard's order. */
    public static List<Section> visibleTo(Collection<String> roles) {
        return java.util.Arrays.stream(values()).filter(section -> roles.stream().anyMatch(section.roles::contains))
                .toList();
    }
}
