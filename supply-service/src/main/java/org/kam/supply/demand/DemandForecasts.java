package org.kam.supply.demand;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.kam.supply.forecast.DemandSeries;
import org.kam.supply.forecast.Forecast;
import org.kam.supply.forecast.ForecastMemo;
import org.kam.supply.forecast.Forecasting;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;

/**
 * Demand history from the sales supply-service has received, and its forecast: per SKU, or per
 * account and SKU. The clock is the latest sale time supply knows (event time), so a replayed
 * history forecasts the same way. The one place that turns {@code sale_line} into demand series:
 * the forecast API, the sizing of protections and the peak-season plan all read it here.
 */
@Service
public class DemandForecasts {

    /** The ISO week (Monday 00:00 UTC) a sale falls in, as {@link DemandSeries#weekly} buckets it. */
    private static final String WEEK = "date_trunc('week', occurred_at at time zone 'UTC') at time zone 'UTC'";

    private final JdbcTemplate jdbc;
    /** The model last fitted to each history, by SKU and account (none for a SKU's whole demand). */
    private final ForecastMemo<History> memo;

    DemandForecasts(JdbcTemplate jdbc, DemandProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.memo = new ForecastMemo<>(Forecasting.weekly(), properties.forecastMemoEntries());
        FunctionCounter.builder("kam.supply.forecasts.fitted", memo, ForecastMemo::fitted)
                .description("Demand forecasts fitted to a history that was new, had changed or was forgotten")
                .register(meters);
        FunctionCounter.builder("kam.supply.forecasts.reused", memo, ForecastMemo::reused)
                .description("Demand forecasts given back for a history unchanged since its last forecast")
                .register(meters);
        Gauge.builder("kam.supply.forecasts.remembered", memo, ForecastMemo::size)
                .description("Demand histories whose last fitted model is kept").register(meters);
    }

    /** Empty when nothing of the SKU (for that account, when given) was ever sold. */
    public Optional<Forecast> forecast(String sku, String accountId, int horizonWeeks) {
        return weeklyDemand(sku, accountId).map(series -> memo.forecast(new History(sku, accountId), series,
                horizonWeeks));
    }

    /**
     * Weekly demand for the SKU (of one account when {@code accountId} is given) up to the latest
     * sale supply knows; empty when nothing of it was ever sold.
     */
    public Optional<DemandSeries> weeklyDemand(String sku, String accountId) {
        Optional<Instant> asOf = latestSale();
        List<DemandSeries.Observation> weeks = accountId == null
                ? jdbc.query("select " + WEEK + ", sum(quantity) from sale_line where sku = ? group by 1 order by 1",
                        DemandForecasts::observation, sku)
                : jdbc.query("select " + WEEK + ", sum(quantity) from sale_line where sku = ? and account_id = ?"
                        + " group by 1 order by 1", DemandForecasts::observation, sku, accountId);
        if (weeks.isEmpty() || asOf.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(series(weeks, asOf.get()));
    }

    /**
     * One forecast per account and SKU for every SKU {@code accountIds} bought, handed over one SKU
     * at a time (by SKU; within it by account), all from the same clock, so they share their week 0
     * ({@link Forecast#start()}). The sales are read as a stream, so memory holds one SKU's series,
     * not every account's history at once. Must run inside a transaction (the cursor needs one).
     */
    public void forecastsOfAccountsBySku(Collection<String> accountIds, int horizonWeeks,
            BiConsumer<String, List<AccountForecast>> perSku) {
        Optional<Instant> asOf = latestSale();
        if (accountIds.isEmpty() || asOf.isEmpty()) {
            return;
        }
        SkuGroups groups = new SkuGroups(asOf.get(), horizonWeeks, perSku);
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("select sku, account_id, " + WEEK
                    + ", sum(quantity) from sale_line where account_id = any(?) group by 1, 2, 3 order by 1, 2, 3");
            statement.setArray(1, connection.createArrayOf("text", accountIds.toArray()));
            statement.setFetchSize(10_000);
            return statement;
        }, groups);
        groups.flush();
    }

    /** Collects one SKU's weekly series per account from the sorted rows, and forecasts them when the SKU ends. */
    private final class SkuGroups implements RowCallbackHandler {

        private final Instant asOf;
        private final int horizonWeeks;
        private final BiConsumer<String, List<AccountForecast>> perSku;
        private String sku;
        private final Map<String, List<DemandSeries.Observation>> series = new LinkedHashMap<>();

        SkuGroups(Instant asOf, int horizonWeeks, BiConsumer<String, List<AccountForecast>> perSku) {
            this.asOf = asOf;
            this.horizonWeeks = horizonWeeks;
            this.perSku = perSku;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            String rowSku = rs.getString(1);
            if (!rowSku.equals(sku)) {
                flush();
                sku = rowSku;
            }
            series.computeIfAbsent(rs.getString(2), account -> new ArrayList<>())
                    .add(new DemandSeries.Observation(rs.getTimestamp(3).toInstant(), rs.getLong(4)));
        }

        void flush() {
            if (sku == null) {
                return;
            }
            List<AccountForecast> forecasts = new ArrayList<>();
            series.forEach((account, weeks) -> forecasts.add(
                    new AccountForecast(account, sku, memo.forecast(new History(sku, account), series(weeks, asOf),
                            horizonWeeks))));
            perSku.accept(sku, forecasts);
            series.clear();
            sku = null;
        }
    }

    /**
     * The forecast of what each account will buy of each of its SKUs ({@code skusByAccount}), by
     * account and SKU, from one query and one clock (the sizer sizes a group of accounts at once); a
     * SKU an account never bought has none.
     */
    public Map<String, Map<String, Forecast>> forecastsOfAccounts(Map<String, ? extends Collection<String>> skusByAccount,
            int horizonWeeks) {
        Optional<Instant> asOf = latestSale();
        Map<String, Map<String, Forecast>> forecasts = new HashMap<>();
        String[] skus = skusByAccount.values().stream().flatMap(Collection::stream).distinct().toArray(String[]::new);
        if (skus.length == 0 || asOf.isEmpty()) {
            return forecasts;
        }
        Map<String, Map<String, List<DemandSeries.Observation>>> weeks = new LinkedHashMap<>();
        jdbc.query(connection -> {
            PreparedStatement statement = connection.prepareStatement("select account_id, sku, " + WEEK
                    + ", sum(quantity) from sale_line where account_id = any(?) and sku = any(?)"
                    + " group by 1, 2, 3 order by 1, 2, 3");
            statement.setArray(1, connection.createArrayOf("text", skusByAccount.keySet().toArray()));
            statement.setArray(2, connection.createArrayOf("text", skus));
            return statement;
        }, (RowCallbackHandler) rs -> {
            String account = rs.getString(1);
            String sku = rs.getString(2);
            if (skusByAccount.get(account).contains(sku)) {
                weeks.computeIfAbsent(account, a -> new LinkedHashMap<>()).computeIfAbsent(sku, k -> new ArrayList<>())
                        .add(new DemandSeries.Observation(rs.getTimestamp(3).toInstant(), rs.getLong(4)));
            }
        });
        weeks.forEach((account, bySku) -> bySku.forEach((sku, observed) -> forecasts
                .computeIfAbsent(account, a -> new HashMap<>())
                .put(sku, memo.forecast(new History(sku, account), series(observed, asOf.get()), horizonWeeks))));
        return forecasts;
    }

    /**
     * The SKUs each of {@code accountIds} bought in the {@code lookback} before the latest sale
     * supply knows, by account, in order; an account that bought nothing is missing.
     */
    public Map<String, SortedSet<String>> skusBought(Collection<String> accountIds, Period lookback) {
        Optional<Instant> asOf = latestSale();
        Map<String, SortedSet<String>> bought = new HashMap<>();
        if (asOf.isEmpty() || accountIds.isEmpty()) {
            return bought;
        }
        Instant since = asOf.get().atOffset(ZoneOffset.UTC).minus(lookback).toInstant();
        jdbc.query("""
                select distinct account_id, sku from sale_line where account_id = any(?) and occurred_at > ?""",
                rs -> { bought.computeIfAbsent(rs.getString(1), account -> new TreeSet<>()).add(rs.getString(2)); },
                accountIds.toArray(String[]::new), Timestamp.from(since));
        return bought;
    }

    /**
     * Weekly demand of the complete weeks before {@code asOf}. A history that has no complete week
     * yet (a new customer buying for the first time this week) counts the running week as complete:
     * its first purchases are the best estimate of its weekly demand there is, and a new key account
     * should not wait a week for its protection.
     */
    private static DemandSeries series(List<DemandSeries.Observation> weeks, Instant asOf) {
        DemandSeries complete = DemandSeries.weekly(weeks, asOf);
        if (complete.values().length > 0) {
            return complete;
        }
        Instant nextWeek = asOf.atOffset(ZoneOffset.UTC).toLocalDate()
                .with(TemporalAdjusters.next(DayOfWeek.MONDAY)).atStartOfDay(ZoneOffset.UTC).toInstant();
        return DemandSeries.weekly(weeks, nextWeek);
    }

    /** The clock of every forecast: the latest sale time supply knows; empty before the first sale. */
    public Optional<Instant> latestSale() {
        return Optional.ofNullable(jdbc.queryForObject("select max(occurred_at) from sale_line", Timestamp.class))
                .map(Timestamp::toInstant);
    }

    private static DemandSeries.Observation observation(ResultSet rs, int row) throws SQLException {
        return new DemandSeries.Observation(rs.getTimestamp(1).toInstant(), rs.getLong(2));
    }

    /** Whose demand a history is: a SKU's, or one account's of it (when {@code accountId} is not null). */
    private record History(String sku, String accountId) {
    }

    /** The forecast of what {@code accountId} will buy of {@code sku}. */
    public record AccountForecast(String accountId, String sku, Forecast forecast) {
    }
}
