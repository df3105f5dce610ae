package org.kam.supply.reservation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

import org.kam.chassis.inbox.Inbox;
import org.kam.chassis.outbox.Outbox;
import org.kam.supply.Topics;
import org.kam.supply.catalogue.StockChanged;
import org.kam.supply.reservation.ProtectionRule.Holding;
import org.kam.supply.reservation.ProtectionRule.Purchase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps every key account's protections equal to {@link ProtectionRule} applied to what supply
 * knows (its sales, its tier, the stock), and announces each change of (requested, reserved) once,
 * as {@code ReservationChanged}, in the same transaction that stores it.
 *
 * <p>Concurrency: sales and tier changes run on different consumer threads, and stock changes on
 * HTTP threads. Everything that touches one account first takes a transaction-scoped lock on the
 * account, and everything that reserves on a SKU a lock on the SKU (several SKUs in a fixed order,
 * so two transactions never wait on each other in a circle). So no two transactions decide from
 * the same old picture, and the reserved units of a SKU never exceed its stock.
 */
@Service
public class Protections {

    static final String TIERS_CONSUMER = "supply-service.account-tiers";

    private static final int ACCOUNT_LOCKS = 0x6b61_6163; // "ka" "ac"
    private static final int SKU_LOCKS = 0x6b61_736b; // "ka" "sk"

    private final JdbcTemplate jdbc;
    private final Inbox inbox;
    private final Outbox outbox;
    private final ProtectionRule rule;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Counter salesRecorded;
    private final Counter staleTierChanges;

    Protections(JdbcTemplate jdbc, Inbox inbox, Outbox outbox, ProtectionRule rule, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.outbox = outbox;
        this.rule = rule;
        this.meters = meters;
        this.clock = clock;
        this.salesRecorded = Counter.builder("kam.supply.sales.recorded")
                .description("Sales stored to size protections").register(meters);
        this.staleTierChanges = Counter.builder("kam.supply.tier.changes.stale")
                .description("Tier changes older than the tier already known, ignored").register(meters);
        Gauge.builder("kam.reservations.shortage.units", this, Protections::shortageUnits)
                .description("Units key accounts should have protected that stock does not cover").register(meters);
    }

    /**
     * Stores a sale delivered for the first time (the caller checked the inbox and holds the
     * account's lock); a sale of a KEY account re-sizes its protections.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordSale(SaleLine sale) {
        jdbc.update("""
                insert into sale_line (event_id, account_id, sku, quantity, occurred_at) values (?, ?, ?, ?, ?)
                on conflict (event_id) do nothing""",
                sale.eventId(), sale.accountId(), sale.sku(), sale.quantity(), Timestamp.from(sale.occurredAt()));
        salesRecorded.increment();
        if (tierOf(sale.accountId()) == Tier.KEY) {
            // Every SKU, not only the one sold: the sale moves the horizon for all of them.
            resizeAccount(sale.accountId(), Cause.SALE);
        }
    }

    /**
     * Applies a tier change once: becoming KEY sizes protections for everything the account
     * bought, leaving KEY releases them all. A change older than the tier already known is ignored.
     */
    @Transactional
    public void changeTier(TierChange change) {
        if (!inbox.firstDelivery(TIERS_CONSUMER, change.eventId())) {
            return;
        }
        lockAccount(change.accountId());
        int applied = jdbc.update("""
                insert into account_tier (account_id, tier, as_of) values (?, ?, ?)
                on conflict (account_id) do update set tier = excluded.tier, as_of = excluded.as_of
                where account_tier.as_of <= excluded.as_of""",
                change.accountId(), change.to().name(), Timestamp.from(change.asOf()));
        if (applied == 0) {
            staleTierChanges.increment();
            return;
        }
        meters.counter("kam.supply.tier.changes.applied", "to", change.to().name()).increment();
        if (change.to() == Tier.KEY) {
            resizeAccount(change.accountId(), Cause.TIER_CHANGED);
        } else {
            release(change.accountId(), change.to());
        }
    }

    /** The stock of a SKU changed: shrink or fill its protections to match, in the same transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void stockChanged(StockChanged change) {
        lockSkus(List.of(change.sku()));
        reshare(change.sku());
    }

    /**
     * The account's order took {@code units} from its protection of the SKU (the caller holds the
     * SKU's lock and took the units out of stock). The protection keeps its target and is topped up
     * again when stock allows.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void consumed(String accountId, String sku, int units) {
        if (units <= 0) {
            return;
        }
        Protection protection = jdbc.queryForObject("""
                update reservation set reserved = reserved - ?, updated_at = now()
                where account_id = ? and sku = ? and reserved >= ?
                returning account_id, tier, requested, reserved""",
                (rs, i) -> new Protection(rs.getString(1), Tier.valueOf(rs.getString(2)),
                        new Holding(rs.getInt(3), rs.getInt(4))),
                units, accountId, sku, units);
        publish(accountId, sku, protection.tier(), protection.holding().requested(), protection.holding().reserved(),
                Cause.ORDER);
    }

    private void resizeAccount(String accountId, Cause cause) {
        Map<String, Integer> demand = rule.protectedDemand(purchasesInHorizon(accountId));
        SortedSet<String> skus = new TreeSet<>(demand.keySet());
        skus.addAll(protectedSkus(accountId)); // those whose purchases left the horizon shrink to 0
        lockSkus(skus);
        for (String sku : skus) {
            resize(accountId, sku, Tier.KEY, demand.getOrDefault(sku, 0), cause);
        }
    }

    private void release(String accountId, Tier tier) {
        List<String> skus = protectedSkus(accountId);
        lockSkus(skus);
        for (String sku : skus) {
            resize(accountId, sku, tier, 0, Cause.RELEASED);
        }
    }

    /** Sets one protection to {@code requested}, reserving what the stock not held by others allows. */
    private void resize(String accountId, String sku, Tier tier, int requested, Cause cause) {
        Holding current = jdbc.query("select requested, reserved from reservation where account_id = ? and sku = ?",
                (rs, i) -> new Holding(rs.getInt(1), rs.getInt(2)), accountId, sku)
                .stream().findFirst().orElse(new Holding(0, 0));
        Long others = jdbc.queryForObject(
                "select coalesce(sum(reserved), 0) from reservation where sku = ? and account_id <> ?",
                Long.class, sku, accountId);
        int reserved = ProtectionRule.reserve(requested, onHand(sku), Math.toIntExact(others));
        if (requested == current.requested() && reserved == current.reserved()) {
            return;
        }
        jdbc.update("""
                insert into reservation (account_id, sku, tier, requested, reserved) values (?, ?, ?, ?, ?)
                on conflict (account_id, sku) do update
                   set tier = excluded.tier, requested = excluded.requested, reserved = excluded.reserved,
                       updated_at = now(),
                       created_at = case when reservation.requested = 0 then now() else reservation.created_at end""",
                accountId, sku, tier.name(), requested, reserved);
        publish(accountId, sku, tier, requested, reserved, cause);
        if (reserved < current.reserved()) {
            reshare(sku); // the freed units go to the oldest shortages on the SKU
        }
    }

    /** Re-shares a SKU's stock among its protections; the SKU must be locked. */
    private void reshare(String sku) {
        List<Protection> protections = jdbc.query("""
                select account_id, tier, requested, reserved from reservation
                where sku = ? and requested > 0 order by created_at, account_id""",
                (rs, i) -> new Protection(rs.getString(1), Tier.valueOf(rs.getString(2)),
                        new Holding(rs.getInt(3), rs.getInt(4))),
                sku);
        List<Integer> reserved = ProtectionRule.reshare(onHand(sku),
                protections.stream().map(Protection::holding).toList());
        for (int i = 0; i < protections.size(); i++) {
            Protection protection = protections.get(i);
            int now = reserved.get(i);
            if (now != protection.holding().reserved()) {
                jdbc.update("update reservation set reserved = ?, updated_at = now() where account_id = ? and sku = ?",
                        now, protection.accountId(), sku);
                publish(protection.accountId(), sku, protection.tier(), protection.holding().requested(), now,
                        Cause.STOCK_CHANGED);
            }
        }
    }

    private void publish(String accountId, String sku, Tier tier, int requested, int reserved, Cause cause) {
        ReservationChanged change = new ReservationChanged(UUID.randomUUID(), clock.instant(), accountId, sku, tier,
                requested, reserved, requested - reserved, cause);
        outbox.append(change.eventId(), Topics.RESERVATIONS, accountId, "ReservationChanged", change);
        meters.counter("kam.reservations.changed", "cause", cause.name()).increment();
    }

    private List<Purchase> purchasesInHorizon(String accountId) {
        // Only narrows what is read; the rule applies the same horizon itself.
        return jdbc.query("""
                select sku, quantity, occurred_at from sale_line
                where account_id = ?
                  and occurred_at > (select max(occurred_at) from sale_line where account_id = ?)
                                    - make_interval(secs => ?)""",
                (rs, i) -> new Purchase(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant()),
                accountId, accountId, rule.horizon().toSeconds());
    }

    private List<String> protectedSkus(String accountId) {
        return jdbc.queryForList("select sku from reservation where account_id = ? and requested > 0 order by sku",
                String.class, accountId);
    }

    private Tier tierOf(String accountId) {
        return jdbc.queryForList("select tier from account_tier where account_id = ?", String.class, accountId)
                .stream().findFirst().map(Tier::valueOf).orElse(null);
    }

    /** Units on hand; an unknown SKU has none. */
    private int onHand(String sku) {
        return jdbc.queryForList("select on_hand from product where sku = ?", Integer.class, sku)
                .stream().findFirst().orElse(0);
    }

    /** Serialises everything that decides for one account; take it before any SKU lock. */
    public void lockAccount(String accountId) {
        jdbc.queryForObject("select pg_advisory_xact_lock(?, ?)", Object.class, ACCOUNT_LOCKS, accountId.hashCode());
    }

    /** Locks SKUs in the order of their lock keys, so concurrent lockers cannot deadlock. */
    public void lockSkus(Collection<String> skus) {
        for (int key : skus.stream().map(String::hashCode).distinct().sorted().toList()) {
            jdbc.queryForObject("select pg_advisory_xact_lock(?, ?)", Object.class, SKU_LOCKS, key);
        }
    }

    private double shortageUnits() {
        try {
            Long units = jdbc.queryForObject("select coalesce(sum(requested - reserved), 0) from reservation", Long.class);
            return units == null ? 0 : units;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private record Protection(String accountId, Tier tier, Holding holding) {
    }
}
