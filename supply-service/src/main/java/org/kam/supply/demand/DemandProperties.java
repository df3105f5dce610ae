package org.kam.supply.demand;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param forecastMemoEntries how many demand histories (an account's or a SKU's) keep the model last
 *                            fitted to them, so an unchanged history is not fitted again (20,000; 0 to
 *                            1,000,000; 0 fits every time)
 */
@ConfigurationProperties("kam.supply.demand")
public record DemandProperties(Integer forecastMemoEntries) {

    public DemandProperties {
        forecastMemoEntries = forecastMemoEntries == null ? 20_000 : forecastMemoEntries;
        if (forecastMemoEntries < 0 || forecastMemoEntries > 1_000_000) {
            throw new IllegalArgumentException(
                    "kam.supply.demand.forecast-memo-entries must be 0 to 1000000, was " + forecastMemoEntries);
        }
    }
}
