package org.kam.supply.forecast;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Forecasts remembered per demand history, so a history that has not changed since its last
 * forecast is not fitted again. A forecast reads only the complete weeks before the latest sale
 * ({@link DemandSeries}), so the history of an account and SKU stays the same from one sale to the
 * next until a week ends or a sale is dated into an earlier week; the peak plan, which re-plans every
 * account and SKU while sales arrive, and the sizer, which re-sizes an account on each tier change,
 * would otherwise fit the same models to the same numbers again and again (a fifth of supply's CPU
 * under load, issue 12).
 *
 * <p>A remembered forecast is given back only for a history {@link DemandSeries#equals equal} to the
 * one it was made from, with the same horizon, so the answer is the one {@link Forecasting#forecast}
 * would give: {@code Forecasting} is a pure function of those two. The memory holds at most
 * {@code capacity} histories, the least recently used leaving first. Thread-safe.
 *
 * @param <K> what a history is of, e.g. an account and a SKU
 */
public final class ForecastMemo<K> {

    private final Forecasting forecasting;
    private final int capacity;
    private final Map<K, Remembered> remembered;
    private long fitted;
    private long reused;

    public ForecastMemo(Forecasting forecasting, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be 0 or more, was " + capacity);
        }
        this.forecasting = Objects.requireNonNull(forecasting, "forecasting");
        this.capacity = capacity;
        this.remembered = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Remembered> eldest) {
                return size() > ForecastMemo.this.capacity;
            }
        };
    }

    /** {@link Forecasting#forecast}{@code (series, horizon)}, remembered as the latest forecast of {@code key}. */
    public Forecast forecast(K key, DemandSeries series, int horizon) {
        Objects.requireNonNull(key, "key");
        synchronized (this) {
            Remembered last = remembered.get(key);
            if (last != null && last.horizon == horizon && last.series.equals(series)) {
                reused++;
                return last.forecast;
            }
        }
        // Fitted outside the lock: two threads forecasting the same new history both fit it, the
        // same answer, and one of them is kept.
        Forecast forecast = forecasting.forecast(series, horizon);
        synchronized (this) {
            fitted++;
            if (capacity > 0) {
                remembered.put(key, new Remembered(series, horizon, forecast));
            }
        }
        return forecast;
    }

    /** Forecasts that were fitted, because the history was new, changed or forgotten. */
    public synchronized long fitted() {
        return fitted;
    }

    /** Forecasts given back from memory. */
    public synchronized long reused() {
        return reused;
    }

    /** Histories remembered now. */
    public synchronized int size() {
        return remembered.size();
    }

    private record Remembered(DemandSeries series, int horizon, Forecast forecast) {
    }
}
