package org.kam.insight.digest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What MANAGEMENT reads for a period: key-account revenue and its share over the business period
 * (by the time of sale), and the news issued since the previous digest — accounts that became or
 * stopped being KEY, market signals, key-account stock-outs, notifications per department.
 *
 * @param revenueFrom           the business period's start (the previous digest's end, or 7 days before its end)
 * @param revenueTo             the business clock when it was issued (the latest sale)
 * @param newsSince             wall-clock time of the previous digest (news issued after it are in this one)
 * @param keyAccountShare       keyAccountRevenue / totalRevenue (4 decimals); null without sales
 * @param keyAccountChange      change of key-account revenue against the period of equal length before, in percent; null without it
 * @param openAlerts            relationship alerts open when it was issued
 * @param overdueActions        actions past their due date and not done when it was issued
 */
public record Digest(UUID id, Instant issuedAt, Instant revenueFrom, Instant revenueTo, Instant newsSince,
        BigDecimal totalRevenue, BigDecimal keyAccountRevenue, BigDecimal keyAccountShare, BigDecimal keyAccountChange,
        List<String> newKeyAccounts, List<String> lostKeyAccounts, List<Signal> marketSignals, int stockOuts,
        List<DepartmentCount> notifications, List<OpenAlert> openAlerts, int overdueActions, String summary) {

    /**
     * A relationship alert still open: a key account's key date coming up ({@code KEY_DATE}, with the
     * level its alert escalated to, 0 when nobody had to be reminded) or a coverage gap.
     */
    public record OpenAlert(String kind, String accountId, String title, String occursOn, int level) {
    }

    /** A market signal: of a key account ({@code accountId}) or of a product line ({@code productLine}). */
    public record Signal(String accountId, String weekStart, String kind, BigDecimal value, BigDecimal baseline,
            String productLine) {
    }

    public record DepartmentCount(String department, long notifications) {
    }
}
