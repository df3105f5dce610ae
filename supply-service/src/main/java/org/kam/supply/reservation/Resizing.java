package org.kam.supply.reservation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

import org.kam.supply.reservation.ProtectionRule.Holding;
import org.kam.supply.reservation.ProtectionRule.Sizing;

/**
 * One protection of an account × SKU set to a new size, decided from what is stored and what the
 * SKU's stock leaves (no SQL: {@link Protections} loads the position of all of an account's SKUs
 * at once and writes what this decided).
 *
 * @param before   the stored holding (0/0 when there was no row)
 * @param after    the holding it gets: {@code reserved = min(requested, onHand - reserved for others)}
 * @param basis    what the size rests on (null when released)
 * @param forecast the forecast units behind it, to two decimals as stored (null without a forecast)
 */
record Resizing(String sku, Holding before, Holding after, Basis basis, BigDecimal forecast) {

    /**
     * The protection's new size; empty when nothing is to be written (no row and nothing to
     * protect, or the same holding, basis and forecast as stored).
     *
     * @param stored           the stored protection, or null when the account has none of the SKU
     * @param onHand           the SKU's units on hand (0 for an unknown SKU)
     * @param reservedByOthers units of the SKU reserved for other accounts
     */
    static Optional<Resizing> of(String sku, Stored stored, Sizing sizing, int onHand, long reservedByOthers) {
        if (stored == null && sizing.requested() == 0) {
            return Optional.empty(); // nothing to protect and nothing was: no row, no news
        }
        Holding before = stored == null ? new Holding(0, 0) : stored.holding();
        int reserved = ProtectionRule.reserve(sizing.requested(), onHand, Math.toIntExact(reservedByOthers));
        BigDecimal forecast = sizing.forecastUnits() == null ? null
                : BigDecimal.valueOf(sizing.forecastUnits()).setScale(2, RoundingMode.HALF_UP);
        Resizing resizing = new Resizing(sku, before, new Holding(sizing.requested(), reserved), sizing.basis(), forecast);
        if (!resizing.changed() && stored != null && stored.basis() == sizing.basis()
                && Objects.equals(forecast, stored.forecast())) {
            return Optional.empty();
        }
        return Optional.of(resizing);
    }

    /** Requested or reserved units changed: worth a {@code ReservationChanged}. */
    boolean changed() {
        return !before.equals(after);
    }

    /** Units it held before and holds no more: the SKU's other protections may take them. */
    boolean freedUnits() {
        return after.reserved() < before.reserved();
    }

    /** A protection as stored: its holding, and the basis and forecast it was sized on. */
    record Stored(Holding holding, Basis basis, BigDecimal forecast) {
    }
}
