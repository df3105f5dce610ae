package org.kam.supply.reservation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

import org.kam.chassis.inbox.Inbox;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.transaction.RowsAtCommit;
import org.kam.chassis.transaction.TransactionLocks;
import org.kam.chassis.transaction.TransactionScoped;
import org.kam.chassis.transaction.ReadPerTransaction;
import org.kam.chassis.web.NotFoundException;
import org.kam.supply.PlanningInputChanged;
import org.kam.supply.Topics;
import org.kam.supply.catalogue.StockChanged;
import org.kam.supply.demand.DemandForecasts;
import org.kam.supply.forecast.Forecast;
import org.kam.supply.reservation.ProtectionRule.Holding;
import org.kam.supply.reservation.ProtectionRule.Sizing;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps every KEY and POTENTIAL account's protections equal to {@link ProtectionRule} applied to
 * what supply knows (its forecast demand, its agreed stock levels, its tier, the stock), and
 * announces each change of (requested, reserved) once, as {@code ReservationChanged}, in the same
 * transaction that stores it.
 *
 * <p>Sizing is deferred (docs/adr/0014): a tier change or a sale only marks the account, or the SKU
 * sold, as due in the same transaction that records it, and {@link ProtectionSizer} sizes what is
 * due moments later, in a transaction per account. A replayed history moves an account between
 * tiers again and again within seconds; it is sized once for the tier it ends up with, instead of
 * re-forecasting every SKU it bought on every move. Agreed levels and stock changes, which people
 * wait for on the API, are sized at once.
 *
 * <p>Concurrency: sales and tier changes run on consumer threads, stock changes and agreed levels
 * on HTTP threads, the sizer and the re-forecast on their own. Everything that touches one account
 * first takes a transaction-scoped lock on the account, and everything that reserves on a SKU a lock
 * on the SKU (several SKUs in a fixed order). So no two transactions decide from the same old
 * picture, and the reserved units of a SKU never exceed its stock.
 */
@Service
public class Protections {

    static final String TIERS_CONSUMER = "supply-service.account-tiers";

    private static final int ACCOUNT_LOCKS = 0x6b61_6163; // "ka" "ac"
    private static final int SKU_LOCKS = 0x6b61_736b; // "ka" "sk"
    /** How far back a newly protected account's purchases name the SKUs to size. */
    private static final Period SIZING_LOOKBACK = Period.ofYears(2);

    private final JdbcTemplate jdbc;
    private final TransactionLocks locks;
    private final RowsAtCommit<SaleLine> saleLines;
    /** Reserved units an allocation decided in memory, written at the commit: the last per protection wins. */
    private final RowsAtCommit<Held> heldAtCommit;
    private final ReadPerTransaction<String, KnownTier> tiers;
    /**
     * Each account's tier, written at the commit, the latest change of each account once (issue 12:
     * a statement per change): the tier consumer decides on the tiers its batch read with the
     * accounts' locks ({@link #lockAccounts}), which it holds to the commit. The statement keeps the
     * check of the sequence, so an older change never overwrites a newer one.
     */
    private final RowsAtCommit<TierChange> tiersAtCommit;
    /** Protections read by {@link #lockHoldingsAhead}, per SKU, until its first {@link #lockHoldings} in the transaction. */
    private final TransactionScoped<Map<String, SkuHoldings>> holdingsAhead;
    private final Inbox inbox;
    private final Outbox outbox;
    private final ProtectionRule rule;
    private final DemandForecasts demand;
    private final ProtectionsDue due;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Counter salesRecorded;
    private final Counter staleTierChanges;

    private final ApplicationEventPublisher events;

    Protections(JdbcTemplate jdbc, Inbox inbox, Outbox outbox, ProtectionRule rule, DemandForecasts demand,
            ProtectionsDue due, MeterRegistry meters, Clock clock, ApplicationEventPublisher events,
            TransactionLocks locks) {
        this.jdbc = jdbc;
        this.locks = locks;
        // Read by forecasts and sizing, in transactions of their own: written at the commit, together.
        this.saleLines = new RowsAtCommit<>(jdbc, """
                insert into sale_line (event_id, account_id, sku, quantity, occurred_at) values (?, ?, ?, ?, ?)
                on conflict (event_id) do nothing""", (ps, sale) -> {
                    ps.setObject(1, sale.eventId());
                    ps.setString(2, sale.accountId());
                    ps.setString(3, sale.sku());
                    ps.setInt(4, sale.quantity());
                    ps.setTimestamp(5, Timestamp.from(sale.occurredAt()));
                });
        this.heldAtCommit = RowsAtCommit.merging(jdbc,
                "update reservation set reserved = ?, updated_at = now() where account_id = ? and sku = ?",
                held -> List.of(held.accountId(), held.sku()), (earlier, later) -> later, (ps, held) -> {
                    ps.setInt(1, held.reserved());
                    ps.setString(2, held.accountId());
                    ps.setString(3, held.sku());
                });
        this.holdingsAhead = new TransactionScoped<>(jdbc.getDataSource(), HashMap::new);
        this.tiers = new ReadPerTransaction<>(jdbc.getDataSource(), this::storedTier, this::storedTiers);
        this.tiersAtCommit = RowsAtCommit.merging(jdbc, """
                insert into account_tier (account_id, tier, as_of, sequence) values (?, ?, ?, ?)
                on conflict (account_id) do update
                   set tier = excluded.tier, as_of = excluded.as_of, sequence = excluded.sequence
                where account_tier.sequence < excluded.sequence
                   or (account_tier.sequence = 0 and excluded.sequence = 0 and account_tier.as_of <= excluded.as_of)""",
                TierChange::accountId, (earlier, later) -> later, (ps, change) -> {
                    ps.setString(1, change.accountId());
                    ps.setString(2, change.to().name());
                    ps.setTimestamp(3, Timestamp.from(change.asOf()));
                    ps.setLong(4, change.sequence());
                });
        this.due = due;
        this.events = events;
        this.inbox = inbox;
        this.outbox = outbox;
        this.rule = rule;
        this.demand = demand;
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
     * account's lock); a sale of a KEY or POTENTIAL account makes its protection of the SKU sold due
     * for sizing ({@link #sizeDue}). Only that SKU, so a sale costs at most one forecast; the others
     * follow at the next refresh.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordSale(SaleLine sale) {
        saleLines.add(sale);
        salesRecorded.increment();
        if (ProtectionRule.protects(tierOf(sale.accountId()))) {
            due.sku(sale.accountId(), sale.sku());
        }
    }

    /**
     * Applies a tier change once and makes the whole account due for sizing ({@link #sizeDue}):
     * becoming KEY or POTENTIAL sizes protections for everything the account bought in the last two
     * years, any other tier releases them all. A change older than the tier already known is ignored.
     */
    @Transactional
    public void changeTier(TierChange change) {
        if (!inbox.firstDelivery(TIERS_CONSUMER, change.eventId())) {
            return;
        }
        lockAccount(change.accountId());
        KnownTier known = tiers.get(change.accountId());
        if (known != null && !known.replacedBy(change.sequence(), change.asOf())) {
            staleTierChanges.increment();
            return;
        }
        tiersAtCommit.add(change);
        tiers.wrote(change.accountId(), new KnownTier(change.to(), change.asOf(), change.sequence()));
        meters.counter("kam.supply.tier.changes.applied", "to", change.to().name()).increment();
        events.publishEvent(PlanningInputChanged.TIER);
        due.wholeAccount(change.accountId());
    }

    /**
     * Sizes what is due for a group of accounts ({@link Due}) in one transaction, publishes the
     * protections that changed, and clears them (accounts with nothing due: nothing). A group costs
     * about a dozen statements however many accounts it has, instead of a dozen per account
     * (issue 12); {@link SizingPosition} decides. The transaction waits at most {@code lockWait} for
     * each lock (a consumer's batch may hold an account or a SKU for a while): then it fails with a
     * {@link org.springframework.dao.PessimisticLockingFailureException}, the accounts stay due, and
     * the sizer comes back to them. Never waiting long, the sizer is also never the one a
     * consumer's batch deadlocks with.
     *
     * @return what was done, per account, in the order given
     */
    @Transactional
    public Map<String, Due.Work> sizeDue(List<String> accountIds, Duration lockWait) {
        jdbc.execute("set local lock_timeout = " + Math.max(1, lockWait.toMillis()));
        lockAccounts(accountIds);
        Map<String, Due> owed = due.of(accountIds);
        Map<String, Due.Work> work = new LinkedHashMap<>();
        accountIds.forEach(accountId -> work.put(accountId, owed.getOrDefault(accountId, Due.NONE).at(tierOf(accountId))));
        Map<String, SortedSet<String>> whole = wholeAccounts(
                accountIds.stream().filter(accountId -> work.get(accountId) == Due.Work.SIZE_ACCOUNT).toList());
        Map<String, SortedSet<String>> releasing = protectedSkus(
                accountIds.stream().filter(accountId -> work.get(accountId) == Due.Work.RELEASE).toList());
        List<Plan> plans = new ArrayList<>();
        for (String accountId : accountIds) {
            Tier tier = tierOf(accountId);
            switch (work.get(accountId)) {
                case SIZE_ACCOUNT -> plans.add(Plan.sized(accountId, tier, whole.get(accountId), Cause.TIER_CHANGED));
                case SIZE_SKUS -> plans.add(Plan.sized(accountId, tier, owed.get(accountId).skus(), Cause.SALE));
                case RELEASE -> plans.add(Plan.released(accountId, tier == null ? Tier.REGULAR : tier,
                        releasing.getOrDefault(accountId, new TreeSet<>())));
                case NOTHING -> { }
            }
        }
        size(plans);
        due.clear(accountIds);
        return work;
    }

    /** Up to {@code limit} accounts with protections due, the longest waiting first. */
    public List<String> accountsDue(int limit) {
        return due.oldest(limit);
    }

    /** The account could not be sized for a reason of its own: it waits behind the others. */
    @Transactional
    public void postpone(String accountId) {
        due.postpone(accountId);
    }

    /**
     * Re-forecasts every protection of one account if it is KEY or POTENTIAL, publishing only the
     * protections that changed (cause FORECAST). Its own transaction, so a refresh of all accounts
     * holds each account's locks only briefly.
     */
    @Transactional
    public void refresh(String accountId) {
        lockAccount(accountId);
        Tier tier = tierOf(accountId);
        if (ProtectionRule.protects(tier)) {
            size(List.of(Plan.sized(accountId, tier, wholeAccounts(List.of(accountId)).get(accountId), Cause.FORECAST)));
        }
    }

    /** The accounts whose tier protects stock, by id: what a refresh re-forecasts. */
    public List<String> protectedAccounts() {
        return jdbc.queryForList("select account_id from account_tier where tier in ('KEY', 'POTENTIAL') order by 1",
                String.class);
    }

    /**
     * Sets the stock level agreed with a KEY account for a SKU and re-sizes its protection to it at
     * once (cause AGREED_LEVEL). Refused, storing nothing, for an account that is not KEY or a SKU
     * that is not in the catalogue.
     */
    @Transactional
    public AgreedStockLevel agree(String accountId, String sku, int units, String note, String setBy) {
        if (units < 0) {
            throw new InvalidEventException("units", "must be 0 or more, was " + units);
        }
        lockAccount(accountId);
        Tier tier = tierOf(accountId);
        if (tier != Tier.KEY) {
            throw new InvalidEventException("accountId", "only a KEY account has an agreed stock level; " + accountId
                    + (tier == null ? " has no tier known to supply" : " is " + tier));
        }
        if (jdbc.queryForList("select 1 from product where sku = ?", Integer.class, sku).isEmpty()) {
            throw new InvalidEventException("sku", "no product " + sku);
        }
        AgreedStockLevel level = jdbc.queryForObject("""
                insert into agreed_stock_level (account_id, sku, units, note, set_by) values (?, ?, ?, ?, ?)
                on conflict (account_id, sku) do update
                   set units = excluded.units, note = excluded.note, set_by = excluded.set_by, updated_at = now()
                returning account_id, sku, units, note, set_by, updated_at""",
                AgreedStockLevel::read, accountId, sku, units, note, setBy);
        size(List.of(Plan.sized(accountId, tier, new TreeSet<>(List.of(sku)), Cause.AGREED_LEVEL)));
        return level;
    }

    /**
     * Removes the stock level agreed for an account × SKU; a KEY account's protection goes back to
     * its forecast at once (cause AGREED_LEVEL).
     *
     * @throws NotFoundException when no level was agreed
     */
    @Transactional
    public void withdrawAgreement(String accountId, String sku) {
        lockAccount(accountId);
        if (jdbc.update("delete from agreed_stock_level where account_id = ? and sku = ?", accountId, sku) == 0) {
            throw new NotFoundException("No stock level agreed with " + accountId + " for " + sku);
        }
        Tier tier = tierOf(accountId);
        if (ProtectionRule.protects(tier)) {
            size(List.of(Plan.sized(accountId, tier, new TreeSet<>(List.of(sku)), Cause.AGREED_LEVEL)));
        }
    }

    /** The stock of a SKU changed: shrink or fill its protections to match, in the same transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void stockChanged(StockChanged change) {
        lockSkus(List.of(change.sku()));
        reshare(List.of(change.sku()));
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

    /**
     * The protections of a SKU, in the order stock fills them (KEY before POTENTIAL, then oldest),
     * for an allocation that decides in memory ({@code SkuPosition}) what a batch of sales does to
     * them; locks the SKU until the transaction ends. What it decides comes back through
     * {@link #drawn} and {@link #toppedUp}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public SkuHoldings lockHoldings(String sku) {
        lockSkus(List.of(sku));
        Map<String, SkuHoldings> ahead = holdingsAhead.current();
        SkuHoldings readAhead = ahead == null ? null : ahead.remove(sku);
        if (readAhead != null) {
            return readAhead;
        }
        return SkuHoldings.all(jdbc.query("""
                select account_id, tier, requested, reserved from reservation
                where sku = ? and (requested > 0 or reserved > 0)
                order by case tier when 'KEY' then 0 else 1 end, created_at, account_id""",
                (rs, i) -> new HeldStock(rs.getString(1), Tier.valueOf(rs.getString(2)), rs.getInt(3), rs.getInt(4)),
                sku));
    }

    /**
     * Locks the SKUs (as {@link #lockSkus}) and reads, for a batch of sales, what each SKU's first
     * {@link #lockHoldings} in the transaction is handed: the units protected on it, its buyers'
     * protections, and — only on a SKU with free stock — the protections short of their target
     * ({@link SkuHoldings}): two statements for the batch, after the locks. Reading every protection
     * of every SKU sold instead was half of supply's statement time once key and potential accounts
     * numbered 18,000 (a batch sells most of the catalogue: 81,000 rows a batch; issue 12,
     * pg_stat_statements; ADR 13 §15). Nothing in a
     * consumer's transaction writes a protection before it loaded it that way, and nobody else can
     * while the SKU's lock is held.
     *
     * @param buyers  the accounts buying each SKU in the batch
     * @param onHand  the units on hand of each SKU, read with its product row locked
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockHoldingsAhead(Map<String, ? extends Collection<String>> buyers, Map<String, Integer> onHand) {
        lockSkus(buyers.keySet());
        Map<String, SkuHoldings> ahead = holdingsAhead.current();
        if (ahead == null || buyers.isEmpty()) {
            return;
        }
        String[] skus = buyers.keySet().toArray(String[]::new);
        Map<String, Long> protectedUnits = protectedUnits(skus);
        List<String> pairAccounts = new ArrayList<>();
        List<String> pairSkus = new ArrayList<>();
        buyers.forEach((sku, accounts) -> accounts.forEach(account -> {
            pairAccounts.add(account);
            pairSkus.add(sku);
        }));
        String[] withFreeStock = buyers.keySet().stream()
                .filter(sku -> onHand.getOrDefault(sku, 0) > protectedUnits.getOrDefault(sku, 0L))
                .toArray(String[]::new);
        for (String sku : skus) {
            ahead.put(sku, new SkuHoldings(protectedUnits.getOrDefault(sku, 0L), List.of()));
        }
        Map<String, List<HeldStock>> loaded = new HashMap<>();
        // One statement, ordered by the database as lockHoldings orders a SKU's protections (the
        // collation decides ties of accounts created in one transaction).
        jdbc.query("""
                select sku, account_id, tier, requested, reserved from (
                    select r.sku, r.account_id, r.tier, r.requested, r.reserved, r.created_at
                    from unnest(?::text[], ?::text[]) as b(account_id, sku)
                    join reservation r on r.account_id = b.account_id and r.sku = b.sku
                    where r.requested > 0 or r.reserved > 0
                    union
                    select sku, account_id, tier, requested, reserved, created_at from reservation
                    where sku = any(?::text[]) and requested > reserved) loaded
                order by sku, case tier when 'KEY' then 0 else 1 end, created_at, account_id""",
                rs -> {
                    loaded.computeIfAbsent(rs.getString(1), sku -> new ArrayList<>()).add(new HeldStock(
                            rs.getString(2), Tier.valueOf(rs.getString(3)), rs.getInt(4), rs.getInt(5)));
                }, pairAccounts.toArray(String[]::new), pairSkus.toArray(String[]::new), withFreeStock);
        loaded.forEach((sku, holdings) -> ahead.put(sku,
                new SkuHoldings(protectedUnits.getOrDefault(sku, 0L), holdings)));
    }

    /** The units protected on each SKU, as the database keeps them (sku_protected, V10); 0 when none. */
    private Map<String, Long> protectedUnits(String[] skus) {
        Map<String, Long> units = new HashMap<>();
        jdbc.query("select sku, units from sku_protected where sku = any(?)",
                rs -> { units.put(rs.getString(1), rs.getLong(2)); }, (Object) skus);
        return units;
    }

    /**
     * An order took units from the account's protection of the SKU, as allocation decided on the
     * holdings it locked ({@link #lockHoldings}): {@code now} is what the protection holds after it.
     * Announced at once (cause ORDER); the row is written when the transaction commits, once for all
     * the batch did to it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void drawn(String sku, HeldStock now) {
        holdAtCommit(sku, now, Cause.ORDER);
    }

    /** Free stock topped the account's protection up again after a sale (cause STOCK_CHANGED); as {@link #drawn}. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void toppedUp(String sku, HeldStock now) {
        holdAtCommit(sku, now, Cause.STOCK_CHANGED);
    }

    private void holdAtCommit(String sku, HeldStock now, Cause cause) {
        heldAtCommit.add(new Held(now.accountId(), sku, now.reserved()));
        publish(now.accountId(), sku, now.tier(), now.requested(), now.reserved(), cause);
    }

    /**
     * The SKUs to size for each account when all of it is sized: what it bought in the last two
     * years, and what it still protects (those no longer bought are re-forecast too, towards 0).
     */
    private Map<String, SortedSet<String>> wholeAccounts(List<String> accountIds) {
        Map<String, SortedSet<String>> skus = new HashMap<>(demand.skusBought(accountIds, SIZING_LOOKBACK));
        protectedSkus(accountIds).forEach((accountId, held) -> skus.computeIfAbsent(accountId, a -> new TreeSet<>())
                .addAll(held));
        accountIds.forEach(accountId -> skus.computeIfAbsent(accountId, a -> new TreeSet<>()));
        return skus;
    }

    /**
     * Sets the planned accounts' protections (the accounts locked by the caller, the SKUs locked
     * here) to their sizings: from the forecasts (all read in one query) or the agreed levels, or
     * nothing for a release. The position of all the SKUs is read in three statements and the
     * changed rows written in one batch, whatever the number of accounts and SKUs (issue 12: a tier
     * change of an account that bought 40 SKUs was 160 round trips); {@link SizingPosition} decides
     * each, account after account. The protections published are those whose requested or reserved
     * units changed; the SKUs where units were freed are re-shared after the writes, all of them
     * together ({@link #reshare}).
     */
    private void size(List<Plan> planned) {
        List<Plan> plans = planned.stream().filter(plan -> !plan.skus().isEmpty()).toList();
        if (plans.isEmpty()) {
            return;
        }
        Map<String, SortedSet<String>> forecastSkus = new HashMap<>();
        plans.stream().filter(plan -> !plan.release()).forEach(plan -> forecastSkus.put(plan.accountId(), plan.skus()));
        Map<String, Map<String, Forecast>> forecasts = demand.forecastsOfAccounts(forecastSkus, rule.horizonWeeks());
        Map<String, Map<String, Integer>> agreed = agreedLevels(forecastSkus.keySet());
        SortedSet<String> skus = new TreeSet<>();
        plans.forEach(plan -> skus.addAll(plan.skus()));
        lockSkus(skus);
        SizingPosition position = position(plans.stream().map(Plan::accountId).toList(), skus);
        List<Sized> decided = new ArrayList<>();
        for (Plan plan : plans) {
            Function<String, Sizing> sizingOf = plan.release() ? sku -> Sizing.NONE : sku -> {
                Forecast forecast = forecasts.getOrDefault(plan.accountId(), Map.of()).get(sku);
                OptionalDouble demanded = forecast == null ? OptionalDouble.empty()
                        : OptionalDouble.of(forecast.totalOfNext(rule.horizonWeeks()));
                Integer level = agreed.getOrDefault(plan.accountId(), Map.of()).get(sku);
                return rule.size(plan.tier(), demanded, level == null ? OptionalInt.empty() : OptionalInt.of(level));
            };
            position.size(plan.accountId(), plan.skus(), sizingOf)
                    .forEach(resizing -> decided.add(new Sized(plan, resizing)));
        }
        jdbc.batchUpdate("""
                insert into reservation (account_id, sku, tier, requested, reserved, basis, forecast_units)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (account_id, sku) do update
                   set tier = excluded.tier, requested = excluded.requested, reserved = excluded.reserved,
                       basis = excluded.basis, forecast_units = excluded.forecast_units, updated_at = now(),
                       created_at = case when reservation.requested = 0 then now() else reservation.created_at end""",
                decided, 1000, (ps, sized) -> {
                    Resizing resizing = sized.resizing();
                    ps.setString(1, sized.plan().accountId());
                    ps.setString(2, resizing.sku());
                    ps.setString(3, sized.plan().tier().name());
                    ps.setInt(4, resizing.after().requested());
                    ps.setInt(5, resizing.after().reserved());
                    ps.setString(6, resizing.basis() == null ? null : resizing.basis().name());
                    ps.setBigDecimal(7, resizing.forecast());
                });
        SortedSet<String> freed = new TreeSet<>();
        for (Sized sized : decided) {
            Resizing resizing = sized.resizing();
            if (resizing.changed()) {
                publish(sized.plan().accountId(), resizing.sku(), sized.plan().tier(), resizing.after().requested(),
                        resizing.after().reserved(), sized.plan().cause());
            }
            if (resizing.freedUnits()) {
                freed.add(resizing.sku());
            }
        }
        reshare(freed); // the freed units go to the first-ranked shortages on each SKU
    }

    /** The position {@link SizingPosition} decides on, for the accounts (locked) and SKUs (locked): three statements. */
    private SizingPosition position(List<String> accountIds, Collection<String> skus) {
        String[] accounts = accountIds.toArray(String[]::new);
        String[] asked = skus.toArray(String[]::new);
        Map<String, Map<String, Resizing.Stored>> stored = new HashMap<>();
        jdbc.query("""
                select account_id, sku, requested, reserved, basis, forecast_units from reservation
                where account_id = any(?) and sku = any(?)""", rs -> {
                    String basis = rs.getString(5);
                    stored.computeIfAbsent(rs.getString(1), account -> new HashMap<>()).put(rs.getString(2),
                            new Resizing.Stored(new Holding(rs.getInt(3), rs.getInt(4)),
                                    basis == null ? null : Basis.valueOf(basis), rs.getBigDecimal(6)));
                }, accounts, asked);
        // Everyone's reserved units of each SKU, less the group's own just read: a filter "account_id
        // <> all(the group)" on every row made this sum four times as slow (issue 12, EXPLAIN ANALYZE).
        Map<String, Long> reservedOutside = protectedUnits(asked);
        stored.values().forEach(bySku -> bySku.forEach((sku, protection) -> reservedOutside.merge(sku,
                (long) -protection.holding().reserved(), Long::sum)));
        Map<String, Integer> onHand = new HashMap<>();
        jdbc.query("select sku, on_hand from product where sku = any(?)",
                rs -> { onHand.put(rs.getString(1), rs.getInt(2)); }, (Object) asked);
        return new SizingPosition(onHand, reservedOutside, stored);
    }

    /** The stock levels agreed with the accounts, by account and SKU. */
    private Map<String, Map<String, Integer>> agreedLevels(Collection<String> accountIds) {
        Map<String, Map<String, Integer>> agreed = new HashMap<>();
        if (!accountIds.isEmpty()) {
            jdbc.query("select account_id, sku, units from agreed_stock_level where account_id = any(?)",
                    rs -> { agreed.computeIfAbsent(rs.getString(1), a -> new HashMap<>()).put(rs.getString(2), rs.getInt(3)); },
                    (Object) accountIds.toArray(String[]::new));
        }
        return agreed;
    }

    /**
     * Re-shares each SKU's stock among its protections, in the given order; the SKUs must be locked.
     * The protections and stock of all of them are read in two statements and the changed
     * protections written in one batch (issue 12: a group of released accounts frees units of most
     * of the catalogue, and each SKU was two reads and a write per protection changed).
     */
    private void reshare(Collection<String> skus) {
        if (skus.isEmpty()) {
            return;
        }
        String[] asked = skus.toArray(String[]::new);
        Map<String, List<Protection>> protections = new HashMap<>();
        jdbc.query("""
                select sku, account_id, tier, requested, reserved from reservation
                where sku = any(?) and requested > 0
                order by sku, case tier when 'KEY' then 0 else 1 end, created_at, account_id""",
                rs -> { protections.computeIfAbsent(rs.getString(1), sku -> new ArrayList<>()).add(new Protection(
                        rs.getString(2), Tier.valueOf(rs.getString(3)), new Holding(rs.getInt(4), rs.getInt(5)))); },
                (Object) asked);
        Map<String, Integer> onHand = new HashMap<>();
        jdbc.query("select sku, on_hand from product where sku = any(?)",
                rs -> { onHand.put(rs.getString(1), rs.getInt(2)); }, (Object) asked);
        List<Object[]> changed = new ArrayList<>();
        for (String sku : new LinkedHashSet<>(skus)) {
            List<Protection> ranked = protections.getOrDefault(sku, List.of());
            List<Integer> reserved = ProtectionRule.reshare(onHand.getOrDefault(sku, 0),
                    ranked.stream().map(Protection::holding).toList());
            for (int i = 0; i < ranked.size(); i++) {
                Protection protection = ranked.get(i);
                int now = reserved.get(i);
                if (now != protection.holding().reserved()) {
                    changed.add(new Object[] {now, protection.accountId(), sku});
                    publish(protection.accountId(), sku, protection.tier(), protection.holding().requested(), now,
                            Cause.STOCK_CHANGED);
                }
            }
        }
        if (!changed.isEmpty()) {
            jdbc.batchUpdate("update reservation set reserved = ?, updated_at = now() where account_id = ? and sku = ?",
                    changed);
        }
    }

    private void publish(String accountId, String sku, Tier tier, int requested, int reserved, Cause cause) {
        ReservationChanged change = new ReservationChanged(UUID.randomUUID(), clock.instant(), accountId, sku, tier,
                requested, reserved, requested - reserved, cause);
        outbox.append(change.eventId(), Topics.RESERVATIONS, accountId, "ReservationChanged", change);
        meters.counter("kam.reservations.changed", "cause", cause.name()).increment();
    }

    /** The SKUs each account protects units of (requested above 0), by account; one statement. */
    private Map<String, SortedSet<String>> protectedSkus(Collection<String> accountIds) {
        Map<String, SortedSet<String>> skus = new HashMap<>();
        if (!accountIds.isEmpty()) {
            jdbc.query("select account_id, sku from reservation where account_id = any(?) and requested > 0",
                    rs -> { skus.computeIfAbsent(rs.getString(1), a -> new TreeSet<>()).add(rs.getString(2)); },
                    (Object) accountIds.toArray(String[]::new));
        }
        return skus;
    }

    /**
     * The account's tier as supply knows it; null when it knows none. Asked once per transaction
     * for each account (a batch of sales asks for the same buyers again and again): only a tier
     * change writes it, holding the account's lock, which whoever asks here holds too.
     */
    public Tier tierOf(String accountId) {
        KnownTier known = tiers.get(accountId);
        return known == null ? null : known.tier();
    }

    private KnownTier storedTier(String accountId) {
        return jdbc.query("select tier, as_of, sequence from account_tier where account_id = ?",
                (rs, row) -> new KnownTier(Tier.valueOf(rs.getString(1)), rs.getTimestamp(2).toInstant(), rs.getLong(3)),
                accountId).stream().findFirst().orElse(null);
    }

    private Map<String, KnownTier> storedTiers(Collection<String> accountIds) {
        Map<String, KnownTier> found = new HashMap<>();
        jdbc.query("select account_id, tier, as_of, sequence from account_tier where account_id = any(?)",
                rs -> { found.put(rs.getString(1), new KnownTier(Tier.valueOf(rs.getString(2)),
                        rs.getTimestamp(3).toInstant(), rs.getLong(4))); },
                (Object) accountIds.toArray(String[]::new));
        return found;
    }

    /** Serialises everything that decides for one account; take it before any SKU lock. */
    public void lockAccount(String accountId) {
        locks.lock(ACCOUNT_LOCKS, accountId.hashCode());
    }

    /**
     * Locks accounts in the order of their lock keys, in one statement; take them before any SKU lock.
     * Their tiers are read then too, in one statement: a tier change waits for the same lock, so
     * what is read stays true until the commit, and a batch of a long tail of accounts would
     * otherwise ask once per sale.
     */
    public void lockAccounts(Collection<String> accountIds) {
        locks.lockAll(ACCOUNT_LOCKS, accountIds.stream().map(String::hashCode).toList());
        tiers.readAhead(accountIds);
    }

    /** Locks SKUs in the order of their lock keys (in one statement), so concurrent lockers cannot deadlock. */
    public void lockSkus(Collection<String> skus) {
        locks.lockAll(SKU_LOCKS, skus.stream().map(String::hashCode).toList());
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

    private record Held(String accountId, String sku, int reserved) {
    }

    /** What one transaction sizes for an account: its protections of {@code skus}, sized or released. */
    private record Plan(String accountId, Tier tier, SortedSet<String> skus, boolean release, Cause cause) {

        static Plan sized(String accountId, Tier tier, SortedSet<String> skus, Cause cause) {
            return new Plan(accountId, tier, skus, false, cause);
        }

        static Plan released(String accountId, Tier tier, SortedSet<String> skus) {
            return new Plan(accountId, tier, skus, true, Cause.RELEASED);
        }
    }

    private record Sized(Plan plan, Resizing resizing) {
    }

}
