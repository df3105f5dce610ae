package org.kam.relationship.coverage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.transaction.TransactionScoped;
import org.kam.relationship.Topics;
import org.kam.relationship.contact.AccountContact;
import org.kam.relationship.contact.ContactBook;
import org.kam.relationship.contact.ContactsChanged;
import org.kam.relationship.coverage.CoverageChecklist.Coverage;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Keeps each account's open coverage gaps ({@code coverage_gap}, which it owns) in step with its
 * contacts and plan tier, and publishes the difference: {@code CoverageGap} once when a
 * requirement stops being met, {@code CoverageRestored} once when it is met again or no longer
 * asked for. Runs inside the transaction of the change (contacts or tier), so the events commit
 * with it.
 */
@Service
public class CoverageTracker {

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final ContactBook contacts;
    private final KeyAccounts keyAccounts;
    private final CoverageChecklist checklist;

    /**
     * The accounts of a group of plan moves, locked and read ahead ({@link #movesAhead}): their open
     * gaps as this transaction leaves them, and their current contacts.
     */
    private final TransactionScoped<Map<String, Ahead>> ahead;

    CoverageTracker(JdbcTemplate jdbc, Outbox outbox, Clock clock, ContactBook contacts, KeyAccounts keyAccounts,
            CoverageChecklist checklist, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.contacts = contacts;
        this.keyAccounts = keyAccounts;
        this.checklist = checklist;
        this.ahead = new TransactionScoped<>(jdbc.getDataSource(), HashMap::new);
        Gauge.builder("kam.coverage.gaps.open", this, CoverageTracker::openGaps)
                .description("Coverage requirements that accounts miss now (each account and requirement once)")
                .register(meters);
    }

    @EventListener
    void contactsChanged(ContactsChanged change) {
        Map<String, Ahead> known = ahead.current();
        if (known != null) {
            known.remove(change.accountId()); // its contacts are read again
        }
        refresh(change.accountId());
    }

    /**
     * Takes the coverage locks of a group of moving accounts in one statement (in the order of their
     * keys, as concurrent lockers must) and reads their open gaps and current contacts in one
     * statement each, for their {@link #refresh} in this transaction.
     */
    @EventListener
    void movesAhead(TierMovesAhead moves) {
        Map<String, Ahead> known = ahead.current();
        List<String> accounts = moves.moves().stream().map(TierMoved::accountId).distinct().toList();
        if (known == null || accounts.isEmpty()) {
            return;
        }
        String[] ids = accounts.toArray(String[]::new);
        jdbc.query("""
                select pg_advisory_xact_lock(k)
                from (select hashtext('coverage:' || a) as k from unnest(?::text[]) a order by 1) sorted""",
                rs -> { }, (Object) ids);
        Map<String, Set<String>> open = new HashMap<>();
        accounts.forEach(account -> open.put(account, new HashSet<>()));
        jdbc.query("select account_id, requirement from coverage_gap where account_id = any(?)",
                rs -> { open.get(rs.getString(1)).add(rs.getString(2)); }, (Object) ids);
        Map<String, List<AccountContact>> current = contacts.current(accounts);
        accounts.forEach(account -> known.put(account,
                new Ahead(open.get(account), current.getOrDefault(account, List.of()))));
    }

    @EventListener
    void tierMoved(TierMoved moved) {
        refresh(moved.accountId());
    }

    /** The account's coverage by the checklist of its plan tier. */
    public Coverage coverage(String accountId) {
        return checklist.assess(keyAccounts.planTier(accountId), contacts.list(accountId, false));
    }

    /** Recomputes the account's gaps and publishes what changed. */
    public void refresh(String accountId) {
        Map<String, Ahead> known = ahead.current();
        Ahead readAhead = known == null ? null : known.get(accountId);
        Coverage coverage;
        Set<String> open;
        if (readAhead != null) {
            coverage = checklist.assess(keyAccounts.planTier(accountId), readAhead.contacts());
            open = new HashSet<>(readAhead.open());
        } else {
            // One account's refreshes run one after the other, so two cannot both publish the same gap.
            jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('coverage:' || ?))", Object.class, accountId);
            coverage = coverage(accountId);
            open = new HashSet<>(jdbc.queryForList(
                    "select requirement from coverage_gap where account_id = ?", String.class, accountId));
        }
        List<String> gaps = coverage.gaps();
        if (readAhead != null) {
            known.put(accountId, new Ahead(new HashSet<>(gaps), readAhead.contacts()));
        }
        Instant now = clock.instant();
        List<String> opened = gaps.stream().filter(requirement -> !open.remove(requirement)).toList();
        if (!opened.isEmpty()) {
            jdbc.batchUpdate("insert into coverage_gap (account_id, requirement, since) values (?, ?, ?)", opened,
                    opened.size(), (ps, requirement) -> {
                        ps.setString(1, accountId);
                        ps.setString(2, requirement);
                        ps.setTimestamp(3, Timestamp.from(now));
                    });
        }
        for (String requirement : opened) {
            UUID eventId = UUID.randomUUID();
            outbox.append(eventId, Topics.RELATIONSHIP_SIGNALS, accountId, "CoverageGap",
                    new CoverageSignal.Gap(eventId, now, accountId, coverage.tier(), requirement));
        }
        Set<String> asked = new HashSet<>(checklist.requirements(coverage.tier()).stream().map(Object::toString).toList());
        if (!open.isEmpty()) {
            jdbc.update("delete from coverage_gap where account_id = ? and requirement = any(?)", accountId,
                    open.toArray(String[]::new));
        }
        for (String requirement : open) {
            UUID eventId = UUID.randomUUID();
            outbox.append(eventId, Topics.RELATIONSHIP_SIGNALS, accountId, "CoverageRestored",
                    new CoverageSignal.Restored(eventId, now, accountId, coverage.tier(), requirement,
                            asked.contains(requirement) ? CoverageSignal.RestoredCause.MET
                                    : CoverageSignal.RestoredCause.NO_LONGER_REQUIRED));
        }
    }

    /** A moving account's open gaps (as this transaction leaves them) and current contacts. */
    private record Ahead(Set<String> open, List<AccountContact> contacts) {
    }

    private double openGaps() {
        try {
            Long count = jdbc.queryForObject("select count(*) from coverage_gap", Long.class);
            return count == null ? 0 : count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
