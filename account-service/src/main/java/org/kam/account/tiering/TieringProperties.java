package org.kam.account.tiering;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param window          how far back from the business clock sales count
 * @param keyRevenueShare share of the window's revenue the KEY accounts together reach (0.8)
 */
@ConfigurationProperties("kam.tiering")
public record TieringProperties(Duration window, BigDecimal keyRevenueShare) {

    public TieringProperties {
        window = window == null ? Duration.ofDays(365) : window;
        keyRevenueShare = keyRevenueShare == null ? new BigDecimal("0.80") : keyRevenueShare;
    }
}
