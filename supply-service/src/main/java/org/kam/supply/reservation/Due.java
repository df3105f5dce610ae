package org.kam.supply.reservation;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What is still to be sized for one account: the whole account (its tier changed), and/or some
 * SKUs (it bought them while KEY or POTENTIAL). Decides what that means at the account's tier now,
 * so however many changes piled up while the sizer was busy, the account is sized once, for the
 * tier it has when the sizer gets to it.
 *
 * @param wholeAccount its tier changed since it was last sized
 * @param skus         the SKUs bought since they were last sized, in order
 */
record Due(boolean wholeAccount, SortedSet<String> skus) {

    /** What the sizer does for the account. */
    enum Work {
        /** Size every SKU it bought in the last two years, and those still protected (cause TIER_CHANGED). */
        SIZE_ACCOUNT,
        /** Size only the SKUs it bought (cause SALE). */
        SIZE_SKUS,
        /** Release every protection: its tier no longer protects anything (cause RELEASED). */
        RELEASE,
        /** Nothing to do: nothing due, or only sales of an account that no longer protects stock. */
        NOTHING
    }

    static final Due NONE = new Due(false, new TreeSet<>());

    Due {
        skus = Collections.unmodifiableSortedSet(new TreeSet<>(skus));
    }

    /** The work for an account whose tier is {@code tier} now ({@code null}: not known to supply). */
    Work at(Tier tier) {
        boolean protects = ProtectionRule.protects(tier);
        if (wholeAccount) {
            return protects ? Work.SIZE_ACCOUNT : Work.RELEASE;
        }
        return protects && !skus.isEmpty() ? Work.SIZE_SKUS : Work.NOTHING;
    }
}
