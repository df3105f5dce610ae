package org.kam.supply.demand;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.kam.supply.forecast.DemandSeries;
import org.kam.supply.forecast.Forecast;
import org.kam.supply.forecast.Forecasting;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Demand history from the sales supply-service has received, and its forecast: per SKU, or per
 * account and SKU. The clock is the latest sale time supply knows (event time), so a replayed
 * history forecasts the same way.
 */
@Service
public class DemandForecasts {

    private final JdbcTemplate jdbc;
    private final Forecasting forecasting = Forecasting.weekly();

    DemandForecasts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when nothing of the SKU (for that account) was ever sold. */
    public Optional<Forecast> forecast(String sku, String accountId, int horizonWeeks) {
        Timestamp asOf = jdbc.queryForObject("select max(occurred_at) from sale_line", Timestamp.class);
        List<DemandSeries.Observation> weeks = accountId == null
                ? jdbc.query("""
                        select date_trunc('week', occurred_at at time zone 'UTC') at time zone 'UTC', sum(quantity)
                        from sale_line where sku = ? group by 1 order by 1""", this::observation, sku)
                : jdbc.query("""
                        select date_trunc('week', occurred_at at time zone 'UTC') at time zone 'UTC', sum(quantity)
                        from sale_line where sku = ? and account_id = ? group by 1 order by 1""",
                        this::observation, sku, accountId);
        if (weeks.isEmpty() || asOf == null) {
            return Optional.empty();
        }
        return Optional.of(forecasting.forecast(DemandSeries.weekly(weeks, asOf.toInstant()), horizonWeeks));
    }

    private DemandSeries.Observation observation(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        Instant week = rs.getTimestamp(1).toInstant();
        return new DemandSeries.Observation(week, rs.getLong(2));
    }
}
