package org.kam.insight.stock;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.kam.chassis.transaction.RowsAtCommit;
import org.kam.insight.collection.FactListener;
import org.kam.insight.collection.ReservationChange;
import org.kam.insight.collection.SupplySignal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Stock as the key accounts meet it, per SKU, for the dashboard: what supply-service protects for
 * each account (the last ReservationChanged of an account and SKU states its whole reservation) and
 * the units key accounts could not get at once (KeyAccountStockOut). Owns {@code sku_protection} and
 * {@code stock_out}; told by the Collector inside the transaction that collects the event.
 */
@Repository
public class StockPositions implements FactListener {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final RowsAtCommit<Received> protections;
    private final RowsAtCommit<ReceivedStockOut> stockOuts;

    StockPositions(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        // Read by the dashboard, in transactions of its own: a batch's protections (the last per
        // account and SKU, each states the whole reservation) and stock-outs are written at its commit.
        this.protections = RowsAtCommit.merging(jdbc, """
                insert into sku_protection (account_id, sku, tier, requested, reserved, shortage, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (sku, account_id) do update set tier = excluded.tier, requested = excluded.requested,
                    reserved = excluded.reserved, shortage = excluded.shortage, updated_at = excluded.updated_at""",
                held -> List.of(held.change().sku(), held.change().accountId()), (earlier, later) -> later,
                (ps, held) -> {
                    ReservationChange change = held.change();
                    ps.setString(1, change.accountId());
                    ps.setString(2, change.sku());
                    ps.setString(3, change.tier().name());
                    ps.setInt(4, Math.max(0, change.requested()));
                    ps.setInt(5, Math.max(0, change.reserved()));
                    ps.setInt(6, Math.max(0, change.shortage()));
                    ps.setTimestamp(7, Timestamp.from(held.receivedAt()));
                });
        this.stockOuts = new RowsAtCommit<>(jdbc, """
                insert into stock_out (event_id, sku, account_id, ordered, served, backordered, cause, received_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", (ps, received) -> {
                    SupplySignal.StockOut stockOut = received.stockOut();
                    ps.setObject(1, stockOut.eventId());
                    ps.setString(2, stockOut.sku());
                    ps.setString(3, stockOut.accountId());
                    ps.setInt(4, stockOut.ordered());
                    ps.setInt(5, stockOut.served());
                    ps.setInt(6, stockOut.backordered());
                    ps.setString(7, stockOut.cause());
                    ps.setTimestamp(8, Timestamp.from(received.receivedAt()));
                });
    }

    @Override
    public void reservationChanged(ReservationChange change) {
        protections.add(new Received(change, clock.instant()));
    }

    @Override
    public void supplySignalReceived(SupplySignal signal) {
        if (signal instanceof SupplySignal.StockOut stockOut) {
            stockOuts.add(new ReceivedStockOut(stockOut, clock.instant()));
        }
    }

    private record Received(ReservationChange change, java.time.Instant receivedAt) {
    }

    private record ReceivedStockOut(SupplySignal.StockOut stockOut, java.time.Instant receivedAt) {
    }

    /**
     * Every SKU with a protection or a stock-out within {@code window}, the most protected first.
     * {@code limit} bounds the rows.
     */
    public List<SkuStock> perSku(Duration window, int limit) {
        return jdbc.query("""
                with protection as (
                    select sku, sum(requested) requested, sum(reserved) reserved, sum(shortage) shortage,
                           count(*) filter (where reserved > 0) accounts
                    from sku_protection group by sku),
                outs as (
                    select sku, count(*) stock_outs, sum(backordered) backordered
                    from stock_out where received_at >= ? group by sku)
                select coalesce(p.sku, o.sku) sku, coalesce(p.requested, 0) requested, coalesce(p.reserved, 0) reserved,
                       coalesce(p.shortage, 0) shortage, coalesce(p.accounts, 0) accounts,
                       coalesce(o.stock_outs, 0) stock_outs, coalesce(o.backordered, 0) backordered
                from protection p full join outs o on o.sku = p.sku
                where coalesce(p.requested, 0) > 0 or coalesce(o.stock_outs, 0) > 0
                order by reserved desc, backordered desc, sku
                limit ?""",
                (rs, row) -> new SkuStock(rs.getString("sku"), rs.getLong("requested"), rs.getLong("reserved"),
                        rs.getLong("shortage"), rs.getInt("accounts"), rs.getInt("stock_outs"), rs.getLong("backordered")),
                Timestamp.from(clock.instant().minus(window)), limit);
    }

    /**
     * @param requested   units supply-service means to protect for accounts, summed over them
     * @param reserved    units it does protect
     * @param shortage    units it could not protect from stock
     * @param accounts    accounts with units protected
     * @param stockOuts   key-account orders not served in full within the window
     * @param backordered units those orders put on backorder
     */
    public record SkuStock(String sku, long requested, long reserved, long shortage, int accounts, int stockOuts,
            long backordered) {
    }
}
