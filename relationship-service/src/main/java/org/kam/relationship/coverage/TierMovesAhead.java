package org.kam.relationship.coverage;

import java.util.List;

/**
 * The plan moves a transaction is about to announce, one {@link TierMoved} each after this: a
 * listener may read what it will need for all of them now, in one statement instead of one per
 * move (the plan mover announces up to a group of them per transaction, ADR 14 §8). Published in
 * that transaction; the accounts' tiers are read ahead already ({@link KeyAccounts#readAhead}).
 */
public record TierMovesAhead(List<TierMoved> moves) {

    public TierMovesAhead {
        moves = List.copyOf(moves);
    }

    /** The accounts whose plan moves to {@code tier}, in the order of the moves. */
    public List<String> accountsMovingTo(java.util.Set<Tier> tiers) {
        return moves.stream().filter(move -> tiers.contains(move.planAfter())).map(TierMoved::accountId).toList();
    }
}
