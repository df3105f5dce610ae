package org.kam.account.tiering;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

import org.kam.chassis.messaging.InvalidEventException;

/**
 * The tiering rule and every number in it.
 *
 * <ul>
 * <li>Business clock {@code T} = the latest sale time seen (event time, so replaying history
 * gives the same tiers). Window = sales with time in {@code (T − window, T]}.</li>
 * <li>{@code R(a)} = revenue in the window. Accounts with {@code R > 0} are ranked by {@code R}
 * descending, ties by account id ascending.</li>
 * <li><b>KEY</b>: the cumulative revenue of the accounts ranked above it is below
 * {@code keyRevenueShare} of the window's total (the smallest top group reaching the share).</li>
 * <li><b>POTENTIAL</b>: not KEY, and either {@code R(a) >=} the median {@code R} of ranked accounts
 * (the mean of the two middle values for an even count) with growth {@code >= potentialGrowth},
 * where growth = revenue in {@code (T − recentWindow, T]} / revenue in
 * {@code (T − window, T − recentWindow]} (no earlier revenue and some recent revenue is infinite
 * growth); or the supplier's assessment (financial strength, core competence, growth potential,
 * 1–5) averages {@code >= potentialAssessment}.</li>
 * <li><b>REGULAR</b>: every other account.</li>
 * </ul>
 */
public record TieringRule(Duration window, Duration recentWindow, BigDecimal keyRevenueShare,
        BigDecimal potentialGrowth, BigDecimal potentialAssessment) {

    public static final TieringRule DEFAULT = new TieringRule(Duration.ofDays(365), Duration.ofDays(182),
            new BigDecimal("0.80"), new BigDecimal("1.5"), new BigDecimal("4.0"));

    public TieringRule {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(recentWindow, "recentWindow");
        Objects.requireNonNull(keyRevenueShare, "keyRevenueShare");
        Objects.requireNonNull(potentialGrowth, "potentialGrowth");
        Objects.requireNonNull(potentialAssessment, "potentialAssessment");
        if (window.isNegative() || window.isZero()) {
            throw new InvalidRuleException("window", "must be positive, was " + window);
        }
        if (recentWindow.isNegative() || recentWindow.isZero() || recentWindow.compareTo(window) >= 0) {
            throw new InvalidRuleException("recentWindow", "must be positive and shorter than the window, was " + recentWindow);
        }
        if (keyRevenueShare.signum() <= 0 || keyRevenueShare.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidRuleException("keyRevenueShare", "must be in (0, 1], was " + keyRevenueShare.toPlainString());
        }
        if (potentialGrowth.signum() <= 0) {
            throw new InvalidRuleException("potentialGrowth", "must be greater than 0, was " + potentialGrowth.toPlainString());
        }
        if (potentialAssessment.compareTo(BigDecimal.ONE) < 0 || potentialAssessment.compareTo(BigDecimal.valueOf(5)) > 0) {
            throw new InvalidRuleException("potentialAssessment", "must be between 1 and 5, was " + potentialAssessment.toPlainString());
        }
        for (var threshold : new BigDecimal[] { keyRevenueShare, potentialGrowth, potentialAssessment }) {
            if (threshold.stripTrailingZeros().scale() > 6) {
                throw new InvalidRuleException("threshold", "at most 6 decimal places, was " + threshold.toPlainString());
            }
        }
    }

    /** A rule that cannot be applied; names the field (a 400 on the API). */
    public static final class InvalidRuleException extends InvalidEventException {
        public InvalidRuleException(String field, String problem) {
            super(field, problem);
        }
    }
}
