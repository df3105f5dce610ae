package org.kam.insight.digest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.kam.insight.collection.DigestIssued;
import org.kam.insight.collection.FactListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The periodic digest for MANAGEMENT (R4.2.4): issued on a schedule ({@code kam.insight.digest.cron})
 * or on request, stored ({@code digest}, which it owns), and told to MANAGEMENT as a {@code DIGEST}
 * notification through the fact listeners. Each digest takes up where the previous one ended.
 */
@Service
public class Digests {

    static final Duration FIRST_PERIOD = Duration.ofDays(7);

    private final JdbcTemplate jdbc;
    private final OpenAlerts openAlerts;
    private final List<FactListener> listeners;
    private final JsonMapper json;
    private final Clock clock;

    Digests(JdbcTemplate jdbc, List<FactListener> listeners, OpenAlerts openAlerts, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.openAlerts = openAlerts;
        this.listeners = List.copyOf(listeners);
        this.json = json;
        this.clock = clock;
    }

    /** Issues the digest of everything since the previous one; empty when no sale was ever collected. */
    @Transactional
    public Optional<Digest> issue() {
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('kam-digest'))", Object.class);
        Timestamp clockNow = jdbc.queryForObject("select max(occurred_at) from sale_fact", Timestamp.class);
        if (clockNow == null) {
            return Optional.empty();
        }
        Instant to = clockNow.toInstant();
        Instant issuedAt = clock.instant();
        var previous = jdbc.query("select revenue_to, issued_at from digest order by issued_at desc limit 1",
                (rs, row) -> new Instant[] { rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant() });
        Instant from = previous.isEmpty() || !previous.get(0)[0].isBefore(to) ? to.minus(FIRST_PERIOD) : previous.get(0)[0];
        Instant newsSince = previous.isEmpty() ? Instant.EPOCH : previous.get(0)[1];

        BigDecimal[] revenue = revenue(from, to);
        BigDecimal[] before = revenue(from.minus(Duration.between(from, to)), from);
        BigDecimal share = revenue[0].signum() == 0 ? null : revenue[1].divide(revenue[0], 4, RoundingMode.HALF_UP);
        BigDecimal change = before[1].signum() == 0 ? null
                : revenue[1].subtract(before[1]).multiply(BigDecimal.valueOf(100)).divide(before[1], 1, RoundingMode.HALF_UP);
        List<String> newKey = accountsNotified("NEW_KEY_ACCOUNT", newsSince);
        List<String> lostKey = accountsNotified("KEY_ACCOUNT_LOST", newsSince);
        List<Digest.Signal> signals = jdbc.query("""
                select account_id, week_start, kind, value, baseline, product_line from market_signal where created_at > ?
                order by week_start, account_id, product_line""", (rs, row) -> new Digest.Signal(rs.getString(1),
                rs.getObject(2, java.time.LocalDate.class).toString(), rs.getString(3), rs.getBigDecimal(4),
                rs.getBigDecimal(5), rs.getString(6)), Timestamp.from(newsSince));
        Integer stockOuts = jdbc.queryForObject("""
                select count(distinct source_event_id) from notification where kind = 'KEY_ACCOUNT_STOCK_OUT'
                and occurred_at > ?""", Integer.class, Timestamp.from(newsSince));
        List<Digest.DepartmentCount> counts = jdbc.query("""
                select department, count(*) from notification where occurred_at > ? group by department order by department""",
                (rs, row) -> new Digest.DepartmentCount(rs.getString(1), rs.getLong(2)), Timestamp.from(newsSince));
        List<Digest.OpenAlert> alerts = openAlerts.open();
        Integer overdue = jdbc.queryForObject("select count(*) from notification_action where done_at is null and due_on < ?",
                Integer.class, java.time.LocalDate.ofInstant(issuedAt, java.time.ZoneOffset.UTC));
        UUID id = UUID.randomUUID();
        Digest draft = new Digest(id, issuedAt, from, to, newsSince, revenue[0], revenue[1], share, change, newKey, lostKey,
                signals, stockOuts == null ? 0 : stockOuts, counts, alerts, overdue == null ? 0 : overdue, null);
        Digest digest = new Digest(id, issuedAt, from, to, newsSince, revenue[0], revenue[1], share, change, newKey,
                lostKey, signals, draft.stockOuts(), counts, alerts, draft.overdueActions(), DigestText.of(draft));
        jdbc.update("insert into digest (id, issued_at, revenue_from, revenue_to, body) values (?, ?, ?, ?, ?::jsonb)", id,
                Timestamp.from(issuedAt), Timestamp.from(from), Timestamp.from(to), json.writeValueAsString(digest));
        listeners.forEach(listener -> listener.digestIssued(new DigestIssued(id, digest.summary())));
        return Optional.of(digest);
    }

    /** The latest digests, newest first. */
    public List<Digest> latest(int limit) {
        return jdbc.query("select body from digest order by issued_at desc limit ?",
                (rs, row) -> json.readValue(rs.getString(1), Digest.class), limit);
    }

    private BigDecimal[] revenue(Instant from, Instant to) {
        return jdbc.queryForObject("""
                select coalesce(sum(amount), 0), coalesce(sum(amount) filter (where tier_at_sale = 'KEY'), 0)
                from sale_fact where occurred_at > ? and occurred_at <= ?""",
                (rs, row) -> new BigDecimal[] { rs.getBigDecimal(1), rs.getBigDecimal(2) }, Timestamp.from(from),
                Timestamp.from(to));
    }

    private List<String> accountsNotified(String kind, Instant since) {
        return jdbc.queryForList("""
                select distinct account_id from notification where kind = ? and occurred_at > ? and account_id is not null
                order by 1""", String.class, kind, Timestamp.from(since));
    }
}
