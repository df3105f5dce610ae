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
 * <p>What is remembered is the model fitted to the history ({@link Forecasting#fit}), used again only
 * for a history {@link DemandSeries#equals equal} to the one it was fitted to; a forecast of any
 * horizon is made from it, so the answer is the one {@link Forecasting#forecast} would give:
 * {@code Forecasting} is a pure function of the history and the horizon, and its choice and fit of a
 * model depend on the history alone. (The peak plan forecasts 26 weeks and more, the sizer 8: a
 * forecast remembered with its horizon was fitted again at every other use of the same history.) The memory holds at most
 * {@code capacity} histories, the least recently used leaving first. Thread-safe.
 *
 * @param <K> what a history is of, e.g. an account and a SKU
 */
public final class ForecastMemo<K> {

    private final Forecasting forecasting;
    private final int capacity;
    private final Map<K, Forecasting.Fit> remembered;
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
            protected boolean removeEldestEntry(Map.Entry<K, Forecasting.Fit> eldest) {
                return size() > ForecastMemo.this.capacity;
            }
        };
    }

    /** {@link Forecasting#forecast}{@code (series, horizon)}, the fit remembered as the latest of {@code key}. */
    public Forecast forecast(K key, DemandSeries series, int horizon) {
        Objects.requireNonNull(key, "key");
        synchronized (this) {
            Forecasting.Fit last = remembered.get(key);
            if (last != null && last.series().equals(series)) {
                reused++;
                return last.forecast(horizon);
            }
        }
        // Fitted outside the lock: two threads forecasting the same new history both fit it, the
        // same answer, and one of them is kept.
        Forecasting.Fit fit = forecasting.fit(series);
        synchronized (this) {
            fitted++;
            if (capacity > 0) {
                remembered.put(key, fit);
            }
        }
        return fit.forecast(horizon);
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

}
