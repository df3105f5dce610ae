package org.kam.insight.digest;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.kam.insight.collection.FactListener;
import org.kam.insight.collection.RelationshipSignal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What relationship-service raised that is still open, for MANAGEMENT's digest; owns
 * {@code relationship_alert}. A coverage gap is open until its CoverageRestored; a key-date alert
 * until its date has passed (relationship-service does not announce acknowledgements), with the
 * level it escalated to.
 */
@Repository
class OpenAlerts implements FactListener {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    OpenAlerts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void relationshipSignalReceived(RelationshipSignal signal) {
        Timestamp now = Timestamp.from(clock.instant());
        if (signal instanceof RelationshipSignal.CoverageGap gap) {
            jdbc.update("""
                    insert into relationship_alert (id, account_id, kind, title, opened_at) values (?, ?, 'COVERAGE_GAP', ?, ?)
                    on conflict (id) do update set closed_at = null, opened_at = excluded.opened_at""",
                    "coverage/" + gap.accountId() + "/" + gap.requirement(), gap.accountId(), "no " + gap.requirement(), now);
        } else if (signal instanceof RelationshipSignal.CoverageRestored restored) {
            jdbc.update("update relationship_alert set closed_at = ? where id = ? and closed_at is null", now,
                    "coverage/" + restored.accountId() + "/" + restored.requirement());
        } else if (signal instanceof RelationshipSignal.KeyDateUpcoming date) {
            jdbc.update("""
                    insert into relationship_alert (id, account_id, kind, title, occurs_on, opened_at)
                    values (?, ?, 'KEY_DATE', ?, ?, ?) on conflict (id) do nothing""",
                    "key-date/" + date.alertId(), date.accountId(), date.title(), date.occursOn(), now);
        } else if (signal instanceof RelationshipSignal.Escalated escalated) {
            jdbc.update("""
                    insert into relationship_alert (id, account_id, kind, title, occurs_on, level, opened_at)
                    values (?, ?, 'KEY_DATE', ?, ?, ?, ?)
                    on conflict (id) do update set level = greatest(relationship_alert.level, excluded.level)""",
                    "key-date/" + escalated.alertId(), escalated.accountId(), escalated.title(), escalated.occursOn(),
                    escalated.level(), now);
        }
    }

    /** The alerts open now, key dates soonest first, then coverage gaps by account. */
    List<Digest.OpenAlert> open() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return jdbc.query("""
                select kind, account_id, title, occurs_on, level from relationship_alert
                where closed_at is null and (kind = 'COVERAGE_GAP' or occurs_on >= ?)
                order by kind desc, occurs_on, account_id, title""",
                (rs, row) -> new Digest.OpenAlert(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class) == null ? null : rs.getObject(4, LocalDate.class).toString(),
                        rs.getInt(5)), today);
    }
}
