package org.kam.supply.demand;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * history forecasts the same way. The one place that turns {@code sale_line} into demand series:
 * the forecast API and the sizing of protections both read it here.
 */
@Service
public class DemandForecasts {

    private final JdbcTemplate jdbc;
    private final Forecasting forecasting = Forecasting.weekly();

    DemandForecasts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when nothing of the SKU (for that account, when given) was ever sold. */
    public Optional<Forecast> forecast(String sku, String accountId, int horizonWeeks) {
        return weeklyDemand(sku, accountId).map(series -> forecasting.forecast(series, horizonWeeks));
    }

    /**
     * Weekly demand for the SKU (of one account when {@code accountId} is given) up to the latest
     * sale supply knows; empty when nothing of it was ever sold.
     */
    public Optional<DemandSeries> weeklyDemand(String sku, String accountId) {
        Optional<Instant> asOf = asOf();
        List<Object> arguments = new ArrayList<>(List.of(sku));
        if (accountId != null) {
            arguments.add(accountId);
        }
        String sql = "select date_trunc('week', occurred_at at time zone 'UTC') at time zone 'UTC', sum(quantity)"
                + " from sale_line where sku = ?" + (accountId == null ? "" : " and account_id = ?")
                + " group by 1 order by 1";
        List<DemandSeries.Observation> weeks = jdbc.query(sql, DemandForecasts::observation, arguments.toArray());
        if (weeks.isEmpty() || asOf.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(DemandSeries.weekly(weeks, asOf.get()));
    }

    /** The SKUs the account bought in the {@code lookback} before the latest sale supply knows, by SKU. */
    public List<String> skusBought(String accountId, Period lookback) {
        Optional<Instant> asOf = asOf();
        if (asOf.isEmpty()) {
            return List.of();
        }
        Instant since = asOf.get().atOffset(ZoneOffset.UTC).minus(lookback).toInstant();
        return jdbc.queryForList("""
                select distinct sku from sale_line where account_id = ? and occurred_at > ? order by sku""",
                String.class, accountId, Timestamp.from(since));
    }

    /** The latest sale time supply knows: the clock of every forecast. */
    private Optional<Instant> asOf() {
        return Optional.ofNullable(jdbc.queryForObject("select max(occurred_at) from sale_line", Timestamp.class))
                .map(Timestamp::toInstant);
    }

    private static DemandSeries.Observation observation(ResultSet rs, int row) throws SQLException {
        return new DemandSeries.Observation(rs.getTimestamp(1).toInstant(), rs.getLong(2));
    }
}
