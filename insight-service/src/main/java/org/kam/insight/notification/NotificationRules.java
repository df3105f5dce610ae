package org.kam.insight.notification;

import java.util.List;

import org.kam.insight.collection.ReservationChange;
import org.kam.insight.collection.Sale;
import org.kam.insight.collection.Tier;
import org.kam.insight.collection.TierChange;

/**
 * The first rules for telling departments what key-account activity means for them:
 * <ul>
 * <li>an account becomes KEY → MARKETING and PRODUCTION: {@code NEW_KEY_ACCOUNT};</li>
 * <li>an account stops being KEY → MARKETING: {@code KEY_ACCOUNT_LOST};</li>
 * <li>an account that is KEY when its sale arrives → PRODUCTION: {@code KEY_ACCOUNT_SALE};</li>
 * <li>a reservation with a shortage → PRODUCTION and TRANSPORT: {@code RESERVATION_SHORTAGE};</li>
 * <li>a reservation that holds stock with no shortage → PRODUCTION: {@code STOCK_RESERVED}.</li>
 * </ul>
 * Everything else (changes between POTENTIAL and REGULAR, other sales, released reservations) tells
 * nobody. Supply-service reserves stock for key accounts, so reservations are worded as theirs.
 */
final class NotificationRules {

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

    List<Notice> onReservationChanged(ReservationChange change) {
        String account = change.accountId();
        String sku = change.sku();
        if (change.shortage() > 0) {
            String message = units(change.shortage()) + " of " + sku + " missing for key account " + account;
            return List.of(
                    new Notice(Department.PRODUCTION, Kind.RESERVATION_SHORTAGE, account, sku, message),
                    new Notice(Department.TRANSPORT, Kind.RESERVATION_SHORTAGE, account, sku, message));
        }
        if (change.reserved() > 0) {
            return List.of(new Notice(Department.PRODUCTION, Kind.STOCK_RESERVED, account, sku,
                    units(change.reserved()) + " of " + sku + " reserved for key account " + account));
        }
        return List.of();
    }

    private static String units(int n) {
        return n == 1 ? "1 unit" : n + " units";
    }
}
