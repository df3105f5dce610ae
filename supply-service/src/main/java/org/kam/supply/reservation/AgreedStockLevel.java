package org.kam.supply.reservation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** The stock level agreed with a key account for a SKU, which its protection requests instead of the forecast. */
public record AgreedStockLevel(String accountId, String sku, int units, String note, String setBy, Instant updatedAt) {

    static AgreedStockLevel read(ResultSet rs, int row) throws SQLException {
        return new AgreedStockLevel(rs.getString("account_id"), rs.getString("sku"), rs.getInt("units"),
                rs.getString("note"), rs.getString("set_by"), rs.getTimestamp("updated_at").toInstant());
    }
}
