package org.kam.account.sales;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;

import org.kam.account.Topics;
import org.kam.account.tiering.Tiering;
import org.kam.chassis.inbox.Inbox;
import org.kam.chassis.outbox.OutgoingEvent;
import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.transaction.RowsAtCommit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Sales in: accepted from the API onto the sales stream, and recorded from the stream. */
@Service
public class SalesLedger {

    static final String CONSUMER = "account-service.sales";

    private final JdbcTemplate jdbc;
    private final Inbox inbox;
    private final Outbox outbox;
    private final Tiering tiering;
    private final RowsAtCommit<Sale> sales;
    private final Counter recorded;
    private final Counter accountsOpened;

    SalesLedger(JdbcTemplate jdbc, Inbox inbox, Outbox outbox, Tiering tiering, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.outbox = outbox;
        this.tiering = tiering;
        // Tiering keeps the sales in memory, and reads them from the table only when it (re)builds,
        // at the first sale of a transaction: written at the commit, together.
        this.sales = new RowsAtCommit<>(jdbc, """
                insert into sale (event_id, account_id, order_id, sku, quantity, amount, currency, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", (ps, sale) -> {
                    ps.setObject(1, sale.eventId());
                    ps.setString(2, sale.accountId());
                    ps.setString(3, sale.orderId());
                    ps.setString(4, sale.sku());
                    ps.setInt(5, sale.quantity());
                    ps.setBigDecimal(6, sale.amount());
                    ps.setString(7, sale.currency());
                    ps.setTimestamp(8, Timestamp.from(sale.occurredAt()));
                });
        this.recorded = meters.counter("kam.sales.recorded");
        this.accountsOpened = meters.counter("kam.accounts.opened.by.sale");
    }

    /**
     * Puts a sale received over HTTP on kam.sales.v1, exactly as any other producer would; it is
     * recorded when it comes back from the topic, so there is one path for every sale.
     */
    @Transactional
    public void accept(Sale sale, byte[] json) {
        outbox.append(new OutgoingEvent(sale.eventId(), Topics.SALES, sale.accountId(), "SaleRecorded",
                new String(json, StandardCharsets.UTF_8)));
    }

    /** Stores a sale once, opening the account on its first sale, and re-tiers. */
    @Transactional
    public void record(Sale sale) {
        if (!inbox.firstDelivery(CONSUMER, sale.eventId())) {
            return;
        }
        // No sale is dropped for an unknown customer: it is opened with its id as name. (Tiering holds
        // every stored account: asking it saves a round trip per sale.)
        if (!tiering.knowsAccount(sale.accountId())) {
            int opened = jdbc.update("insert into account (id, name) values (?, ?) on conflict (id) do nothing",
                    sale.accountId(), sale.accountId());
            if (opened == 1) {
                accountsOpened.increment();
            }
        }
        sales.add(sale);
        recorded.increment();
        tiering.saleRecorded(sale.eventId(), sale.accountId(), sale.occurredAt(), sale.amount());
    }
}
