package org.kam.insight.notification;

import java.util.List;
import java.util.Set;

import org.kam.insight.collection.DigestIssued;
import org.kam.insight.collection.IntelligenceFiled;
import org.kam.insight.collection.MarketSignal;
import org.kam.insight.collection.RelationshipSignal;
import org.kam.insight.collection.ReservationChange;
import org.kam.insight.collection.Sale;
import org.kam.insight.collection.SupplySignal;
import org.kam.insight.collection.Tier;
import org.kam.insight.collection.TierChange;

/**
 * The rules for telling departments what key-account activity means for them:
 * <ul>
 * <li>an account becomes KEY → MARKETING and PRODUCTION: {@code NEW_KEY_ACCOUNT};</li>
 * <li>an account stops being KEY → MARKETING: {@code KEY_ACCOUNT_LOST};</li>
 * <li>an account that is KEY when its sale arrives → PRODUCTION: {@code KEY_ACCOUNT_SALE};</li>
 * <li>a protection short of stock (any cause but ORDER and RELEASED) → PRODUCTION and TRANSPORT:
 * {@code RESERVATION_SHORTAGE};</li>
 * <li>a protection put in place (cause TIER_CHANGED or AGREED_LEVEL) in full → PRODUCTION:
 * {@code STOCK_RESERVED};</li>
 * <li>a key-account order not served in full → PRODUCTION and MARKETING: {@code KEY_ACCOUNT_STOCK_OUT};</li>
 * <li>production requested ahead of a peak → PRODUCTION: {@code PRODUCTION_REQUESTED};</li>
 * <li>transport requested ahead of a peak → TRANSPORT: {@code TRANSPORT_REQUESTED};</li>
 * <li>a SKU at risk of shortage → MARKETING: {@code SHORTAGE_RISK};</li>
 * <li>that risk gone → PRODUCTION and MARKETING: {@code SHORTAGE_RISK_CLEARED};</li>
 * <li>a key account's sales deviating from their seasonal baseline → PRODUCTION and MARKETING, a
 * product line's → PRODUCT_DEVELOPMENT too: {@code MARKET_SIGNAL};</li>
 * <li>a digest issued → MANAGEMENT: {@code DIGEST}.</li>
 * </ul>
 * Everything else (changes between POTENTIAL and REGULAR, other sales, routine changes of
 * protections) tells nobody.
 */
final class NotificationRules {

    /** The causes that put a protection in place, rather than keep an existing one topped up. */
    private static final Set<String> PROTECTION_PUT_IN_PLACE = Set.of("TIER_CHANGED", "AGREED_LEVEL");

    List<Notice> onTierChanged(TierChange change) {
        String account = change.accountId();
        if (change.to() == Tier.KEY && change.from() != Tier.KEY) {
            String message = "account " + account + " became a key account as of " + change.asOf();
            return List.of(
                    new Notice(Department.MARKETING, Kind.NEW_KEY_ACCOUNT, account, null, message),
                    new Notice(Department.PRODUCTION, Kind.NEW_KEY_ACCOUNT, account, null, message));
        }
        if (change.from() == Tier.KEY && change.to() != Tier.KEY) {
            return List.of(new Notice(Department.MARKETING, Kind.KEY_ACCOUNT_LOST, account, null,
                    "account " + account + " is no longer a key account (now " + change.to() + ") as of "
                            + change.asOf()));
        }
        return List.of();
    }

    List<Notice> onSale(Sale sale, Tier tierAtSale) {
        if (tierAtSale != Tier.KEY) {
            return List.of();
        }
        return List.of(new Notice(Department.PRODUCTION, Kind.KEY_ACCOUNT_SALE, sale.accountId(), sale.sku(),
                "key account " + sale.accountId() + " ordered " + sale.quantity() + " × " + sale.sku()));
    }

    /**
     * Supply-service changes protections all the time (each order draws on one, each stock change
     * and re-forecast resizes them); only two things are news. A shortage, unless the account's own
     * order caused it (the sale already told PRODUCTION, and the protection is refilled when stock
     * allows) or the protection is being released. And a protection put in place in full.
     */
    List<Notice> onReservationChanged(ReservationChange change) {
        String cause = change.cause();
        if (cause.equals("ORDER")) {
            return List.of();
        }
        String account = change.accountId();
        String sku = change.sku();
        String whose = account(change.tier()) + " " + account;
        if (change.shortage() > 0 && !cause.equals("RELEASED")) {
            String message = units(change.shortage()) + " of " + sku + " missing for " + whose;
            return List.of(
                    new Notice(Department.PRODUCTION, Kind.RESERVATION_SHORTAGE, account, sku, message),
                    new Notice(Department.TRANSPORT, Kind.RESERVATION_SHORTAGE, account, sku, message));
        }
        if (change.shortage() == 0 && change.reserved() > 0 && PROTECTION_PUT_IN_PLACE.contains(cause)) {
            return List.of(new Notice(Department.PRODUCTION, Kind.STOCK_RESERVED, account, sku,
                    units(change.reserved()) + " of " + sku + " reserved for " + whose));
        }
        return List.of();
    }

    List<Notice> onSupplySignal(SupplySignal signal) {
        // Java 17: no pattern matching in switch yet; the interface is sealed, so this is complete.
        if (signal instanceof SupplySignal.StockOut stockOut) {
            return onStockOut(stockOut);
        }
        if (signal instanceof SupplySignal.ProductionRequest request) {
            return onProductionRequested(request);
        }
        if (signal instanceof SupplySignal.TransportRequest request) {
            return onTransportRequested(request);
        }
        if (signal instanceof SupplySignal.ShortageRisk risk) {
            return onShortageRisk(risk);
        }
        if (signal instanceof SupplySignal.ShortageRiskCleared cleared) {
            return onShortageRiskCleared(cleared);
        }
        throw new IllegalArgumentException("No rule for " + signal);
    }

    /** PRODUCTION to make up the backorder; MARKETING because the key account manager must call the customer. */
    private static List<Notice> onStockOut(SupplySignal.StockOut stockOut) {
        String account = stockOut.accountId();
        String sku = stockOut.sku();
        String message = units(stockOut.backordered()) + " of " + sku + " backordered for key account " + account
                + " (ordered " + stockOut.ordered() + ", served " + stockOut.served() + "): "
                + stockOutCause(stockOut.cause());
        return List.of(
                new Notice(Department.PRODUCTION, Kind.KEY_ACCOUNT_STOCK_OUT, account, sku, message),
                new Notice(Department.MARKETING, Kind.KEY_ACCOUNT_STOCK_OUT, account, sku, message));
    }

    private static List<Notice> onProductionRequested(SupplySignal.ProductionRequest request) {
        String message = "produce " + units(request.quantity()) + " of " + request.sku() + ", needed by "
                + request.neededBy() + ", latest start " + request.latestStart()
                + (request.daysLate() > 0 ? ", late by " + days(request.daysLate()) : "");
        // Its latest start has passed: production is late already, which needs someone now.
        Severity severity = request.daysLate() > 0 ? Severity.CRITICAL : Kind.PRODUCTION_REQUESTED.severity();
        return List.of(new Notice(Department.PRODUCTION, Kind.PRODUCTION_REQUESTED, null, request.sku(), message, severity));
    }

    private static List<Notice> onTransportRequested(SupplySignal.TransportRequest request) {
        String message = "ship " + units(request.quantity()) + " of " + request.sku() + " by " + request.shipBy()
                + ", needed in stock by " + request.neededBy();
        return List.of(new Notice(Department.TRANSPORT, Kind.TRANSPORT_REQUESTED, null, request.sku(), message));
    }

    /**
     * About a SKU, not an account: several accounts share the risk, so naming one (the largest)
     * would file the notice under that account alone; the account id is left empty.
     */
    private static List<Notice> onShortageRisk(SupplySignal.ShortageRisk risk) {
        String sku = risk.sku();
        String message = units(risk.shortfall()) + " of " + sku + " short from the week of " + risk.firstShortWeek()
                + ": do not push " + sku;
        return List.of(new Notice(Department.MARKETING, Kind.SHORTAGE_RISK, null, sku, message));
    }

    private static List<Notice> onShortageRiskCleared(SupplySignal.ShortageRiskCleared cleared) {
        String sku = cleared.sku();
        String message = sku + " is no longer at risk of shortage (was " + units(cleared.previousShortfall())
                + " short): its production and transport requests are withdrawn";
        return List.of(
                new Notice(Department.PRODUCTION, Kind.SHORTAGE_RISK_CLEARED, null, sku, message),
                new Notice(Department.MARKETING, Kind.SHORTAGE_RISK_CLEARED, null, sku, message));
    }

    /** How a protection's account is named, by the tier the protection was sized for. */
    private static String account(Tier tier) {
        return switch (tier) {
            case KEY -> "key account";
            case POTENTIAL -> "potential account";
            case REGULAR -> "account";
        };
    }

    /** key-account-stock-out.v1 {@code cause} in words; a cause added later is shown as sent. */
    private static String stockOutCause(String cause) {
        return switch (cause) {
            case "NO_STOCK" -> "no stock on hand";
            case "STOCK_PROTECTED_FOR_OTHERS" -> "the stock on hand is protected for other accounts";
            case "ORDER_ABOVE_STOCK" -> "the order was larger than the stock on hand";
            default -> cause;
        };
    }

    private static String units(int n) {
        return n == 1 ? "1 unit" : n + " units";
    }

    private static String days(int n) {
        return n == 1 ? "1 day" : n + " days";
    }

    List<Notice> onMarketSignal(MarketSignal signal) {
        String what = switch (signal.kind()) {
            case "SPIKE" -> "jumped";
            case "DROP" -> "fell";
            case "LEVEL_UP" -> "have risen for weeks";
            default -> "have been falling for weeks";
        };
        boolean productLine = "PRODUCT_LINE".equals(signal.scope());
        String message = "%s %s: sales in the week of %s %s to %.0f against an expected %.0f (%s, score %.1f)"
                .formatted(productLine ? "product line" : "key account", productLine ? signal.productLine() : signal.accountId(),
                        signal.weekStart(), what, signal.value(), signal.baseline(), signal.kind(), signal.score());
        List<Department> to = productLine
                // A whole line moving is also news for those who develop it.
                ? List.of(Department.PRODUCTION, Department.MARKETING, Department.PRODUCT_DEVELOPMENT)
                : List.of(Department.PRODUCTION, Department.MARKETING);
        return to.stream().map(department -> new Notice(department, Kind.MARKET_SIGNAL, signal.accountId(), null, message))
                .toList();
    }

    /**
     * relationship-service's signals: MANAGEMENT (the account managers' supervisors) hears of coverage
     * gaps and their closing, escalated key-date alerts and overdue visits; MARKETING of key dates
     * coming up (congratulations, gifts, PR); PRODUCT_DEVELOPMENT, whose engineers give technical
     * training, of a frontline needing it.
     */
    List<Notice> onRelationshipSignal(RelationshipSignal signal) {
        String account = signal.accountId();
        Notice notice;
        if (signal instanceof RelationshipSignal.CoverageGap gap) {
            notice = new Notice(Department.MANAGEMENT, Kind.COVERAGE_GAP, account, null,
                    account(gap.tier()) + " " + account + " has no contact who meets " + gap.requirement());
        } else if (signal instanceof RelationshipSignal.CoverageRestored restored) {
            notice = new Notice(Department.MANAGEMENT, Kind.COVERAGE_RESTORED, account, null, account(restored.tier())
                    + " " + account + ": " + restored.requirement()
                    + (restored.cause().equals("MET") ? " is met again" : " is no longer required"));
        } else if (signal instanceof RelationshipSignal.KeyDateUpcoming date) {
            notice = new Notice(Department.MARKETING, Kind.KEY_DATE_UPCOMING, account, null,
                    "key date of " + account + " on " + date.occursOn() + ": " + date.title());
        } else if (signal instanceof RelationshipSignal.Escalated escalated) {
            notice = new Notice(Department.MANAGEMENT, Kind.ALERT_ESCALATED, account, null, "nobody answered the alert for "
                    + account + "'s key date on " + escalated.occursOn() + " (" + escalated.title()
                    + "): escalated to level " + escalated.level());
        } else if (signal instanceof RelationshipSignal.VisitOverdue visit) {
            notice = new Notice(Department.MANAGEMENT, Kind.VISIT_OVERDUE, account, null,
                    (visit.kind().equals("EXECUTIVE") ? "an executive" : "the account owner's") + " visit of " + account
                            + " fell due on " + visit.dueOn() + " with none planned");
        } else {
            RelationshipSignal.TrainingNeeded training = (RelationshipSignal.TrainingNeeded) signal;
            notice = new Notice(Department.PRODUCT_DEVELOPMENT, Kind.TRAINING_NEEDED, account, null, "the frontline of "
                    + account(training.tier()) + " " + account + " needs training on " + training.productLine());
        }
        return List.of(notice);
    }

    List<Notice> onDigest(DigestIssued digest) {
        return List.of(new Notice(Department.MANAGEMENT, Kind.DIGEST, null, null, digest.summary()));
    }

    /**
     * A new intelligence item goes to the departments its class concerns: MARKET → MARKETING and
     * MANAGEMENT; COMPETITOR → MARKETING and PRODUCT_DEVELOPMENT; CUSTOMER → MARKETING; PRODUCT →
     * PRODUCT_DEVELOPMENT and PRODUCTION; LOGISTICS → TRANSPORT; REGULATION → PRODUCT_DEVELOPMENT and
     * MANAGEMENT; OTHER → nobody (it stays in the register).
     */
    List<Notice> onIntelligence(IntelligenceFiled item) {
        List<Department> to = switch (item.informationClass()) {
            case "MARKET" -> List.of(Department.MARKETING, Department.MANAGEMENT);
            case "COMPETITOR" -> List.of(Department.MARKETING, Department.PRODUCT_DEVELOPMENT);
            case "CUSTOMER" -> List.of(Department.MARKETING);
            case "PRODUCT" -> List.of(Department.PRODUCT_DEVELOPMENT, Department.PRODUCTION);
            case "LOGISTICS" -> List.of(Department.TRANSPORT);
            case "REGULATION" -> List.of(Department.PRODUCT_DEVELOPMENT, Department.MANAGEMENT);
            default -> List.of();
        };
        String account = item.accounts().isEmpty() ? null : item.accounts().get(0);
        String message = item.number() + " (" + item.informationClass() + "): " + item.title();
        return to.stream().map(department -> new Notice(department, Kind.INTELLIGENCE, account, null, message)).toList();
    }
}
