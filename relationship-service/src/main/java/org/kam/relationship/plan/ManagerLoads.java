package org.kam.relationship.plan;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How many plans each account manager (a non-executive staff member) owns, for giving a new plan
 * to the one who owns the fewest, ties by id (no SQL: {@link AccountPlans} reads the counts once
 * for a group of plan moves and tells this what it assigned, instead of counting every plan again
 * for each new one).
 */
final class ManagerLoads {

    private final TreeMap<String, Integer> plans;

    /** @param plansByManager the plans each account manager owns (0 for one who owns none) */
    ManagerLoads(Map<String, Integer> plansByManager) {
        this.plans = new TreeMap<>(plansByManager);
    }

    /** The account manager who owns the fewest plans, ties by id; empty when there is none. */
    Optional<String> leastLoaded() {
        String least = null;
        for (Map.Entry<String, Integer> manager : plans.entrySet()) { // by id: the first of the fewest wins
            if (least == null || manager.getValue() < plans.get(least)) {
                least = manager.getKey();
            }
        }
        return Optional.ofNullable(least);
    }

    /** A plan was given to {@code staffId} (who may be an executive, not counted here). */
    void assigned(String staffId) {
        plans.computeIfPresent(staffId, (id, owned) -> owned + 1);
    }
}
