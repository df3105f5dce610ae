package org.kam.insight.collection;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.kam.chassis.inbox.Inbox;
import org.kam.chassis.transaction.RowsAtCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What comes in: keeps each sale, each account's current tier and the tiers it held before
 * ({@code tier_history}) as facts, once per event, and
 * tells the {@link FactListener}s in the same transaction. Reservations and supply signals are not
 * kept; they only pass through to the listeners.
 */
@Service
public class Collector {

    static final String SALES_CONSUMER = "insight-service.sales";
    static final String TIERS_CONSUMER = "insight-service.account-tiers";
    static final String RESERVATIONS_CONSUMER = "insight-service.reservations";
    static final String SUPPLY_SIGNALS_CONSUMER = "insight-service.supply-signals";
    static final String RELATIONSHIP_SIGNALS_CONSUMER = "insight-service.relationship-signals";
    static final String PRODUCTS_CONSUMER = "insight-service.products";

    private static final Logger log = LoggerFactory.getLogger(Collector.class);

    private final JdbcTemplate jdbc;
    private final Inbox inbox;
    private final List<FactListener> listeners;
    private final MeterRegistry meters;
    private final KnownFacts facts;
    /** Nothing reads a sale fact back in the transaction that keeps it: written at its commit, together. */
    private final RowsAtCommit<SaleFact> saleFacts;
    /** Read only by the portfolio views and the market watch, never in a consumer's transaction: written at its commit. */
    private final RowsAtCommit<TierChange> tierHistory;
    /**
     * Each account's current tier, decided in the transaction on what it read ({@link KnownFacts})
     * and written at its commit, the latest change of each account once (issue 12: a statement per
     * change was a fifth of insight's). The statement keeps the check of the sequence, so a change
     * that another writer stored meanwhile is never overwritten by an older one.
     */
    private final RowsAtCommit<TierChange> tiers;

    Collector(JdbcTemplate jdbc, Inbox inbox, List<FactListener> listeners, MeterRegistry meters, KnownFacts facts) {
        this.jdbc = jdbc;
        this.facts = facts;
        this.saleFacts = new RowsAtCommit<>(jdbc, """
                insert into sale_fact (event_id, account_id, sku, quantity, amount, occurred_at, tier_at_sale)
                values (?, ?, ?, ?, ?, ?, ?)""", (ps, fact) -> {
                    Sale sale = fact.sale();
                    ps.setObject(1, sale.eventId());
                    ps.setString(2, sale.accountId());
                    ps.setString(3, sale.sku());
                    ps.setInt(4, sale.quantity());
                    ps.setBigDecimal(5, sale.amount());
                    ps.setTimestamp(6, Timestamp.from(sale.occurredAt()));
                    ps.setString(7, fact.tierAtSale().name());
                });
        this.tierHistory = new RowsAtCommit<>(jdbc, """
                insert into tier_history (event_id, account_id, from_tier, to_tier, as_of, sequence)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""", (ps, change) -> {
                    ps.setObject(1, change.eventId());
                    ps.setString(2, change.accountId());
                    ps.setString(3, change.from().name());
                    ps.setString(4, change.to().name());
                    ps.setTimestamp(5, Timestamp.from(change.asOf()));
                    ps.setLong(6, change.sequence());
                });
        this.tiers = RowsAtCommit.merging(jdbc, """
                insert into account_tier (account_id, tier, as_of, sequence) values (?, ?, ?, ?)
                on conflict (account_id) do update
                   set tier = excluded.tier, as_of = excluded.as_of, sequence = excluded.sequence
                where account_tier.sequence < excluded.sequence
                   or (account_tier.sequence = 0 and excluded.sequence = 0)""", TierChange::accountId,
                (earlier, later) -> later, (ps, change) -> {
                    ps.setString(1, change.accountId());
                    ps.setString(2, change.to().name());
                    ps.setTimestamp(3, Timestamp.from(change.asOf()));
                    ps.setLong(4, change.sequence());
                });
        this.inbox = inbox;
        this.listeners = List.copyOf(listeners);
        this.meters = meters;
    }

    /**
     * Reads the tiers and product lines that a transaction's records of {@code accountIds} and
     * {@code skus} will ask for, in two statements (the consumer's look-ahead at its batch).
     */
    public void readAhead(Collection<String> accountIds, Collection<String> skus) {
        facts.readAhead(accountIds, skus);
    }

    /** Keeps the sale with the tier its account has now. */
    @Transactional
    public void collect(Sale sale) {
        if (!inbox.firstDelivery(SALES_CONSUMER, sale.eventId())) {
            return;
        }
        Tier tier = facts.tierOf(sale.accountId());
        saleFacts.add(new SaleFact(sale, tier));
        listeners.forEach(listener -> listener.saleCollected(sale, tier));
    }

    /**
     * Makes the change the account's current tier. account-service publishes an account's changes
     * in order on one partition, so the last one received is the current one.
     */
    @Transactional
    public void collect(TierChange change) {
        if (!inbox.firstDelivery(TIERS_CONSUMER, change.eventId())) {
            return;
        }
        if (!facts.knownTier(change.accountId()).replacedBy(change.sequence())) {
            // An older change replayed after a newer one: the tier stays, and nobody is told again.
            meters.counter("kam.insight.tier.changes.stale").increment();
            return;
        }
        tiers.add(change);
        facts.tierNow(change.accountId(), change.to(), change.sequence());
        tierHistory.add(change);
        listeners.forEach(listener -> listener.tierChanged(change));
    }

    @Transactional
    public void collect(ReservationChange change) {
        if (!inbox.firstDelivery(RESERVATIONS_CONSUMER, change.eventId())) {
            return;
        }
        listeners.forEach(listener -> listener.reservationChanged(change));
    }

    /**
     * Reads a kam.supply-signals.v1 record of type {@code eventType} and passes it on. A type
     * insight-service does not know is skipped and counted ({@code kam.supply-signals.ignored}),
     * not dead-lettered: supply-service may add types, and they are not wrong, only not ours yet.
     */
    @Transactional
    public void collectSupplySignal(String eventType, byte[] json) {
        Optional<SupplySignal> read = IncomingEvents.supplySignal(eventType, json);
        if (read.isEmpty()) {
            log.debug("Ignoring a {} on kam.supply-signals.v1: not a type insight-service reads", eventType);
            meters.counter("kam.supply-signals.ignored", "type", eventType).increment();
            return;
        }
        SupplySignal signal = read.get();
        if (!inbox.firstDelivery(SUPPLY_SIGNALS_CONSUMER, signal.eventId())) {
            return;
        }
        listeners.forEach(listener -> listener.supplySignalReceived(signal));
    }

    /**
     * Reads a kam.relationship-signals.v1 record of type {@code eventType} and passes it on; a type
     * insight-service does not read is skipped and counted ({@code kam.relationship-signals.ignored}).
     */
    @Transactional
    public void collectRelationshipSignal(String eventType, byte[] json) {
        Optional<RelationshipSignal> read = IncomingEvents.relationshipSignal(eventType, json);
        if (read.isEmpty()) {
            meters.counter("kam.relationship-signals.ignored", "type", eventType).increment();
            return;
        }
        RelationshipSignal signal = read.get();
        if (!inbox.firstDelivery(RELATIONSHIP_SIGNALS_CONSUMER, signal.eventId())) {
            return;
        }
        listeners.forEach(listener -> listener.relationshipSignalReceived(signal));
    }

    /** Keeps each SKU's name and product line as supply-service last announced them (kam.products.v1 is compacted). */
    @Transactional
    public void collect(ProductDetails product) {
        if (!inbox.firstDelivery(PRODUCTS_CONSUMER, product.eventId())) {
            return;
        }
        jdbc.update("""
                insert into product (sku, name, product_line, technical, updated_at) values (?, ?, ?, ?, now())
                on conflict (sku) do update set name = excluded.name, product_line = excluded.product_line,
                    technical = excluded.technical, updated_at = excluded.updated_at""",
                product.sku(), product.name(), product.productLine(), product.technical());
        facts.productLineNow(product.sku(), product.productLine());
    }

    private record SaleFact(Sale sale, Tier tierAtSale) {
    }
}
