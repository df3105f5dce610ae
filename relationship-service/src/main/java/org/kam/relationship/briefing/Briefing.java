package org.kam.relationship.briefing;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.kam.relationship.activity.AccountActivity.ProtectedStock;
import org.kam.relationship.activity.StockOut;
import org.kam.relationship.contact.AccountContact;
import org.kam.relationship.coverage.Tier;
import org.kam.relationship.keydate.Alert;
import org.kam.relationship.keydate.KeyDateKind;
import org.kam.relationship.keydate.KeyDates.News;
import org.kam.relationship.training.TrainingNeed;
import org.kam.relationship.visit.Visit;

/**
 * What a visitor should know before a visit, built from what the other services published and
 * what the account team recorded here.
 *
 * @param openBackorders units the account waits for, as reported by its stock-outs in the last 90
 *                       days (supply-service does not publish when a backorder is filled yet)
 */
public record Briefing(Visit visit, AccountSummary account, SalesTrend sales, List<ProtectedStock> protectedStock,
        List<StockOut> stockOuts, int openBackorders, List<UpcomingDate> upcomingKeyDates,
        List<AccountContact> contactsToMeet, List<String> coverageGaps, List<Alert> openAlerts, List<News> recentNews,
        List<TrainingNeed> openTrainingNeeds) {

    /** The account, its tier and why: {@code tierCause} is account-service's cause of the change to it. */
    public record AccountSummary(String accountId, String name, String region, Tier tier, Tier planTier,
            Instant tierSince, String tierCause, String why, String ownerStaffId) {
    }

    public record UpcomingDate(KeyDateKind kind, String title, LocalDate on, boolean yearly) {
    }
}
