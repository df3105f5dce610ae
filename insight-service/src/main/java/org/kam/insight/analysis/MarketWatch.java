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

    /**
     * The accounts watched: every account that is KEY now, and every account that left KEY in a week
     * not judged yet. A replayed history (the demo's three years in minutes) takes a collapsing key
     * account out of KEY before the watch has seen the weeks of its collapse; those weeks are still
     * judged, up to the week it left ({@link #keyUntil}).
     */
    public List<String> watched() {
        return jdbc.queryForList("""
                select account_id from account_tier where tier = 'KEY'
                union
                select h.account_id from tier_history h
                join account_tier t on t.account_id = h.account_id and t.tier <> 'KEY'
                left join market_watch w on w.account_id = h.account_id
                where h.from_tier = 'KEY'
                  and (w.judged_up_to is null or w.judged_up_to < date_trunc('week', h.as_of)::date)
                order by 1""", String.class);
    }

    /**
     * The Monday of the week an account that is not KEY now last left KEY (by the business time of
     * the change), the last week it is judged for; null when it is KEY now or never was.
     */
    private LocalDate keyUntil(String accountId) {
        return jdbc.queryForList("""
                select date_trunc('week', max(h.as_of))::date from tier_history h
                where h.account_id = ? and h.from_tier = 'KEY'
                  and not exists (select 1 from account_tier t where t.account_id = h.account_id and t.tier = 'KEY')
                having max(h.as_of) is not null""", LocalDate.class, accountId).stream().findFirst().orElse(null);
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
        return judge(Subject.account(accountId));
    }

    /** Judges the product line's complete weeks (all accounts' sales of its SKUs) not judged yet. */
    @Transactional
    public List<MarketSignal> judgeProductLine(String productLine) {
        return judge(Subject.productLine(productLine));
    }

    /** The product lines watched: every line supply-service named for a SKU. */
    public List<String> watchedProductLines() {
        return jdbc.queryForList("select distinct product_line from product where product_line is not null order by 1",
                String.class);
    }

    private List<MarketSignal> judge(Subject subject) {
        jdbc.queryForObject("select pg_advisory_xact_lock(?, hashtext(?))", Object.class, (int) WATCH_LOCK, subject.key());
        Timestamp latest = jdbc.queryForObject("select max(occurred_at) from sale_fact", Timestamp.class);
        Timestamp earliest = earliestSale(subject);
        if (latest == null || earliest == null) {
            return List.of();
        }
        // A week is judged once the business clock (the latest sale) is `settle` past its end: sales
        // of one week arrive on several partitions, and a week judged too early would look like a drop.
        LocalDate first = monday(LocalDate.ofInstant(earliest.toInstant(), ZoneOffset.UTC));
        LocalDate running = monday(LocalDate.ofInstant(latest.toInstant().minus(settle), ZoneOffset.UTC));
        LocalDate keyUntil = subject.isAccount() ? keyUntil(subject.accountId()) : null;
        if (keyUntil != null && keyUntil.plusWeeks(1).isBefore(running)) {
            running = keyUntil.plusWeeks(1); // a former key account: judged up to the week it left KEY
        }
        LocalDate judgedUpTo = (subject.isAccount()
                ? jdbc.queryForList("select judged_up_to from market_watch where account_id = ?", LocalDate.class,
                        subject.accountId())
                : jdbc.queryForList("select judged_up_to from product_line_watch where product_line = ?", LocalDate.class,
                        subject.productLine())).stream().findFirst().orElse(null);
        if (!first.isBefore(running) || judgedUpTo != null && !judgedUpTo.isBefore(running.minusWeeks(1))) {
            return List.of();
        }
        double[] series = weeklySales(subject, first, running);
        int from = judgedUpTo == null ? 0 : (int) ChronoUnit.WEEKS.between(first, judgedUpTo) + 1;
        List<MarketSignal> signals = new java.util.ArrayList<>();
        Instant now = clock.instant();
        for (Deviations.Deviation deviation : deviations.find(series, Math.max(0, from))) {
            LocalDate week = first.plusWeeks(deviation.week());
            UUID eventId = UUID.nameUUIDFromBytes(("market-signal/" + subject.key() + "/" + week + "/" + deviation.kind())
                    .getBytes(StandardCharsets.UTF_8));
            boolean upwards = deviation.kind() == Deviations.Kind.SPIKE || deviation.kind() == Deviations.Kind.LEVEL_UP;
            MarketSignal signal = new MarketSignal(eventId, now, subject.scope(), subject.accountId(), subject.productLine(),
                    week, deviation.kind().name(), upwards ? "UP" : "DOWN", round(deviation.value()),
                    round(deviation.baseline()), round(deviation.size()), Math.round(deviation.score() * 100) / 100.0, METHOD);
            int stored = jdbc.update("""
                    insert into market_signal (event_id, scope, account_id, product_line, week_start, kind, value, baseline,
                        score, created_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""", eventId, subject.scope(),
                    subject.accountId(), subject.productLine(), week, signal.kind(), signal.value(), signal.baseline(),
                    signal.score(), Timestamp.from(now));
            if (stored == 1) {
                // Keyed by what the series is of: the account, or the product line.
                outbox.append(eventId, Topics.INSIGHT_SIGNALS, subject.isAccount() ? subject.accountId() : subject.productLine(),
                        "MarketSignal", signal);
                listeners.forEach(listener -> listener.marketSignal(signal));
                meters.counter("kam.market.signals", "kind", signal.kind(), "scope", subject.scope()).increment();
                signals.add(signal);
            }
        }
        LocalDate lastComplete = running.minusWeeks(1);
        if (subject.isAccount()) {
            jdbc.update("""
                    insert into market_watch (account_id, judged_up_to) values (?, ?)
                    on conflict (account_id) do update set judged_up_to = excluded.judged_up_to""", subject.accountId(),
                    lastComplete);
        } else {
            jdbc.update("""
                    insert into product_line_watch (product_line, judged_up_to) values (?, ?)
                    on conflict (product_line) do update set judged_up_to = excluded.judged_up_to""", subject.productLine(),
                    lastComplete);
        }
        return signals;
    }

    /** The first sale of the account or of the product line's SKUs; null before any. */
    private Timestamp earliestSale(Subject subject) {
        return subject.isAccount()
                ? jdbc.queryForObject("select min(occurred_at) from sale_fact where account_id = ?", Timestamp.class,
                        subject.accountId())
                // Each SKU's first sale from the (sku, occurred_at) index, then the earliest of those.
                : jdbc.queryForObject("""
                        select min(first_sale) from product p
                        cross join lateral (select min(s.occurred_at) as first_sale from sale_fact s where s.sku = p.sku) f
                        where p.product_line = ?""",
                        Timestamp.class, subject.productLine());
    }

    /** What a series is of: one key account's sales, or one product line's. */
    private record Subject(String scope, String accountId, String productLine) {

        static Subject account(String accountId) {
            return new Subject("ACCOUNT", accountId, null);
        }

        static Subject productLine(String productLine) {
            return new Subject("PRODUCT_LINE", null, productLine);
        }

        boolean isAccount() {
            return accountId != null;
        }

        /** The account id as before product lines were watched (so its signals keep their ids), or product-line/… */
        String key() {
            return isAccount() ? accountId : "product-line/" + productLine;
        }
    }

    /** The signals of an account (or all, when null), newest week first. */
    public List<MarketSignal> signals(String accountId, int limit) {
        return signals(accountId, null, limit);
    }

    /** The signals of an account or a product line (or all, when both are null), newest week first. */
    public List<MarketSignal> signals(String accountId, String productLine, int limit) {
        return jdbc.query("""
                select * from market_signal where (?::text is null or account_id = ?) and (?::text is null or product_line = ?)
                order by week_start desc, kind limit ?""",
                (rs, row) -> {
                    double value = rs.getDouble("value");
                    double baseline = rs.getDouble("baseline");
                    String kind = rs.getString("kind");
                    return new MarketSignal(rs.getObject("event_id", UUID.class), rs.getTimestamp("created_at").toInstant(),
                            rs.getString("scope"), rs.getString("account_id"), rs.getString("product_line"),
                            rs.getObject("week_start", LocalDate.class), kind,
                            kind.equals("SPIKE") || kind.equals("LEVEL_UP") ? "UP" : "DOWN", value, baseline,
                            round(value - baseline), rs.getDouble("score"), METHOD);
                }, accountId, accountId, productLine, productLine, limit);
    }

    /** The account's or product line's sales per week of [first, running), by the Monday of each week (UTC). */
    private double[] weeklySales(Subject subject, LocalDate first, LocalDate running) {
        int weeks = (int) ChronoUnit.WEEKS.between(first, running);
        double[] series = new double[weeks];
        Map<LocalDate, BigDecimal> sums = new HashMap<>();
        String sql = subject.isAccount() ? """
                select date_trunc('week', occurred_at at time zone 'UTC')::date, sum(amount) from sale_fact
                where account_id = ? and occurred_at >= ? and occurred_at < ? group by 1""" : """
                select date_trunc('week', s.occurred_at at time zone 'UTC')::date, sum(s.amount)
                from sale_fact s join product p on p.sku = s.sku
                where p.product_line = ? and s.occurred_at >= ? and s.occurred_at < ? group by 1""";
        jdbc.query(sql, rs -> {
            sums.put(rs.getObject(1, LocalDate.class), rs.getBigDecimal(2));
        }, subject.isAccount() ? subject.accountId() : subject.productLine(),
                Timestamp.from(first.atStartOfDay(ZoneOffset.UTC).toInstant()),
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
        return series(Subject.account(accountId), weeks);
    }

    /** As {@link #series(String, int)}, of a product line's sales. */
    @Transactional(readOnly = true)
    public Series productLineSeries(String productLine, int weeks) {
        return series(Subject.productLine(productLine), weeks);
    }

    private Series series(Subject subject, int weeks) {
        Timestamp latest = jdbc.queryForObject("select max(occurred_at) from sale_fact", Timestamp.class);
        Timestamp earliest = earliestSale(subject);
        if (latest == null || earliest == null) {
            return new Series(subject.accountId(), subject.productLine(), List.of(), List.of());
        }
        LocalDate first = monday(LocalDate.ofInstant(earliest.toInstant(), ZoneOffset.UTC));
        LocalDate running = monday(LocalDate.ofInstant(latest.toInstant(), ZoneOffset.UTC));
        double[] sales = weeklySales(subject, first, running);
        List<Week> points = new java.util.ArrayList<>();
        for (int w = Math.max(0, sales.length - weeks); w < sales.length; w++) {
            double baseline = Deviations.baseline(sales, w);
            points.add(new Week(first.plusWeeks(w), round(sales[w]), Double.isNaN(baseline) ? null : round(baseline)));
        }
        LocalDate shownFrom = points.isEmpty() ? running : points.get(0).weekStart();
        List<MarketSignal> signals = (subject.isAccount() ? signals(subject.accountId(), null, 1000)
                : signals(null, subject.productLine(), 1000)).stream()
                .filter(signal -> subject.scope().equals(signal.scope()) && !signal.weekStart().isBefore(shownFrom)).toList();
        return new Series(subject.accountId(), subject.productLine(), points, signals);
    }

    /** @param weeks oldest first; @param signals newest first; one of accountId and productLine is set */
    public record Series(String accountId, String productLine, List<Week> weeks, List<MarketSignal> signals) {
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
