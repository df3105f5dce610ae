package org.kam.supply.forecast;

/**
 * The three forecasting models, and the rule that picks one for a demand history of {@code n}
 * periods with season length {@code m}:
 * <ol>
 * <li>no demand at all: {@link #SEASONAL_NAIVE} (it forecasts zero);</li>
 * <li><b>intermittent</b> demand, an average demand interval ADI = n / (periods with demand)
 * above the threshold (1.32, Syntetos–Boylan): {@link #CROSTON_TSB}, unless the history has more
 * than one season and repeating last season's demand fits it better than TSB (smaller mean squared
 * one-step error over the periods after the first season) — then the gaps are seasonal, not
 * random (an item bought only in summer), and the next rules apply;</li>
 * <li>at least two full seasons ({@code n ≥ 2m}): {@link #DAMPED_HOLT_WINTERS};</li>
 * <li>otherwise {@link #SEASONAL_NAIVE}, which repeats the last season, or forecasts the mean of a
 * history shorter than a season.</li>
 * </ol>
 */
public enum ModelChoice {

    DAMPED_HOLT_WINTERS, SEASONAL_NAIVE, CROSTON_TSB;

    /** The model for {@code history} by the rule above. */
    static ModelChoice of(double[] history, int seasonLength, double intermittentAdi) {
        int n = history.length;
        int demandPeriods = 0;
        for (double y : history) {
            if (y > 0) {
                demandPeriods++;
            }
        }
        if (demandPeriods == 0) {
            return SEASONAL_NAIVE;
        }
        double adi = (double) n / demandPeriods;
        if (adi > intermittentAdi && !gapsAreSeasonal(history, seasonLength)) {
            return CROSTON_TSB;
        }
        return n >= 2 * seasonLength ? DAMPED_HOLT_WINTERS : SEASONAL_NAIVE;
    }

    /** This model fitted to {@code history}. */
    DemandModel fit(double[] history, int seasonLength) {
        return switch (this) {
            case DAMPED_HOLT_WINTERS -> DampedHoltWinters.fit(history, seasonLength);
            case SEASONAL_NAIVE -> SeasonalNaive.fit(history, seasonLength);
            case CROSTON_TSB -> CrostonTsb.fit(history);
        };
    }

    private static boolean gapsAreSeasonal(double[] history, int seasonLength) {
        if (history.length <= seasonLength) {
            return false;
        }
        return SeasonalNaive.meanSquaredError(history, seasonLength)
                < CrostonTsb.fit(history).meanSquaredErrorFrom(seasonLength);
    }
}
