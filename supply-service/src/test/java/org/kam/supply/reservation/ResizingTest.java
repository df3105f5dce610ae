package org.kam.supply.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.kam.supply.reservation.ProtectionRule.Holding;
import org.kam.supply.reservation.ProtectionRule.Sizing;

class ResizingTest {

    private static final Sizing FORECAST_12 = new Sizing(12, Basis.FORECAST, 11.504);

    @Test
    void aNewProtectionReservesWhatTheStockNotHeldByOthersAllows() {
        // given no stored protection, 30 on hand of which others hold 25
        Optional<Resizing> resizing = Resizing.of("SKU-1", null, FORECAST_12, 30, 25);

        // then it requests 12, reserves the 5 left, and is news
        assertThat(resizing).contains(new Resizing("SKU-1", new Holding(0, 0), new Holding(12, 5), Basis.FORECAST,
                new BigDecimal("11.50")));
        assertThat(resizing.get().changed()).isTrue();
        assertThat(resizing.get().freedUnits()).isFalse();
    }

    @Test
    void nothingToProtectWhereNothingWasIsNoRow() {
        assertThat(Resizing.of("SKU-1", null, Sizing.NONE, 30, 0)).isEmpty();
    }

    @Test
    void theSameHoldingBasisAndForecastAsStoredIsNothingToWrite() {
        Resizing.Stored stored = new Resizing.Stored(new Holding(12, 12), Basis.FORECAST, new BigDecimal("11.50"));

        assertThat(Resizing.of("SKU-1", stored, FORECAST_12, 100, 0)).isEmpty();
    }

    @Test
    void aNewForecastBehindTheSameUnitsIsWrittenButIsNoNews() {
        Resizing.Stored stored = new Resizing.Stored(new Holding(12, 12), Basis.FORECAST, new BigDecimal("11.20"));

        Resizing resizing = Resizing.of("SKU-1", stored, FORECAST_12, 100, 0).orElseThrow();

        assertThat(resizing.forecast()).isEqualByComparingTo("11.50");
        assertThat(resizing.changed()).isFalse();
    }

    @Test
    void aReleaseFreesWhatTheProtectionHeld() {
        Resizing.Stored stored = new Resizing.Stored(new Holding(12, 9), Basis.FORECAST, new BigDecimal("11.50"));

        Resizing resizing = Resizing.of("SKU-1", stored, Sizing.NONE, 100, 40).orElseThrow();

        assertThat(resizing.after()).isEqualTo(new Holding(0, 0));
        assertThat(resizing.basis()).isNull();
        assertThat(resizing.forecast()).isNull();
        assertThat(resizing.changed()).isTrue();
        assertThat(resizing.freedUnits()).isTrue();
    }
}
