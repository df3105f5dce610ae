package org.kam.relationship.activity;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kam.chassis.inbox.Inbox;
import org.kam.chassis.transaction.RowsAtCommit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the other services report about each account, kept for briefings and planning: sales per
 * month, the stock protected for it, its stock-outs. Owns {@code account_sales_month},
 * {@code account_protection} and {@code account_stock_out}; learnt from events only, never by
 * calling the other services.
 */
@Service
public class AccountActivity {

    static final String SALES = "relationship-service.sales";
    static final String RESERVATIONS = "relationship-service.reservations";

    private final JdbcTemplate jdbc;
    private final Inbox inbox;
    private final ApplicationEventPublisher events;
    /**
     * Read only by briefings and planning, in transactions of their own: a transaction's sales are
     * summed per account and month and added to the stored totals at its commit, together.
     */
    private final RowsAtCommit<MonthTotal> monthTotals;
    private final RowsAtCommit<Protection> protections;
    private final RowsAtCommit<StockOut> stockOuts;

    AccountActivity(JdbcTemplate jdbc, Inbox inbox, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.monthTotals = RowsAtCommit.merging(jdbc, """
                insert into account_sales_month (account_id, month, amount, lines) values (?, ?, ?, ?)
                on conflict (account_id, month) do update
                   set amount = account_sales_month.amount + excluded.amount,
                       lines = account_sales_month.lines + excluded.lines""",
                total -> List.of(total.accountId(), total.month()), MonthTotal::plus, (ps, total) -> {
                    ps.setString(1, total.accountId());
                    ps.setObject(2, total.month());
                    ps.setBigDecimal(3, total.amount());
                    ps.setInt(4, total.lines());
                });
        // Read by the account's page, in transactions of their own: a batch's protections and
        // stock-outs are written at its commit, the latest protection per account and SKU only.
        this.protections = RowsAtCommit.merging(jdbc, """
                insert into account_protection (account_id, sku, reserved, requested, shortage, updated_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (account_id, sku) do update set reserved = excluded.reserved, requested = excluded.requested,
                    shortage = excluded.shortage, updated_at = excluded.updated_at
                where account_protection.updated_at <= excluded.updated_at""",
                protection -> List.of(protection.accountId(), protection.sku()),
                (earlier, later) -> later.occurredAt().isBefore(earlier.occurredAt()) ? earlier : later,
                (ps, protection) -> {
                    ps.setString(1, protection.accountId());
                    ps.setString(2, protection.sku());
                    ps.setInt(3, protection.reserved());
                    ps.setInt(4, protection.requested());
                    ps.setInt(5, protection.shortage());
                    ps.setTimestamp(6, Timestamp.from(protection.occurredAt()));
                });
        this.stockOuts = new RowsAtCommit<>(jdbc, """
                insert into account_stock_out (event_id, account_id, sku, ordered, backordered, cause, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", (ps, stockOut) -> {
                    ps.setObject(1, stockOut.eventId());
                    ps.setString(2, stockOut.accountId());
                    ps.setString(3, stockOut.sku());
                    ps.setInt(4, stockOut.ordered());
                    ps.setInt(5, stockOut.backordered());
                    ps.setString(6, stockOut.cause().name());
                    ps.setTimestamp(7, Timestamp.from(stockOut.occurredAt()));
                });
        this.inbox = inbox;
        this.events = events;
    }

    /**
     * The sales a consumer's transaction is about to record, announced first ({@link SalesAhead}),
     * so those who react to each sale read what they need for all of them at once.
     */
    @Transactional
    public void salesAhead(List<SaleLine> sales) {
        if (!sales.isEmpty()) {
            events.publishEvent(new SalesAhead(sales));
        }
    }

    @Transactional
    public void recordSale(SaleLine sale) {
        if (!inbox.firstDelivery(SALES, sale.eventId())) {
            return;
        }
        LocalDate month = YearMonth.from(sale.occurredAt().atZone(ZoneOffset.UTC)).atDay(1);
        monthTotals.add(new MonthTotal(sale.accountId(), month, sale.amount(), 1));
        events.publishEvent(new SaleArrived(sale));
    }

    /** The latest protection per account and SKU wins; an older one replayed later changes nothing. */
    @Transactional
    public void recordProtection(Protection protection) {
        if (!inbox.firstDelivery(RESERVATIONS, protection.eventId())) {
            return;
        }
        protections.add(protection);
    }

    /** Idempotent on the event id (the table's key). */
    @Transactional
    public void recordStockOut(StockOut stockOut) {
        stockOuts.add(stockOut);
    }

    /** Sales per month from {@code from} (inclusive), oldest first. */
    public List<MonthlySales> salesSince(String accountId, LocalDate from) {
        return jdbc.query("""
                select month, amount, lines from account_sales_month where account_id = ? and month >= ? order by month""",
                (rs, row) -> new MonthlySales(YearMonth.from(rs.getObject(1, LocalDate.class)), rs.getBigDecimal(2),
                        rs.getInt(3)), accountId, from);
    }

    /** The latest month with sales over all accounts: the business clock of the sales trend. */
    public YearMonth latestMonth() {
        LocalDate month = jdbc.queryForObject("select max(month) from account_sales_month", LocalDate.class);
        return month == null ? null : YearMonth.from(month);
    }

    /** Each account's sales in the twelve months up to and including the latest month with any sales. */
    public Map<String, BigDecimal> valueOverLastYear(Collection<String> accountIds) {
        Map<String, BigDecimal> values = new HashMap<>();
        YearMonth latest = latestMonth();
        if (accountIds.isEmpty() || latest == null) {
            return values;
        }
        jdbc.query(con -> {
            var select = con.prepareStatement("""
                    select account_id, sum(amount) from account_sales_month
                    where account_id = any(?) and month > ? group by account_id""");
            select.setArray(1, con.createArrayOf("text", accountIds.toArray()));
            select.setObject(2, latest.minusMonths(12).atDay(1));
            return select;
        }, rs -> {
            values.put(rs.getString(1), rs.getBigDecimal(2));
        });
        return values;
    }

    /** The stock protected for the account now, per SKU (released protections left out). */
    public List<ProtectedStock> protections(String accountId) {
        return jdbc.query("""
                select sku, reserved, requested, shortage from account_protection
                where account_id = ? and (reserved > 0 or shortage > 0) order by sku""",
                (rs, row) -> new ProtectedStock(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getInt(4)), accountId);
    }

    /** The account's stock-outs since {@code since}, latest first. */
    public List<StockOut> stockOutsSince(String accountId, Instant since) {
        return jdbc.query("""
                select * from account_stock_out where account_id = ? and occurred_at >= ? order by occurred_at desc limit 50""",
                (rs, row) -> new StockOut(rs.getObject("event_id", java.util.UUID.class),
                        rs.getTimestamp("occurred_at").toInstant(), rs.getString("account_id"), rs.getString("sku"),
                        rs.getInt("ordered"), rs.getInt("backordered"), StockOutCause.valueOf(rs.getString("cause"))), accountId,
                Timestamp.from(since));
    }

    public record MonthlySales(YearMonth month, BigDecimal amount, int lines) {
    }

    public record ProtectedStock(String sku, int reserved, int requested, int shortage) {
    }

    /** Sales of an account in a month, not stored yet. */
    private record MonthTotal(String accountId, LocalDate month, BigDecimal amount, int lines) {
        MonthTotal plus(MonthTotal other) {
            return new MonthTotal(accountId, month, amount.add(other.amount), lines + other.lines);
        }
    }
}
