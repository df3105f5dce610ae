package org.kam.relationship.briefing;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.kam.chassis.web.NotFoundException;
import org.kam.relationship.account.AccountRegister;
import org.kam.relationship.activity.AccountActivity;
import org.kam.relationship.activity.StockOut;
import org.kam.relationship.contact.AccountContact;
import org.kam.relationship.contact.ContactBook;
import org.kam.relationship.coverage.CoverageTracker;
import org.kam.relationship.coverage.KeyAccounts;
import org.kam.relationship.coverage.Tier;
import org.kam.relationship.keydate.Alerts;
import org.kam.relationship.keydate.KeyDates;
import org.kam.relationship.keydate.Occurrences;
import org.kam.relationship.plan.AccountPlans;
import org.kam.relationship.training.Trainings;
import org.kam.relationship.visit.Visit;
import org.kam.relationship.visit.Visits;
import org.springframework.stereotype.Service;

/**
 * Builds the briefing of a visit from this service's own tables only: what account-, supply- and
 * the account team published or recorded. Nothing is asked of another service at request time.
 */
@Service
public class Briefings {

    static final int CONTACTS_TO_MEET = 12;
    static final Duration RECENT = Duration.ofDays(90);
    static final int KEY_DATES_AHEAD_DAYS = 60;

    private final Visits visits;
    private final AccountRegister accounts;
    private final KeyAccounts keyAccounts;
    private final AccountPlans plans;
    private final AccountActivity activity;
    private final ContactBook contacts;
    private final CoverageTracker coverage;
    private final KeyDates keyDates;
    private final Alerts alerts;
    private final Trainings trainings;
    private final Clock clock;

    Briefings(Visits visits, AccountRegister accounts, KeyAccounts keyAccounts, AccountPlans plans,
            AccountActivity activity, ContactBook contacts, CoverageTracker coverage, KeyDates keyDates, Alerts alerts,
            Trainings trainings, Clock clock) {
        this.visits = visits;
        this.accounts = accounts;
        this.keyAccounts = keyAccounts;
        this.plans = plans;
        this.activity = activity;
        this.contacts = contacts;
        this.coverage = coverage;
        this.keyDates = keyDates;
        this.alerts = alerts;
        this.trainings = trainings;
        this.clock = clock;
    }

    public Briefing of(UUID visitId) {
        Visit visit = visits.find(visitId).orElseThrow(() -> new NotFoundException("No visit " + visitId));
        String accountId = visit.accountId();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate from = visit.plannedOn().isAfter(today) ? today : visit.plannedOn();

        var details = accounts.find(accountId);
        Tier tier = keyAccounts.tier(accountId);
        Tier planTier = keyAccounts.planTier(accountId);
        var since = keyAccounts.since(accountId).orElse(null);
        String cause = keyAccounts.cause(accountId).orElse(null);
        Briefing.AccountSummary summary = new Briefing.AccountSummary(accountId, details.map(d -> d.name()).orElse(null),
                details.map(d -> d.region()).orElse(null), tier, planTier, since, cause, why(tier, planTier, since, cause),
                plans.find(accountId).map(AccountPlans.Plan::ownerStaffId).orElse(null));

        YearMonth latest = activity.latestMonth();
        Map<YearMonth, BigDecimal> sales = new HashMap<>();
        if (latest != null) {
            activity.salesSince(accountId, latest.minusMonths(11).atDay(1)).forEach(m -> sales.put(m.month(), m.amount()));
        }
        List<StockOut> stockOuts = activity.stockOutsSince(accountId, clock.instant().minus(RECENT));
        List<Briefing.UpcomingDate> upcoming = keyDates.list(accountId).stream()
                .flatMap(k -> Occurrences.dueWithin(k.on(), k.yearly(), from, KEY_DATES_AHEAD_DAYS)
                        .map(on -> new Briefing.UpcomingDate(k.kind(), k.title(), on, k.yearly())).stream())
                .sorted(Comparator.comparing(Briefing.UpcomingDate::on)).toList();
        List<AccountContact> people = contacts.list(accountId, false).stream()
                .sorted(Comparator.comparing((AccountContact c) -> c.influence() == null ? 0 : -c.influence())
                        .thenComparing(AccountContact::level).thenComparing(AccountContact::name))
                .limit(CONTACTS_TO_MEET).toList();
        return new Briefing(visit, summary, SalesTrend.of(latest, sales), activity.protections(accountId), stockOuts,
                stockOuts.stream().mapToInt(StockOut::backordered).sum(), upcoming, people,
                coverage.coverage(accountId).gaps(), alerts.openFor(accountId),
                keyDates.news(accountId, today.minusDays(RECENT.toDays())),
                trainings.needs(accountId).stream().filter(n -> n.metAt() == null).toList());
    }

    /** The tier in words: since when, decided by what, and the grace period when it applies. */
    private static String why(Tier tier, Tier planTier, java.time.Instant since, String cause) {
        String by = cause == null ? "account-service's tiering" : switch (cause) {
            case "SALE", "CLOCK" -> "its sales ranking (the 80/20 tiering of revenue)";
            case "ASSESSMENT" -> "the supplier's assessment of its strength, competence and growth";
            case "OVERRIDE" -> "a manual override";
            case "OVERRIDE_EXPIRED" -> "the end of a manual override";
            case "RULE_CHANGE" -> "a change of the tiering rule";
            default -> cause;
        };
        String when = since == null ? "" : " since " + LocalDate.ofInstant(since, ZoneOffset.UTC);
        if (tier != planTier) {
            return tier + when + " by " + by + "; it left KEY and keeps its KEY plan for the grace period";
        }
        return tier + when + " by " + by;
    }
}
