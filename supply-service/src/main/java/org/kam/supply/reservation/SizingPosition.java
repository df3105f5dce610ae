package org.kam.supply.reservation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.kam.supply.reservation.ProtectionRule.Sizing;

/**
 * The stock position of the SKUs a group of accounts is sized on in one transaction (no SQL:
 * {@link Protections} loads it and writes what it decides): each SKU's units on hand, the units
 * reserved for accounts outside the group, and the group's stored protections.
 *
 * <p>The accounts are decided one after the other, each seeing what the ones before it hold now.
 * Units one of them frees stay counted as held until the transaction re-shares the SKU by rank
 * (KEY first, then oldest, {@link ProtectionRule#reshare}), so an account sized later in the group
 * never takes them ahead of a better-ranked shortage: the outcome of sizing each account in a
 * transaction of its own and re-sharing its freed units at once, which the sizer did before it
 * sized groups (issue 12).
 */
final class SizingPosition {

    private final Map<String, Integer> onHand;
    private final Map<String, Long> reservedOutside;
    private final Map<String, Map<String, Resizing.Stored>> stored;
    /** Per SKU, what the group's accounts hold: stored, plus what they grew by; freed units stay counted. */
    private final Map<String, Long> heldInGroup = new HashMap<>();
    private final Set<String> sized = new HashSet<>();

    /**
     * @param onHand          units on hand per SKU (an unknown SKU has none)
     * @param reservedOutside units of each SKU reserved for accounts outside the group
     * @param stored          the group's stored protections of those SKUs, by account and SKU
     */
    SizingPosition(Map<String, Integer> onHand, Map<String, Long> reservedOutside,
            Map<String, Map<String, Resizing.Stored>> stored) {
        this.onHand = Map.copyOf(onHand);
        this.reservedOutside = Map.copyOf(reservedOutside);
        this.stored = stored;
        stored.values().forEach(bySku -> bySku.forEach(
                (sku, protection) -> heldInGroup.merge(sku, (long) protection.holding().reserved(), Long::sum)));
    }

    /**
     * The account's protections of {@code skus} set to their sizings, in SKU order: what is to be
     * written ({@link Resizing#of}); each account once per position.
     */
    List<Resizing> size(String accountId, Collection<String> skus, Function<String, Sizing> sizingOf) {
        if (!sized.add(accountId)) {
            throw new IllegalStateException(accountId + " was sized already in this position");
        }
        Map<String, Resizing.Stored> mine = stored.getOrDefault(accountId, Map.of());
        List<Resizing> decided = new ArrayList<>();
        for (String sku : new TreeSet<>(skus)) {
            Resizing.Stored before = mine.get(sku);
            long held = before == null ? 0 : before.holding().reserved();
            long others = reservedOutside.getOrDefault(sku, 0L) + heldInGroup.getOrDefault(sku, 0L) - held;
            Resizing.of(sku, before, sizingOf.apply(sku), onHand.getOrDefault(sku, 0), others).ifPresent(resizing -> {
                decided.add(resizing);
                heldInGroup.merge(sku, Math.max(0, resizing.after().reserved() - held), Long::sum);
            });
        }
        return decided;
    }
}
