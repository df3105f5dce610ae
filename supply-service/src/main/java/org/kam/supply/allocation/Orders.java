package org.kam.supply.allocation;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.kam.chassis.inbox.Inbox;
import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.transaction.RowsAtCommit;
import org.kam.chassis.transaction.TransactionScoped;
import org.kam.supply.PlanningInputChanged;
import org.kam.supply.Topics;
import org.kam.supply.allocation.SkuPosition.Backorder;
import org.kam.supply.catalogue.Catalogue;
import org.kam.supply.catalogue.StockChanged;
import org.kam.supply.catalogue.SkuStock;
import org.kam.supply.reservation.HeldStock;
import org.kam.supply.reservation.Protections;
import org.kam.supply.reservation.SaleLine;
import org.kam.supply.reservation.SkuHoldings;
import org.kam.supply.reservation.Tier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sales become orders served from stock, by the rules of {@link SkuPosition}: the buyer's own
 * protection first, then free stock, the rest backordered; arriving stock serves backorders KEY,
 * POTENTIAL, REGULAR, then by order time (by the buyer's tier at that moment).
 *
 * <p>A sale dated before the SKU's last stock count is already in that count and takes nothing
 * (history replayed or imported stays history); a sale of a SKU the catalogue does not hold (a
 * service, a made-to-order item) has no stock to take. Both still count as demand.
 *
 * <p>Never oversell: every decision on a SKU runs with the product's row locked, then the SKU's
 * protection lock, after the buyer's account lock: the same order everywhere (account, product
 * row, SKU), so concurrent sales, arrivals and tier changes wait for each other instead of deciding
 * from the same stock, and never wait in a circle. The database checks the rest (stock ≥ 0,
 * served + owed = ordered).
 */
@Service
public class Orders {

    static final String SALES_CONSUMER = "supply-service.sales";

    private static final Logger log = LoggerFactory.getLogger(Orders.class);

    private final JdbcTemplate jdbc;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Catalogue catalogue;
    private final Protections protections;
    private final MeterRegistry meters;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final TransactionScoped<Map<String, Optional<Lot>>> lots;
    private final RowsAtCommit<PlacedOrder> ordersAtCommit;

    Orders(JdbcTemplate jdbc, Inbox inbox, Outbox outbox, Catalogue catalogue, Protections protections,
            MeterRegistry meters, Clock clock, TransactionTemplate transactions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.outbox = outbox;
        this.catalogue = catalogue;
        this.protections = protections;
        this.meters = meters;
        this.clock = clock;
        this.transactions = transactions;
        this.events = events;
        this.lots = new TransactionScoped<>(jdbc.getDataSource(), HashMap::new);
        this.ordersAtCommit = new RowsAtCommit<>(jdbc, """
                insert into customer_order (order_id, account_id, sku, quantity, ordered_at, tier, from_protection,
                                            from_free_stock, owed)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", (ps, placed) -> {
                    SaleLine sale = placed.sale();
                    ps.setObject(1, sale.eventId());
                    ps.setString(2, sale.accountId());
                    ps.setString(3, sale.sku());
                    ps.setInt(4, sale.quantity());
                    ps.setTimestamp(5, Timestamp.from(sale.occurredAt()));
                    ps.setString(6, placed.tier().name());
                    ps.setInt(7, placed.allocation().fromProtection());
                    ps.setInt(8, placed.allocation().fromFreeStock());
                    ps.setInt(9, placed.allocation().backordered());
                });
        Gauge.builder("kam.supply.backorders.units", this, Orders::backorderedUnits)
                .description("Units ordered and not yet served").register(meters);
    }

    /**
     * A sale, once: stored as demand (protections follow), then served from stock as an order.
     *
     * <p>A consumer's transaction places hundreds of sales, many of the same SKUs: each SKU's stock
     * and protections are locked and loaded once per transaction ({@link Lot}), {@link SkuPosition}
     * decides each sale on them in memory, and what changed is written when the transaction commits
     * (the order rows, the protections' and the stock's new units, once per row however many sales
     * moved it), while every event is announced in the order the sales made it. Nothing else in a
     * consumer's transaction reads those rows back, and nobody else can change them before it ends:
     * it holds the product's row and the SKU's lock.
     */
    @Transactional
    public void place(SaleLine sale) {
        if (!inbox.firstDelivery(SALES_CONSUMER, sale.eventId())) {
            return;
        }
        protections.lockAccount(sale.accountId());
        Optional<Lot> lot = lot(sale.sku());
        protections.recordSale(sale);
        events.publishEvent(PlanningInputChanged.SALE);
        if (lot.isEmpty()) {
            meters.counter("kam.supply.sales.not.allocated", "reason", "not-in-catalogue").increment();
        } else if (lot.get().stock.includes(sale.occurredAt())) {
            meters.counter("kam.supply.sales.not.allocated", "reason", "before-stock-count").increment();
        } else {
            allocate(sale, lot.get());
        }
    }

    /**
     * Takes, before a consumer's transaction places {@code sales}, every lock they will need, each
     * kind in one fixed order and in one statement: the buyers' accounts, then the products' rows,
     * then the SKUs' protections (the order every other writer follows: the sizer locks an account
     * then its SKUs, a stock change a product then its SKU). Taken one sale at a time instead, a
     * batch held SKU locks while it waited for an account the sizer held, and the sizer waited for
     * those SKUs: both waited until the sizer's lock timeout broke the circle. {@link #place} then
     * finds every lock held.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lockAhead(List<SaleLine> sales) {
        if (sales.isEmpty()) {
            return;
        }
        protections.lockAccounts(sales.stream().map(SaleLine::accountId).toList());
        Map<String, Set<String>> buyers = new TreeMap<>();
        sales.forEach(sale -> buyers.computeIfAbsent(sale.sku(), sku -> new HashSet<>()).add(sale.accountId()));
        Map<String, Integer> onHand = catalogue.lockProducts(List.copyOf(buyers.keySet()));
        protections.lockHoldingsAhead(buyers, onHand);
    }

    /** Stock was counted or supply received: waiting orders and protections share it. */
    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void stockChanged(StockChanged change) {
        settle(change.sku());
    }

    /**
     * Units can also be freed without stock arriving (an account left KEY and its protection was
     * released). This sweep serves backorders wherever free stock waits; arrivals do it at once.
     */
    @Scheduled(initialDelayString = "${kam.supply.backorders.sweep-interval:30s}",
            fixedDelayString = "${kam.supply.backorders.sweep-interval:30s}")
    public void serveWaitingBackorders() {
        List<String> skus = jdbc.queryForList("""
                select p.sku from product p
                where exists (select 1 from customer_order o where o.sku = p.sku and o.owed > 0)
                  and p.on_hand > coalesce((select units from sku_protected r where r.sku = p.sku), 0)
                order by p.sku""", String.class);
        for (String sku : skus) {
            try {
                transactions.executeWithoutResult(tx -> {
                    catalogue.lockForAllocation(sku);
                    settle(sku);
                });
            } catch (RuntimeException e) {
                log.warn("Serving the backorders of {} failed; the next sweep tries again", sku, e);
            }
        }
    }

    /** Orders, newest first, optionally of one account and/or SKU, optionally only those still owed units. */
    @Transactional(readOnly = true)
    public List<OrderLine> list(String accountId, String sku, boolean openOnly, int page, int size) {
        return jdbc.query("""
                select * from customer_order
                where (?::text is null or account_id = ?) and (?::text is null or sku = ?) and (not ? or owed > 0)
                order by ordered_at desc, order_id limit ? offset ?""",
                (rs, i) -> new OrderLine(rs.getObject("order_id", UUID.class), rs.getString("account_id"),
                        rs.getString("sku"), rs.getInt("quantity"), rs.getTimestamp("ordered_at").toInstant(),
                        Tier.valueOf(rs.getString("tier")), rs.getInt("from_protection"), rs.getInt("from_free_stock"),
                        rs.getInt("served_later"), rs.getInt("owed")),
                accountId, accountId, sku, sku, openOnly, size, (long) page * size);
    }

    /** Units the SKU's waiting orders of accounts now in {@code tiers} are still owed. */
    public int unitsOwed(String sku, Set<Tier> tiers) {
        // Each waiting order's tier looked up by key: joined, the planner hashed every account's
        // tier for each SKU planned (9 ms a SKU with 27,000 accounts; issue 12, EXPLAIN ANALYZE).
        Long owed = jdbc.queryForObject("""
                select coalesce(sum(o.owed), 0) from customer_order o
                where o.sku = ? and o.owed > 0
                  and coalesce((select t.tier from account_tier t where t.account_id = o.account_id), 'REGULAR') = any(?)""",
                Long.class, sku, tiers.stream().map(Tier::name).toArray(String[]::new));
        return owed == null ? 0 : Math.toIntExact(owed);
    }

    /** The orders of a SKU still owed units, in the order arriving stock will serve them. */
    @Transactional(readOnly = true)
    public List<Backorder> backorders(String sku) {
        return position(sku).map(SkuPosition::backorders)
                .orElseThrow(() -> new InvalidEventException("sku", "no product " + sku));
    }

    /** The SKU as allocation sees it now: stock, protections (in fill order), backorders. */
    Optional<SkuPosition> position(String sku) {
        Optional<SkuPosition> position = stockAndProtections(sku);
        position.ifPresent(p -> jdbc.query("""
                select o.order_id, o.account_id, coalesce(t.tier, 'REGULAR'), o.owed, o.ordered_at
                from customer_order o left join account_tier t on t.account_id = o.account_id
                where o.sku = ? and o.owed > 0""",
                rs -> {
                    p.owe(new Backorder(rs.getString(1), rs.getString(2), Tier.valueOf(rs.getString(3)),
                            rs.getInt(4), rs.getTimestamp(5).toInstant()));
                }, sku));
        return position;
    }

    /**
     * The SKU's stock and protections, without its backorders: what a new order meets. (Waiting
     * orders never stand beside free stock for long: arrivals and the sweep serve them.)
     */
    private Optional<SkuPosition> stockAndProtections(String sku) {
        List<Integer> onHand = jdbc.queryForList("select on_hand from product where sku = ?", Integer.class, sku);
        if (onHand.isEmpty()) {
            return Optional.empty();
        }
        SkuPosition position = new SkuPosition(sku, onHand.get(0));
        // The order Protections fills shortages in, so a preview fills them the same way.
        jdbc.query("""
                select account_id, requested, reserved from reservation
                where sku = ? and (requested > 0 or reserved > 0)
                order by case tier when 'KEY' then 0 else 1 end, created_at, account_id""",
                rs -> {
                    position.hold(rs.getString(1), rs.getInt(2), rs.getInt(3));
                }, sku);
        return Optional.of(position);
    }

    Tier tierOf(String accountId) {
        Tier tier = protections.tierOf(accountId);
        return tier == null ? Tier.REGULAR : tier;
    }

    /**
     * A SKU as the current transaction's sales hold it: its stock per warehouse and its protections,
     * locked and loaded at the first sale of it, decided on in memory after that.
     */
    private static final class Lot {
        SkuStock stock;
        final SkuPosition position;
        /** The tier each protection was made for, as the events about it name it. */
        final Map<String, Tier> tiers = new HashMap<>();

        Lot(SkuStock stock, SkuHoldings holdings) {
            this.stock = stock;
            this.position = new SkuPosition(stock.sku(), stock.onHand());
            position.protectedForOthers(Math.toIntExact(holdings.protectedForOthers()));
            for (HeldStock held : holdings.holdings()) {
                position.hold(held.accountId(), held.requested(), held.reserved());
                tiers.put(held.accountId(), held.tier());
            }
        }

        HeldStock held(String accountId) {
            SkuPosition.Holding holding = position.holdingOf(accountId);
            return new HeldStock(accountId, tiers.get(accountId), holding.requested(), holding.reserved());
        }
    }

    /** The SKU's lot in this transaction: locked (product row, then the SKU's protections) and loaded once. */
    private Optional<Lot> lot(String sku) {
        Map<String, Optional<Lot>> held = lots.current();
        if (held == null) {
            return loadLot(sku);
        }
        Optional<Lot> lot = held.get(sku);
        if (lot == null) {
            lot = loadLot(sku);
            held.put(sku, lot);
        }
        return lot;
    }

    private Optional<Lot> loadLot(String sku) {
        return catalogue.lockStock(sku).map(stock -> new Lot(stock, protections.lockHoldings(sku)));
    }

    /** Decides the order on the SKU's lot, as {@link SkuPosition#order} does, and records what it did. */
    private void allocate(SaleLine sale, Lot lot) {
        SkuPosition position = lot.position;
        Tier tier = tierOf(sale.accountId());
        int onHand = position.onHand();
        int own = position.protectedFor(sale.accountId());
        int others = position.protectedUnits() - own;
        Allocation allocation = position.order(
                new Order(sale.eventId().toString(), sale.accountId(), tier, sale.quantity(), sale.occurredAt()));
        ordersAtCommit.add(new PlacedOrder(sale, tier, allocation));
        if (allocation.fromProtection() > 0) {
            protections.drawn(sale.sku(), lot.held(sale.accountId()));
        }
        meters.counter("kam.supply.orders.allocated", "tier", tier.name()).increment();
        count(allocation);
        if (allocation.backordered() > 0) {
            meters.counter("kam.supply.units.backordered", "tier", tier.name()).increment(allocation.backordered());
        }
        if (allocation.isKeyAccountStockOut()) {
            StockOutCause cause = onHand == 0 ? StockOutCause.NO_STOCK
                    : allocation.served() == 0 ? StockOutCause.STOCK_PROTECTED_FOR_OTHERS
                    : StockOutCause.ORDER_ABOVE_STOCK;
            KeyAccountStockOut event = new KeyAccountStockOut(UUID.randomUUID(), clock.instant(), sale.sku(),
                    sale.accountId(), sale.eventId(), sale.quantity(), allocation.served(), allocation.backordered(),
                    cause, onHand, own, others);
            outbox.append(event.eventId(), Topics.SUPPLY_SIGNALS, sale.sku(), "KeyAccountStockOut", event);
            meters.counter("kam.supply.key.account.stockouts", "cause", cause.name()).increment();
        }
        if (allocation.served() > 0) {
            SkuStock.Taken taken = lot.stock.take(allocation.served());
            lot.stock = taken.stock();
            catalogue.sold(taken);
            // The protection just drawn on is topped up from what free stock is left.
            for (String accountId : position.fillProtections()) {
                protections.toppedUp(sale.sku(), lot.held(accountId));
            }
        }
    }

    /** A sale's order as allocation decided it, written at the commit. */
    private record PlacedOrder(SaleLine sale, Tier tier, Allocation allocation) {
    }

    /**
     * Shares a SKU's stock the way {@link SkuPosition#receive} does: KEY and POTENTIAL accounts'
     * waiting orders first, then protections, then REGULAR accounts' waiting orders. The product
     * row is locked; the SKU's protection lock is taken here.
     */
    private void settle(String sku) {
        protections.lockSkus(List.of(sku));
        if (protectedUnits(sku) > onHandOf(sku)) {
            protections.stockChanged(new StockChanged(sku, onHandOf(sku))); // less stock: shrink to fit first
        }
        serveBackorders(sku, SkuPosition.PRIORITY_ACCOUNTS);
        protections.stockChanged(new StockChanged(sku, onHandOf(sku)));
        serveBackorders(sku, EnumSet.of(Tier.REGULAR));
    }

    private void serveBackorders(String sku, Set<Tier> tiers) {
        Optional<SkuPosition> loaded = position(sku);
        if (loaded.isEmpty() || loaded.get().backorders().isEmpty()) {
            return;
        }
        List<Allocation> served = loaded.get().serveBackorders(tiers);
        int units = 0;
        for (Allocation allocation : served) {
            jdbc.update("""
                    update customer_order set served_later = served_later + ?, owed = ?, updated_at = now()
                    where order_id = ?""",
                    allocation.served(), allocation.backordered(), UUID.fromString(allocation.orderId()));
            protections.consumed(allocation.accountId(), sku, allocation.fromProtection());
            count(allocation);
            units += allocation.served();
        }
        if (units > 0) {
            meters.counter("kam.supply.backorders.served").increment(served.size());
            catalogue.take(sku, units);
        }
    }

    private int onHandOf(String sku) {
        return jdbc.queryForList("select on_hand from product where sku = ?", Integer.class, sku).stream()
                .findFirst().orElse(0);
    }

    private int protectedUnits(String sku) {
        return jdbc.queryForList("select units from sku_protected where sku = ?", Long.class, sku).stream()
                .findFirst().map(Math::toIntExact).orElse(0);
    }

    private void count(Allocation allocation) {
        if (allocation.fromProtection() > 0) {
            meters.counter("kam.supply.units.served", "from", "protection").increment(allocation.fromProtection());
        }
        if (allocation.fromFreeStock() > 0) {
            meters.counter("kam.supply.units.served", "from", "free-stock").increment(allocation.fromFreeStock());
        }
    }

    private double backorderedUnits() {
        try {
            Long units = jdbc.queryForObject("select coalesce(sum(owed), 0) from customer_order where owed > 0", Long.class);
            return units == null ? 0 : units;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
