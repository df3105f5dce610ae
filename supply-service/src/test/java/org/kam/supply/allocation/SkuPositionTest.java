package org.kam.supply.allocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.kam.supply.allocation.SkuPosition.Backorder;
import org.kam.supply.reservation.Tier;

class SkuPositionTest {

    private static final Instant T0 = Instant.parse("2026-07-01T08:00:00Z");

    @Test
    void aKeyAccountKeepsItsProtectedStockWhileARegularAccountsLargeOrderArrives() {
        // given 100 on hand, 60 protected for key account K
        SkuPosition position = new SkuPosition("AC-CMP-20", 100);
        position.protect("K", 60);

        // when a regular account orders 90
        Allocation regular = position.order(order("O-1", "R", Tier.REGULAR, 90, 0));

        // then it gets the 40 unprotected units and waits for 50; K's 60 stay untouched
        assertThat(regular).isEqualTo(new Allocation("O-1", "R", Tier.REGULAR, 0, 40, 50));
        assertThat(position.protectedFor("K")).isEqualTo(60);
        assertThat(position.onHand()).isEqualTo(60);

        // and K's own order is served from its protection
        assertThat(position.order(order("O-2", "K", Tier.KEY, 50, 1)))
                .isEqualTo(new Allocation("O-2", "K", Tier.KEY, 50, 0, 0));
        assertThat(position.protectedFor("K")).isEqualTo(10);
    }

    @Test
    void anOrderLargerThanItsProtectionTakesFreeStockNextAndBackordersTheRest() {
        SkuPosition position = new SkuPosition("BRG-6204", 30);
        position.protect("K", 20);

        Allocation key = position.order(order("O-1", "K", Tier.KEY, 45, 0));

        assertThat(key).isEqualTo(new Allocation("O-1", "K", Tier.KEY, 20, 10, 15));
        assertThat(key.isKeyAccountStockOut()).isTrue();
        assertThat(position.onHand()).isZero();
        assertThat(position.backorders()).containsExactly(new Backorder("O-1", "K", Tier.KEY, 15, at(0)));
    }

    @Test
    void aSaleThatDrewOnItsBuyersProtectionIsToppedUpFromTheFreeStockLeftInFillOrder() {
        // given 100 on hand: K holds 30 of the 30 it wants, P 20 of 40 (loaded in fill order)
        SkuPosition position = new SkuPosition("AC-CMP-20", 100);
        position.hold("K", 30, 30);
        position.hold("P", 40, 20);

        // when K orders 25 (all from its protection) and free stock is topped up
        position.order(order("O-1", "K", Tier.KEY, 25, 0));
        var grown = position.fillProtections();

        // then the 50 free units fill K back to 30 first, then P to 40: 5 + 20, 25 stay free
        assertThat(grown).containsExactly("K", "P");
        assertThat(position.holdingOf("K")).isEqualTo(new SkuPosition.Holding(30, 30));
        assertThat(position.holdingOf("P")).isEqualTo(new SkuPosition.Holding(40, 40));
        assertThat(position.onHand()).isEqualTo(75);
        assertThat(position.freeStock()).isEqualTo(5);
    }

    @Test
    void withNoFreeStockLeftNothingIsToppedUp() {
        SkuPosition position = new SkuPosition("BRG-6204", 30);
        position.hold("K", 30, 30);

        position.order(order("O-1", "K", Tier.KEY, 10, 0));

        assertThat(position.fillProtections()).isEmpty();
        assertThat(position.holdingOf("K")).isEqualTo(new SkuPosition.Holding(30, 20));
        assertThat(position.holdingOf("nobody")).isNull();
    }

    @Test
    void underShortageArrivingSupplyServesKeyThenPotentialThenRegularThenByOrderTime() {
        // given nothing on hand and four orders waiting, the regular one oldest
        SkuPosition position = new SkuPosition("HP-CIRC-40", 0);
        position.order(order("R-early", "R", Tier.REGULAR, 10, 0));
        position.order(order("P", "P", Tier.POTENTIAL, 10, 2));
        position.order(order("K-late", "K2", Tier.KEY, 10, 3));
        position.order(order("K-early", "K1", Tier.KEY, 10, 1));

        // when 25 units arrive
        var served = position.receive(25);

        // then both key orders are served in full, by order time, and the potential one in part
        assertThat(served).containsExactly(
                new Allocation("K-early", "K1", Tier.KEY, 0, 10, 0),
                new Allocation("K-late", "K2", Tier.KEY, 0, 10, 0),
                new Allocation("P", "P", Tier.POTENTIAL, 0, 5, 5));
        assertThat(position.backorders()).extracting(Backorder::orderId).containsExactly("P", "R-early");
        assertThat(position.onHand()).isZero();
    }

    @Test
    void arrivingSupplyServesKeyAndPotentialOrdersFirstThenFillsProtectionsThenServesRegularOrders() {
        // given nothing on hand; K wants 20 protected, and R (regular, first) and K each wait for 10
        SkuPosition position = new SkuPosition("GEAR-12", 0);
        position.protect("K", 20);
        position.order(order("R", "R", Tier.REGULAR, 10, 0));
        position.order(order("K", "K", Tier.KEY, 10, 1));

        // when 25 arrive
        var served = position.receive(25);

        // then K's order is served, the 15 left go to K's protection, and R waits: stock protected
        // for a key account is not given to a regular account's order, waiting or not
        assertThat(served).containsExactly(new Allocation("K", "K", Tier.KEY, 0, 10, 0));
        assertThat(position.protectedFor("K")).isEqualTo(15);
        assertThat(position.onHand()).isEqualTo(15);
        assertThat(position.freeStock()).isZero();

        // and when 30 more arrive, K's protection is topped up to 20 and R is served from the rest
        assertThat(position.receive(30)).containsExactly(new Allocation("R", "R", Tier.REGULAR, 0, 10, 0));
        assertThat(position.protectedFor("K")).isEqualTo(20);
        assertThat(position.freeStock()).isEqualTo(15);
    }

    @Test
    void protectionIsCappedByStockNotProtectedForOthers() {
        SkuPosition position = new SkuPosition("VLV-DN50", 50);

        assertThat(position.protect("K1", 40)).isEqualTo(40);
        assertThat(position.protect("K2", 40)).isEqualTo(10);
        assertThat(position.protect("K1", 30)).isEqualTo(30);
        assertThat(position.freeStock()).isEqualTo(10);
    }

    @Test
    void unitsProtectedForAccountsNotLoadedAreNeitherSoldNorGivenToAProtection() {
        // given 100 on hand, 70 of them protected for accounts not loaded, and K holding 10 of its 30
        SkuPosition position = new SkuPosition("AC-CMP-20", 100);
        position.protectedForOthers(70);
        position.hold("K", 30, 10);

        // when a regular account orders 25 and free stock tops K up
        Allocation regular = position.order(order("O-1", "R", Tier.REGULAR, 25, 0));
        position.fillProtections();

        // then only the 20 free units were sold, none were left to top K up, and 70 stay protected for others
        assertThat(regular).isEqualTo(new Allocation("O-1", "R", Tier.REGULAR, 0, 20, 5));
        assertThat(position.protectedFor("K")).isEqualTo(10);
        assertThat(position.protectedUnits()).isEqualTo(80);
        assertThat(position.onHand()).isEqualTo(80);
    }

    @Test
    void moreUnitsProtectedForOthersThanAreOnHandAreRefused() {
        SkuPosition position = new SkuPosition("AC-CMP-20", 10);

        assertThatThrownBy(() -> position.protectedForOthers(11)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("units protected for others must be between 0 and the 10 units not yet protected, was 11");
        assertThatThrownBy(() -> position.protectedForOthers(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDryRunOnACopyLeavesThePositionAsItWas() {
        SkuPosition position = new SkuPosition("FLT-HYD-10", 10);
        position.protect("K", 5);

        SkuPosition preview = position.copy();
        preview.order(order("O-1", "R", Tier.REGULAR, 8, 0));
        preview.receive(3);

        assertThat(position.onHand()).isEqualTo(10);
        assertThat(position.protectedFor("K")).isEqualTo(5);
        assertThat(position.backorders()).isEmpty();
        assertThat(preview.onHand()).isEqualTo(5);
    }

    private static Order order(String id, String account, Tier tier, int quantity, int minute) {
        return new Order(id, account, tier, quantity, at(minute));
    }

    private static Instant at(int minute) {
        return T0.plusSeconds(60L * minute);
    }
}
