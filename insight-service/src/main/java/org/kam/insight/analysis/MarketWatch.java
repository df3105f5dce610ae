package org.kam.insight.analysis;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.kam.chassis.outbox.Outbox;
import org.kam.insight.Topics;
import org.kam.insight.collection.FactListener;
import org.kam.insight.collection.MarketSignal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The barometer's watch (R4.1): each key account's weekly sales against their seasonal baseline.
 * Every run judges the complete weeks (by the business clock, the latest sale) each key account has
 * not been judged for yet, each on the weeks before it only ({@link Deviations}), so a replayed
 * history is judged week by week as if live. A deviation becomes a {@code MarketSignal} on
 * kam.insight-signals.v1 once, and the departments are told through the fact listeners. Owns
 * {@code market_watch} and {@code market_signal}.
 */
@Service
public class MarketWatch {

    static final String METHOD = "seasonal-naive baseline, robust z (3.5), CUSUM (k 0.5, h 6)";
    private static final long WATCH_LOCK = 0x6b616d_77617463L; // "kam" "watc"

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final List<FactListener> listeners;
    private final Clock clock;
    private final Deviations deviations;
    private final MeterRegistry meters;
    private final java.time.Duration settle;

    MarketWatch(JdbcTemplate jdbc, Outbox outbox, List<FactListener> listeners, Clock clock,
            @Value("${kam.insight.market-watch.z-threshold}") double zThreshold,
            @Value("${kam.insight.market-watch.settle}") java.time.Duration settle, MeterRegistry meters) {
        this.settle = settle;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
        this.deviations = new Deviations(zThreshold);
        this.meters = meters;
    }

    /** The accounts watched: every account that is KEY now. */
    public List<String> watched() {
        return jdbc.queryForList("select account_id from account_tier where tier = 'KEY' order by 1", String.class);
    }

    /** The watched accounts, largest revenue of the last 365 days (by the business clock) first: the dashboard's list. */
    @Transactional(readOnly = true)
    public List<String> watchedByRevenue() {
        return jdbc.queryForList("""
                select t.account_id from account_tier t
                left join sale_fact s on s.account_id = t.account_id
                     and s.occurred_at > (select max(occurred_at) from sale_fact) - interval '365 days'
                where t.tier = 'KEY'
                group by t.account_id
                order by coalesce(sum(s.amount), 0) desc, t.account_id """, String.class);
    }

    /** Judges the account's complete weeks not judged yet; the signals found, oldest first. */
    @Transactional
    public List<MarketSignal> judge(String accountId) {
        jdbc.queryForObject("select pg_advisory_xact_lock(?, hashtext(?))", Object.class, (int) WATCH_LOCK, accountId);
        Timestamp latest = jdbc.queryForObject("select max(occurred_at) from sale_fact", Timestamp.class);
        Timestamp earliest = jdbc.queryForObject("select min(occurred_at) from sale_fact where account_id = ?",
                Timestamp.class, accountId);
        if (latest == null || earliest == null) {
            return List.of();
        }
        // A week is judged once the business clock (the latest sale) is `settle` past its end: sales
        // of one week arrive on several partitions, and a week judged too early would look like a drop.
        LocalDate first = monday(LocalDate.ofInstant(earliest.toInstant(), ZoneOffset.UTC));
        LocalDate running = monday(LocalDate.ofInstant(latest.toInstant().minus(settle), ZoneOffset.UTC));
        LocalDate judgedUpTo = jdbc.queryForList("select judged_up_to from market_watch where account_id = ?",
                LocalDate.class, accountId).stream().findFirst().orElse(null);
        if (!first.isBefore(running) || judgedUpTo != null && !judgedUpTo.isBefore(running.minusWeeks(1))) {
            return List.of();
        }
        double[] series = weeklySales(accountId, first, running);
        int from = judgedUpTo == null ? 0 : (int) ChronoUnit.WEEKS.between(first, judgedUpTo) + 1;
        List<MarketSignal> signals = new java.util.ArrayList<>();
        Instant now = clock.instant();
        for (Deviations.Deviation deviation : deviations.find(series, Math.max(0, from))) {
            LocalDate week = first.plusWeeks(deviation.week());
            UUID eventId = UUID.nameUUIDFromBytes(("market-signal/" + accountId + "/" + week + "/" + deviation.kind())
                    .getBytes(StandardCharsets.UTF_8));
            boolean upwards = deviation.kind() == Deviations.Kind.SPIKE || deviation.kind() == Deviations.Kind.LEVEL_UP;
            MarketSignal signal = new MarketSignal(eventId, now, "ACCOUNT", accountId, null, week,
                    deviation.kind().name(), upwards ? "UP" : "DOWN", round(deviation.value()), round(deviation.baseline()),
                    round(deviation.size()), Math.round(deviation.score() * 100) / 100.0, METHOD);
            int stored = jdbc.update("""
                    insert into market_signal (event_id, scope, account_id, week_start, kind, value, baseline, score, created_at)
                    values (?, 'ACCOUNT', ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", eventId, accountId, week,
                    signal.kind(), signal.value(), signal.baseline(), signal.score(), Timestamp.from(now));
            if (stored == 1) {
                outbox.append(eventId, Topics.INSIGHT_SIGNALS, accountId, "MarketSignal", signal);
                listeners.forEach(listener -> listener.marketSignal(signal));
                meters.counter("kam.market.signals", "kind", signal.kind()).increment();
                signals.add(signal);
            }
        }
        LocalDate lastComplete = running.minusWeeks(1);
        jdbc.update("""
                insert into market_watch (account_id, judged_up_to) values (?, ?)
                on conflict (account_id) do update set judged_up_to = excluded.judged_up_to""", accountId, lastComplete);
        return signals;
    }

    /** The signals of an account (or all, when null), newest week first. */
    public List<MarketSignal> signals(String accountId, int limit) {
        return jdbc.query("""
                select * from market_signal where (?::text is null or account_id = ?) order by week_start desc, kind limit ?""",
                (rs, row) -> {
                    double value = rs.getDouble("value");
                    double baseline = rs.getDouble("baseline");
                    String kind = rs.getString("kind");
                    return new MarketSignal(rs.getObject("event_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                            rs.getString("scope"), rs.getString("account_id"), null,
                            rs.getObject("week_start", LocalDate.class), kind,
                            kind.equals("SPIKE") || kind.equals("LEVEL_UP") ? "UP" : "DOWN", value, baseline,
                            round(value - baseline), rs.getDouble("score"), METHOD);
                }, accountId, accountId, limit);
    }

    /** The account's sales per week of [first, running), by the Monday of each week (UTC). */
    private double[] weeklySales(String accountId, LocalDate first, LocalDate running) {
        int weeks = (int) ChronoUnit.WEEKS.between(first, running);
        double[] series = new double[weeks];
        Map<LocalDate, BigDecimal> sums = new HashMap<>();
        jdbc.query("""
                select date_trunc('week', occurred_at at time zone 'UTC')::date, sum(amount) from sale_fact
                where account_id = ? and occurred_at >= ? and occurred_at < ? group by 1""", rs -> {
            sums.put(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2));
        }, accountId, Timestamp.from(first.atStartOfDay(ZoneOffset.UTC).toInstant()),
                Timestamp.from(running.atStartOfDay(ZoneOffset.UTC).toInstant()));
        for (int w = 0; w < weeks; w++) {
            series[w] = sums.getOrDefault(first.plusWeeks(w), BigDecimal.ZERO).doubleValue();
        }
        return series;
    }

    /**
     * The account's complete weeks (up to the running one, by the business clock) of the last
     * {@code weeks}, each with the baseline it was or will be judged against, and the signals found:
     * what the dashboard draws.
     */
    @Transactional(readOnly = true)
    public Series series(String accountId, int weeks) {
        Timestamp latest = jdbc.queryForObject("select max(occurred_at) from sale_fact", Timestamp.class);
        Timestamp earliest = jdbc.queryForObject("select min(occurred_at) from sale_fact where account_id = ?",
                Timestamp.class, accountId);
        if (latest == null || earliest == null) {
            return new Series(accountId, List.of(), List.of());
        }
        LocalDate first = monday(LocalDate.ofInstant(earliest.toInstant(), ZoneOffset.UTC));
        LocalDate running = monday(LocalDate.ofInstant(latest.toInstant(), ZoneOffset.UTC));
        double[] sales = weeklySales(accountId, first, running);
        List<Week> points = new java.util.ArrayList<>();
        for (int w = Math.max(0, sales.length - weeks); w < sales.length; w++) {
            double baseline = Deviations.baseline(sales, w);
            points.add(new Week(first.plusWeeks(w), round(sales[w]), Double.isNaN(baseline) ? null : round(baseline)));
        }
        LocalDate shownFrom = points.isEmpty() ? running : points.get(0).weekStart();
        List<MarketSignal> signals = signals(accountId, 1000).stream()
                .filter(signal -> !signal.weekStart().isBefore(shownFrom)).toList();
        return new Series(accountId, points, signals);
    }

    /** @param weeks oldest first; @param signals newest first */
    public record Series(String accountId, List<Week> weeks, List<MarketSignal> signals) {
    }

    /** @param baseline null while the history is too short for one */
    public record Week(LocalDate weekStart, double sales, Double baseline) {
    }

    private static LocalDate monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
