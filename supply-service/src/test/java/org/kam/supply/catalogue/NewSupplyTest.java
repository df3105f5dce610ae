package org.kam.supply.catalogue;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.kam.chassis.messaging.InvalidEventException;

class NewSupplyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @Test
    void supplyDueTodayOrLaterIsAccepted() {
        assertThatCode(() -> supply(1, TODAY).check(TODAY)).doesNotThrowAnyException();
        assertThatCode(() -> supply(500, TODAY.plusDays(30)).check(TODAY)).doesNotThrowAnyException();
    }

    @Test
    void supplyDueYesterdayIsRefusedNamingDueOn() {
        assertThatThrownBy(() -> supply(10, TODAY.minusDays(1)).check(TODAY))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("dueOn: must be today (2026-03-10) or later, was 2026-03-09");
    }

    @Test
    void supplyOfNothingOrLessIsRefusedNamingQuantity() {
        assertThatThrownBy(() -> supply(0, TODAY).check(TODAY))
                .isInstanceOf(InvalidEventException.class)
                .hasMessage("quantity: must be greater than 0, was 0");
        assertThatThrownBy(() -> supply(-3, TODAY).check(TODAY))
                .hasMessage("quantity: must be greater than 0, was -3");
    }

    private static NewSupply supply(int quantity, LocalDate dueOn) {
        return new NewSupply(SupplyKind.SHIPMENT, "SKU-1", "MAIN", quantity, dueOn);
    }
}
