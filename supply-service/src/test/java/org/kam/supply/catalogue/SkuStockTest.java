package org.kam.supply.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SkuStockTest {

    private static final Instant COUNTED = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void aSaleTakesFromTheWarehousesHoldingMostFirstThenByWarehouseId() {
        // given 10 in MAIN, 25 in SOUTH, 25 in NORTH
        SkuStock stock = stock(60, "MAIN", 10, "SOUTH", 25, "NORTH", 25);

        // when 40 are sold
        SkuStock.Taken taken = stock.take(40);

        // then NORTH (25, before SOUTH by id) is emptied, then 15 come from SOUTH; MAIN is untouched
        assertThat(taken.warehouses()).containsExactly("NORTH", "SOUTH");
        assertThat(taken.stock().warehouses()).containsExactlyEntriesOf(ordered("MAIN", 10, "SOUTH", 10, "NORTH", 0));
        assertThat(taken.stock().onHand()).isEqualTo(20);
        assertThat(taken.stock().countedAt()).isEqualTo(COUNTED);
        assertThat(stock.onHand()).as("the stock taken from is left as it was").isEqualTo(60);
    }

    @Test
    void takingNothingTouchesNoWarehouse() {
        SkuStock.Taken taken = stock(5, "MAIN", 5).take(0);

        assertThat(taken.warehouses()).isEmpty();
        assertThat(taken.stock().onHand()).isEqualTo(5);
    }

    @Test
    void takingMoreThanTheWarehousesHoldIsRefusedAndChangesNothing() {
        SkuStock stock = stock(8, "MAIN", 5, "SOUTH", 3);

        assertThatThrownBy(() -> stock.take(9)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Allocation took 9 units of HP-CIRC-40 but only 8 are on hand");
        assertThatThrownBy(() -> stock.take(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stock.warehouses()).containsExactlyEntriesOf(ordered("MAIN", 5, "SOUTH", 3));
    }

    @Test
    void aSaleUpToTheLastCountIsAlreadyInIt() {
        SkuStock stock = stock(1, "MAIN", 1);

        assertThat(stock.includes(COUNTED.minusSeconds(1))).isTrue();
        assertThat(stock.includes(COUNTED)).isTrue();
        assertThat(stock.includes(COUNTED.plusSeconds(1))).isFalse();
        assertThat(new SkuStock("X", 0, null, Map.of()).includes(COUNTED)).as("never counted").isFalse();
    }

    private static SkuStock stock(int onHand, Object... warehouseUnits) {
        return new SkuStock("HP-CIRC-40", onHand, COUNTED, ordered(warehouseUnits));
    }

    private static Map<String, Integer> ordered(Object... warehouseUnits) {
        Map<String, Integer> units = new LinkedHashMap<>();
        for (int i = 0; i < warehouseUnits.length; i += 2) {
            units.put((String) warehouseUnits[i], (Integer) warehouseUnits[i + 1]);
        }
        return units;
    }
}
