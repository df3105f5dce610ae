package org.kam.relationship.staff;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A reports-to hierarchy (the supplier's staff, or the people at a customer), as a map from each
 * member to the one above. Pure: it decides whether a new link would close a loop and who stands
 * above whom; the tables stay with their owners.
 */
public final class Hierarchy<K> {

    private final Function<K, Optional<K>> above;

    public Hierarchy(Function<K, Optional<K>> above) {
        this.above = above;
    }

    public static <K> Hierarchy<K> of(Map<K, K> above) {
        return new Hierarchy<>(k -> Optional.ofNullable(above.get(k)));
    }

    /**
     * The chain above {@code member}, nearest first, without {@code member}. A loop that a direct
     * database edit could have made ends the chain instead of running for ever.
     */
    public List<K> chainAbove(K member) {
        List<K> chain = new ArrayList<>();
        Set<K> seen = new HashSet<>(Set.of(member));
        Optional<K> next = above.apply(member);
        while (next.isPresent() && seen.add(next.get())) {
            chain.add(next.get());
            next = above.apply(next.get());
        }
        return chain;
    }

    /** Whether putting {@code member} under {@code newAbove} would make a loop (itself, or someone below it). */
    public boolean wouldLoop(K member, K newAbove) {
        return newAbove.equals(member) || chainAbove(newAbove).contains(member);
    }
}
