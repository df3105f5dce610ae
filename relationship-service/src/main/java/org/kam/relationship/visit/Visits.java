package org.kam.relationship.visit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.web.ConflictException;
import org.kam.chassis.web.NotFoundException;
import org.kam.relationship.Topics;
import org.kam.relationship.visit.VisitPlanner.Booked;
import org.kam.relationship.visit.VisitPlanner.Proposal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

/** The visits on everyone's calendars, and the visits that fell due unplanned; owns {@code visit} and {@code visit_overdue}. */
@Service
public class Visits {

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry meters;

    Visits(JdbcTemplate jdbc, Outbox outbox, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.meters = meters;
    }

    private static final long CALENDAR_LOCK = 0x6b616d_76697369L; // "kam" "visi"

    /**
     * Holds the calendars until the transaction ends: planning reads what is booked, decides and
     * books, and two plans (two instances, or a tier change during a quarterly run) must not both
     * fill the same free day.
     */
    public void lockCalendars() {
        jdbc.queryForObject("select pg_advisory_xact_lock(?)", Object.class, CALENDAR_LOCK);
    }

    /** Puts the proposals on the calendars and regroups the trips of the people concerned. */
    @Transactional
    public List<Visit> book(List<Proposal> proposals, VisitSource source) {
        Instant now = clock.instant();
        List<UUID> ids = new java.util.ArrayList<>();
        for (Proposal proposal : proposals) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            jdbc.update("""
                    insert into visit (id, account_id, staff_id, kind, planned_on, region, status, source, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, 'PLANNED', ?, ?, ?)""", id, proposal.accountId(), proposal.staffId(),
                    proposal.kind().name(), proposal.on(), proposal.region(), source.name(), Timestamp.from(now),
                    Timestamp.from(now));
        }
        meters.counter("kam.visits.planned", "source", source.name()).increment(proposals.size());
        proposals.stream().map(Proposal::staffId).distinct().forEach(this::regroupTrips);
        return ids.stream().map(id -> find(id).orElseThrow()).toList();
    }

    /** Books one visit by hand; a day in the past is refused. */
    @Transactional
    public Visit bookOne(String accountId, String staffId, VisitKind kind, LocalDate on, String region) {
        lockCalendars();
        if (on.isBefore(today())) {
            throw new InvalidEventException("plannedOn", "must not be in the past (today is " + today() + "), was " + on);
        }
        return book(List.of(new Proposal(accountId, kind, staffId, on, region, on)), VisitSource.MANUAL).get(0);
    }

    /** Records how a visit went; it is then DONE. A cancelled visit has no outcome. */
    @Transactional
    public Visit recordOutcome(UUID id, Outcome outcome, String notes, String nextSteps, LocalDate doneOn) {
        Visit visit = find(id).orElseThrow(() -> new NotFoundException("No visit " + id));
        if (visit.status() == VisitStatus.CANCELLED) {
            throw new ConflictException("Visit " + id + " was cancelled; it has no outcome");
        }
        LocalDate on = doneOn == null ? visit.plannedOn() : doneOn;
        if (on.isAfter(today())) {
            throw new InvalidEventException("doneOn", "must not be in the future (today is " + today() + "), was " + on);
        }
        jdbc.update("""
                update visit set status = 'DONE', outcome = ?, notes = ?, next_steps = ?, done_on = ?, updated_at = ?
                where id = ?""", outcome.name(), notes, nextSteps, on, Timestamp.from(clock.instant()), id);
        meters.counter("kam.visits.done", "outcome", outcome.name()).increment();
        return find(id).orElseThrow();
    }

    @Transactional
    public Visit cancel(UUID id) {
        Visit visit = find(id).orElseThrow(() -> new NotFoundException("No visit " + id));
        if (visit.status() == VisitStatus.DONE) {
            throw new ConflictException("Visit " + id + " took place; it cannot be cancelled");
        }
        jdbc.update("update visit set status = 'CANCELLED', updated_at = ? where id = ?", Timestamp.from(clock.instant()), id);
        regroupTrips(visit.staffId());
        return find(id).orElseThrow();
    }

    /** Cancels the account's planned visits from today on (its plan ended); how many. */
    public int cancelPlanned(String accountId) {
        return jdbc.update("""
                update visit set status = 'CANCELLED', updated_at = ?, notes = coalesce(notes, 'the account plan ended')
                where account_id = ? and status = 'PLANNED' and planned_on >= ?""",
                Timestamp.from(clock.instant()), accountId, today());
    }

    public Optional<Visit> find(UUID id) {
        return jdbc.query("select * from visit where id = ?", Visits::visit, id).stream().findFirst();
    }

    /** One person's visits (or everyone's, when {@code staffId} is null) between two days, in date order. */
    public List<Visit> list(String staffId, String accountId, LocalDate from, LocalDate to) {
        return jdbc.query("""
                select * from visit where (?::text is null or staff_id = ?) and (?::text is null or account_id = ?)
                   and planned_on between ? and ?
                order by planned_on, staff_id, account_id, id""", Visits::visit, staffId, staffId, accountId, accountId,
                from, to);
    }

    /** The planned and done visits between two days, as the planner counts them. */
    public List<Booked> booked(LocalDate from, LocalDate to) {
        return jdbc.query("""
                select staff_id, coalesce(done_on, planned_on) as on_day, region, account_id from visit
                where status <> 'CANCELLED' and coalesce(done_on, planned_on) between ? and ?""",
                (rs, row) -> new Booked(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getString(3),
                        rs.getString(4)), from, to);
    }

    /**
     * The latest visit of each kind per account that took place or is still planned, and who made
     * the latest executive visit: the planner's starting points.
     */
    public Map<String, Latest> latest(Set<String> accountIds) {
        Map<String, Latest> latest = new HashMap<>();
        if (accountIds.isEmpty()) {
            return latest;
        }
        jdbc.query(con -> {
            var select = con.prepareStatement("""
                    select distinct on (account_id, kind) account_id, kind, coalesce(done_on, planned_on), staff_id
                    from visit where account_id = any(?) and status <> 'CANCELLED'
                    order by account_id, kind, coalesce(done_on, planned_on) desc""");
            select.setArray(1, con.createArrayOf("text", accountIds.toArray()));
            return select;
        }, rs -> {
            Latest found = latest.getOrDefault(rs.getString(1), new Latest(null, null, null));
            LocalDate on = rs.getObject(3, LocalDate.class);
            latest.put(rs.getString(1), VisitKind.valueOf(rs.getString(2)) == VisitKind.EXECUTIVE
                    ? new Latest(on, rs.getString(4), found.owner()) : new Latest(found.executive(), found.executiveBy(), on));
        });
        return latest;
    }

    /** The latest executive and owner visit of an account (planned or done), and who made the executive one. */
    public record Latest(LocalDate executive, String executiveBy, LocalDate owner) {
        public LocalDate of(VisitKind kind) {
            return kind == VisitKind.EXECUTIVE ? executive : owner;
        }
    }

    /**
     * Of each of {@code accountIds}: its latest DONE visit per kind and the kinds with a visit
     * planned today or later, in one statement (the hourly overdue check asks this of every key
     * account: two statements per account and kind before). An account without visits is left out.
     */
    public Map<String, History> histories(java.util.Collection<String> accountIds) {
        Map<String, History> histories = new HashMap<>();
        if (accountIds.isEmpty()) {
            return histories;
        }
        jdbc.query("""
                select account_id, kind, max(done_on) filter (where status = 'DONE'),
                       bool_or(status = 'PLANNED' and planned_on >= ?)
                from visit where account_id = any(?) group by account_id, kind""", rs -> {
                    VisitKind kind = VisitKind.valueOf(rs.getString(2));
                    History before = histories.getOrDefault(rs.getString(1), History.NONE);
                    histories.put(rs.getString(1), before.with(kind, rs.getObject(3, LocalDate.class), rs.getBoolean(4)));
                }, today(), accountIds.toArray(String[]::new));
        return histories;
    }

    /** An account's visits as the overdue check needs them: the latest done per kind, the kinds planned ahead. */
    public record History(Map<VisitKind, LocalDate> lastDone, Set<VisitKind> plannedAhead) {

        public static final History NONE = new History(Map.of(), Set.of());

        public History {
            lastDone = Map.copyOf(lastDone);
            plannedAhead = Set.copyOf(plannedAhead);
        }

        History with(VisitKind kind, LocalDate done, boolean planned) {
            Map<VisitKind, LocalDate> doneNow = new HashMap<>(lastDone);
            if (done != null) {
                doneNow.put(kind, done);
            }
            Set<VisitKind> plannedNow = new java.util.HashSet<>(plannedAhead);
            if (planned) {
                plannedNow.add(kind);
            }
            return new History(doneNow, plannedNow);
        }
    }

    /** Whether a visit of {@code kind} is planned for the account today or later. */
    public boolean plannedAhead(String accountId, VisitKind kind) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from visit where account_id = ? and kind = ? and status = 'PLANNED'
                               and planned_on >= ?)""", Boolean.class, accountId, kind.name(), today()));
    }

    /**
     * Publishes {@code VisitOverdue} the first time a visit of {@code kind} falls due unplanned on
     * {@code dueOn}; false when that was already reported.
     */
    @Transactional
    public boolean reportOverdue(String accountId, VisitKind kind, LocalDate dueOn, String responsibleStaffId) {
        Instant now = clock.instant();
        int inserted = jdbc.update("""
                insert into visit_overdue (account_id, kind, due_on, raised_at) values (?, ?, ?, ?)
                on conflict do nothing""", accountId, kind.name(), dueOn, Timestamp.from(now));
        if (inserted == 0) {
            return false;
        }
        UUID eventId = UUID.randomUUID();
        outbox.append(eventId, Topics.RELATIONSHIP_SIGNALS, accountId, "VisitOverdue",
                new VisitOverdue(eventId, now, accountId, kind, dueOn, responsibleStaffId));
        meters.counter("kam.visits.overdue", "kind", kind.name()).increment();
        return true;
    }

    /** {@code VisitOverdue} on kam.relationship-signals.v1 (visit-overdue.v1). */
    record VisitOverdue(UUID eventId, Instant occurredAt, String accountId, VisitKind kind, LocalDate dueOn,
            String responsibleStaffId) {
    }

    private void regroupTrips(String staffId) {
        Map<LocalDate, String> regionByDay = new TreeMap<>();
        List<Visit> planned = jdbc.query("select * from visit where staff_id = ? and status = 'PLANNED' and planned_on >= ?",
                Visits::visit, staffId, today().minusDays(7));
        planned.forEach(v -> regionByDay.putIfAbsent(v.plannedOn(), v.region() == null ? "" : v.region()));
        Map<LocalDate, UUID> trips = VisitPlanner.trips(staffId, regionByDay);
        jdbc.batchUpdate("update visit set trip_id = ? where id = ?", planned, 500, (ps, v) -> {
            ps.setObject(1, trips.get(v.plannedOn()));
            ps.setObject(2, v.id());
        });
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static Visit visit(ResultSet rs, int row) throws SQLException {
        String outcome = rs.getString("outcome");
        return new Visit(rs.getObject("id", UUID.class), rs.getString("account_id"), rs.getString("staff_id"),
                VisitKind.valueOf(rs.getString("kind")), rs.getObject("planned_on", LocalDate.class),
                rs.getObject("trip_id", UUID.class), rs.getString("region"), VisitStatus.valueOf(rs.getString("status")),
                VisitSource.valueOf(rs.getString("source")), outcome == null ? null : Outcome.valueOf(outcome),
                rs.getString("notes"), rs.getString("next_steps"), rs.getObject("done_on", LocalDate.class));
    }
}
