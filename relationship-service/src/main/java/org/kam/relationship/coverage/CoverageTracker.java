package org.kam.relationship.coverage;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.kam.chassis.outbox.Outbox;
import org.kam.relationship.Topics;
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

    CoverageTracker(JdbcTemplate jdbc, Outbox outbox, Clock clock, ContactBook contacts, KeyAccounts keyAccounts,
            CoverageChecklist checklist, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.contacts = contacts;
        this.keyAccounts = keyAccounts;
        this.checklist = checklist;
        Gauge.builder("kam.coverage.gaps.open", this, CoverageTracker::openGaps)
                .description("Coverage requirements that accounts miss now (each account and requirement once)")
                .register(meters);
    }

    @EventListener
    void contactsChanged(ContactsChanged change) {
        refresh(change.accountId());
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
        // One account's refreshes run one after the other, so two cannot both publish the same gap.
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtext('coverage:' || ?))", Object.class, accountId);
        Coverage coverage = coverage(accountId);
        Set<String> open = new HashSet<>(jdbc.queryForList(
                "select requirement from coverage_gap where account_id = ?", String.class, accountId));
        List<String> gaps = coverage.gaps();
        Instant now = clock.instant();
        for (String requirement : gaps) {
            if (!open.remove(requirement)) {
                jdbc.update("insert into coverage_gap (account_id, requirement, since) values (?, ?, ?)", accountId,
                        requirement, Timestamp.from(now));
                UUID eventId = UUID.randomUUID();
                outbox.append(eventId, Topics.RELATIONSHIP_SIGNALS, accountId, "CoverageGap",
                        new CoverageSignal.Gap(eventId, now, accountId, coverage.tier(), requirement));
            }
        }
        Set<String> asked = new HashSet<>(checklist.requirements(coverage.tier()).stream().map(Object::toString).toList());
        for (String requirement : open) {
            jdbc.update("delete from coverage_gap where account_id = ? and requirement = ?", accountId, requirement);
            UUID eventId = UUID.randomUUID();
            outbox.append(eventId, Topics.RELATIONSHIP_SIGNALS, accountId, "CoverageRestored",
                    new CoverageSignal.Restored(eventId, now, accountId, coverage.tier(), requirement,
                            asked.contains(requirement) ? CoverageSignal.RestoredCause.MET
                                    : CoverageSignal.RestoredCause.NO_LONGER_REQUIRED));
        }
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
