package org.kam.insight.collection;

import java.sql.Timestamp;
import java.util.List;

import org.kam.chassis.inbox.Inbox;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What comes in: keeps each sale and each account's current tier as facts, once per event, and
 * tells the {@link FactListener}s in the same transaction. Reservations are not kept; they only
 * pass through to the listeners.
 */
@Service
public class Collector {

    static final String SALES_CONSUMER = "insight-service.sales";
    static final String TIERS_CONSUMER = "insight-service.account-tiers";
    static final String RESERVATIONS_CONSUMER = "insight-service.reservations";

    private final JdbcTemplate jdbc;
    private final Inbox inbox;
    private final List<FactListener> listeners;

    Collector(JdbcTemplate jdbc, Inbox inbox, List<FactListener> listeners) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.listeners = List.copyOf(listeners);
    }

    /** Keeps the sale with the tier its account has now. */
    @Transactional
    public void collect(Sale sale) {
        if (!inbox.firstDelivery(SALES_CONSUMER, sale.eventId())) {
            return;
        }
        Tier tier = currentTier(sale.accountId());
        jdbc.update("""
                insert into sale_fact (event_id, account_id, sku, quantity, amount, occurred_at, tier_at_sale)
                values (?, ?, ?, ?, ?, ?, ?)""",
                sale.eventId(), sale.accountId(), sale.sku(), sale.quantity(), sale.amount(),
                Timestamp.from(sale.occurredAt()), tier.name());
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
        jdbc.update("""
                insert into account_tier (account_id, tier, as_of) values (?, ?, ?)
                on conflict (account_id) do update set tier = excluded.tier, as_of = excluded.as_of""",
                change.accountId(), change.to().name(), Timestamp.from(change.asOf()));
        listeners.forEach(listener -> listener.tierChanged(change));
    }

    @Transactional
    public void collect(ReservationChange change) {
        if (!inbox.firstDelivery(RESERVATIONS_CONSUMER, change.eventId())) {
            return;
        }
        listeners.forEach(listener -> listener.reservationChanged(change));
    }

    private Tier currentTier(String accountId) {
        return jdbc.query("select tier from account_tier where account_id = ?",
                (rs, row) -> Tier.valueOf(rs.getString(1)), accountId)
                .stream().findFirst().orElse(Tier.REGULAR);
    }
}
