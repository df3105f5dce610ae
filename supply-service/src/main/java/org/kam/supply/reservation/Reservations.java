package org.kam.supply.reservation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The protections as they stand, for reading. */
@Repository
public class Reservations {

    private final JdbcTemplate jdbc;

    Reservations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Protections, optionally of one account and/or one SKU, by account and SKU. */
    public List<Reservation> list(String accountId, String sku, int page, int size) {
        return jdbc.query("""
                select account_id, sku, tier, requested, reserved, basis, forecast_units, updated_at from reservation
                where (?::text is null or account_id = ?) and (?::text is null or sku = ?)
                order by account_id, sku limit ? offset ?""",
                Reservations::reservation, accountId, accountId, sku, sku, size, (long) page * size);
    }

    /** The stock levels agreed with an account, by SKU, whether or not they apply (only while it is KEY). */
    public List<AgreedStockLevel> agreedLevels(String accountId) {
        return jdbc.query("""
                select account_id, sku, units, note, set_by, updated_at from agreed_stock_level
                where account_id = ? order by sku""", AgreedStockLevel::read, accountId);
    }

    private static Reservation reservation(ResultSet rs, int row) throws SQLException {
        int requested = rs.getInt("requested");
        int reserved = rs.getInt("reserved");
        String basis = rs.getString("basis");
        java.math.BigDecimal forecast = rs.getBigDecimal("forecast_units");
        return new Reservation(rs.getString("account_id"), rs.getString("sku"), Tier.valueOf(rs.getString("tier")),
                requested, reserved, requested - reserved, basis == null ? null : Basis.valueOf(basis),
                forecast == null ? null : forecast.doubleValue(), rs.getTimestamp("updated_at").toInstant());
    }
}
