package org.kam.supply.forecast;

import java.util.Map;

/**
 * A forecasting model fitted to one demand history: it knows its parameters and forecasts the
 * periods after the history. Forecasts are never negative.
 */
sealed interface DemandModel permits DampedHoltWinters, SeasonalNaive, CrostonTsb {

    ModelChoice kind();

    /** The fitted parameters by name, in a fixed order. */
    Map<String, Double> parameters();

    /** Forecasts for the {@code horizon} periods after the history, the next period first. */
    double[] forecast(int horizon);
}
