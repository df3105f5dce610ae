package org.kam.relationship.keydate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.web.NotFoundException;
import org.kam.relationship.Topics;
import org.kam.relationship.plan.AccountPlans;
import org.kam.relationship.staff.Staff;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Key-date alerts and their escalation; owns {@code alert}. The owner of an account with a
 * relationship plan is alerted {@code lead-days} before each key date ({@code KeyDateUpcoming});
 * an alert nobody acknowledges within {@code respond-within} climbs the supervisor chain one step
 * at a time ({@code Escalated}) until someone acknowledges it. Deciding who is next is
 * {@link AlertLadder}'s.
 */
@Service
@EnableConfigurationProperties(AlertProperties.class)
public class Alerts {

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final KeyDates keyDates;
    private final AccountPlans plans;
    private final Staff staff;
    private final AlertProperties properties;
    private final AlertLadder ladder = new AlertLadder();
    private final MeterRegistry meters;

    Alerts(JdbcTemplate jdbc, Outbox outbox, Clock clock, KeyDates keyDates, AccountPlans plans, Staff staff,
            AlertProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.keyDates = keyDates;
        this.plans = plans;
        this.staff = staff;
        this.properties = properties;
        this.meters = meters;
    }

    /** Raises an alert for each key date due within the lead days whose account has an owner; how many were raised. */
    @Transactional
    public int raiseDue() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int raised = 0;
        for (KeyDate date : keyDates.all()) {
            Optional<LocalDate> occurs = Occurrences.dueWithin(date.on(), date.yearly(), today, properties.leadDays());
            Optional<String> owner = occurs.flatMap(o -> plans.find(date.accountId()))
                    .map(AccountPlans.Plan::ownerStaffId);
            if (occurs.isEmpty() || owner.isEmpty()) {
                continue;
            }
            UUID id = UUID.randomUUID();
            Instant respondBy = now.plus(properties.respondWithin());
            int inserted = jdbc.update("""
                    insert into alert (id, key_date_id, account_id, occurs_on, owner_staff_id, assignee_staff_id,
                                       raised_at, respond_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (key_date_id, occurs_on) do nothing""",
                    id, date.id(), date.accountId(), occurs.get(), owner.get(), owner.get(), Timestamp.from(now),
                    Timestamp.from(respondBy));
            if (inserted == 1) {
                UUID eventId = UUID.randomUUID();
                outbox.append(eventId, Topics.RELATIONSHIP_SIGNALS, date.accountId(), "KeyDateUpcoming",
                        new AlertSignal.KeyDateUpcoming(eventId, now, id, date.accountId(), date.id(), date.kind(),
                                date.title(), occurs.get(), owner.get(), respondBy));
                meters.counter("kam.alerts.raised", "kind", date.kind().name()).increment();
                raised++;
            }
        }
        return raised;
    }

    /** Moves every alert whose deadline passed one step up its holder's chain; how many moved. */
    @Transactional
    public int escalateOverdue() {
        Instant now = clock.instant();
        List<Alert> overdue = jdbc.query(SELECT + " where a.acknowledged_at is null and a.respond_by <= ? "
                + "order by a.respond_by limit 500 for update of a skip locked", Alerts::alert, Timestamp.from(now));
        var hierarchy = staff.hierarchy();
        int moved = 0;
        for (Alert alert : overdue) {
            Optional<AlertLadder.Step> step = ladder.next(now, alert.respondBy(), alert.escalationLevel(),
                    alert.assigneeStaffId() == null ? List.of() : hierarchy.chainAbove(alert.assigneeStaffId()));
            if (step.isEmpty()) {
                continue;
            }
            Instant respondBy = now.plus(properties.respondWithin());
            jdbc.update("update alert set assignee_staff_id = ?, escalation_level = ?, respond_by = ? where id = ?",
                    step.get().nextHolder(), step.get().level(), Timestamp.from(respondBy), alert.id());
            UUID eventId = UUID.randomUUID();
            outbox.append(eventId, Topics.RELATIONSHIP_SIGNALS, alert.accountId(), "Escalated",
                    new AlertSignal.Escalated(eventId, now, alert.id(), alert.accountId(), alert.keyDateId(),
                            alert.kind(), alert.title(), alert.occursOn(), alert.assigneeStaffId(),
                            step.get().nextHolder(), step.get().level(), respondBy));
            meters.counter("kam.alerts.escalated").increment();
            moved++;
        }
        return moved;
    }

    /** Someone took care of it; acknowledging twice changes nothing. */
    @Transactional
    public Alert acknowledge(UUID id, String by) {
        find(id).orElseThrow(() -> new NotFoundException("No alert " + id));
        jdbc.update("update alert set acknowledged_at = ?, acknowledged_by = ? where id = ? and acknowledged_at is null",
                Timestamp.from(clock.instant()), by, id);
        return find(id).orElseThrow();
    }

    public Optional<Alert> find(UUID id) {
        return jdbc.query(SELECT + " where a.id = ?", Alerts::alert, id).stream().findFirst();
    }

    /** The alerts one person holds (open ones; with {@code acknowledged}, also those acknowledged), soonest date first. */
    public List<Alert> heldBy(String staffId, boolean acknowledged) {
        return jdbc.query(SELECT + " where a.assignee_staff_id = ?" + (acknowledged ? "" : " and a.acknowledged_at is null")
                + " order by a.occurs_on, a.id limit 500", Alerts::alert, staffId);
    }

    /** The account's open alerts, soonest date first. */
    public List<Alert> openFor(String accountId) {
        return jdbc.query(SELECT + " where a.account_id = ? and a.acknowledged_at is null order by a.occurs_on, a.id",
                Alerts::alert, accountId);
    }

    private static final String SELECT = """
            select a.*, k.kind, k.title from alert a join key_date k on k.id = a.key_date_id""";

    private static Alert alert(ResultSet rs, int row) throws SQLException {
        Timestamp acknowledged = rs.getTimestamp("acknowledged_at");
        return new Alert(rs.getObject("id", UUID.class), rs.getObject("key_date_id", UUID.class),
                rs.getString("account_id"), KeyDateKind.valueOf(rs.getString("kind")), rs.getString("title"),
                rs.getObject("occurs_on", LocalDate.class), rs.getString("owner_staff_id"),
                rs.getString("assignee_staff_id"), rs.getInt("escalation_level"), rs.getTimestamp("raised_at").toInstant(),
                rs.getTimestamp("respond_by").toInstant(), acknowledged == null ? null : acknowledged.toInstant(),
                rs.getString("acknowledged_by"));
    }
}
