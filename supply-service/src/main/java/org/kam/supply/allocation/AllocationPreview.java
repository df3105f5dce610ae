package org.kam.supply.allocation;

import java.time.Clock;
import java.util.List;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.supply.reservation.Tier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * "What would this order get?" — a dry run of {@link SkuPosition} on the SKU's current stock and
 * protections, with the buyer's current tier. Nothing is stored or published.
 */
@Service
public class AllocationPreview {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AllocationPreview(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Preview order(String sku, String accountId, int quantity) {
        List<Integer> onHand = jdbc.queryForList("select on_hand from product where sku = ?", Integer.class, sku);
        if (onHand.isEmpty()) {
            throw new InvalidEventException("sku", "no product " + sku);
        }
        SkuPosition position = new SkuPosition(sku, onHand.get(0));
        // Oldest protections first, as they were granted.
        jdbc.query("select account_id, reserved from reservation where sku = ? and reserved > 0 order by created_at, account_id",
                rs -> {
                    position.protect(rs.getString(1), rs.getInt(2));
                }, sku);
        Tier tier = jdbc.queryForList("select tier from account_tier where account_id = ?", String.class, accountId)
                .stream().findFirst().map(Tier::valueOf).orElse(Tier.REGULAR);
        Snapshot before = Snapshot.of(position, accountId);
        Allocation allocation = position.copy().order(new Order("preview", accountId, tier, quantity, clock.instant()));
        return new Preview(sku, accountId, tier, quantity, allocation.fromProtection(), allocation.fromFreeStock(),
                allocation.backordered(), allocation.isKeyAccountStockOut(), before);
    }

    /** The stock the order would meet. */
    public record Snapshot(int onHand, int protectedForBuyer, int protectedForOthers, int freeStock) {
        static Snapshot of(SkuPosition position, String accountId) {
            int own = position.protectedFor(accountId);
            return new Snapshot(position.onHand(), own, position.protectedUnits() - own, position.freeStock());
        }
    }

    public record Preview(String sku, String accountId, Tier tier, int quantity, int fromProtection, int fromFreeStock,
            int backordered, boolean keyAccountStockOut, Snapshot stock) {
    }
}
