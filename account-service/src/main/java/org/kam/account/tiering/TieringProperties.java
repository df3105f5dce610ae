package org.kam.account.tiering;

import java.math.BigDecimal;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The configured tiering rule, used until someone changes it through the API (then the stored
 * rule wins). Every number of {@link TieringRule}.
 */
@ConfigurationProperties("kam.tiering")
public record TieringProperties(Duration window, Duration recentWindow, BigDecimal keyRevenueShare,
        BigDecimal potentialGrowth, BigDecimal potentialAssessment, Duration overrideExpiryCheck) {

    public TieringProperties {
        TieringRule d = TieringRule.DEFAULT;
        window = window == null ? d.window() : window;
        recentWindow = recentWindow == null ? d.recentWindow() : recentWindow;
        keyRevenueShare = keyRevenueShare == null ? d.keyRevenueShare() : keyRevenueShare;
        potentialGrowth = potentialGrowth == null ? d.potentialGrowth() : potentialGrowth;
        potentialAssessment = potentialAssessment == null ? d.potentialAssessment() : potentialAssessment;
        overrideExpiryCheck = overrideExpiryCheck == null ? Duration.ofSeconds(30) : overrideExpiryCheck;
    }

    public TieringRule rule() {
        return new TieringRule(window, recentWindow, keyRevenueShare, potentialGrowth, potentialAssessment);
    }
}
