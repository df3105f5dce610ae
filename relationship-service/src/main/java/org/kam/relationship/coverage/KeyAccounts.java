package org.kam.relationship.coverage;

import java.sql.Timestamp;
import java.util.List;

import org.kam.chassis.inbox.Inbox;
import org.kam.relationship.contact.ContactBook;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The key accounts as account-service announces them, and how well the supplier knows each one
 * at every level of its organisation.
 */
@Service
public class KeyAccounts {

    static final String CONSUMER = "relationship-service.account-tiers";

    private final JdbcTemplate jdbc;
    private final Inbox inbox;
    private final ContactBook contacts;
    private final CoverageRule rule = new CoverageRule();

    KeyAccounts(JdbcTemplate jdbc, Inbox inbox, ContactBook contacts, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.contacts = contacts;
        Gauge.builder("kam.key.accounts.missing.levels", this, KeyAccounts::missingAnyLevel)
                .description("Key accounts where the supplier knows nobody at one or more levels")
                .register(meters);
    }

    /**
     * Applies a tier change once; a redelivered event changes nothing. The stored {@code since} is
     * the asOf of the change that moved the account into its tier. One account's changes arrive in
     * order (keyed by account id, relayed in commit order); an older one replayed after a newer one
     * (a lower {@code sequence}) changes nothing.
     */
    @Transactional
    public void record(TierChange change) {
        if (!inbox.firstDelivery(CONSUMER, change.eventId())) {
            return;
        }
        jdbc.update("""
                insert into account_tier (account_id, tier, since, sequence) values (?, ?, ?, ?)
                on conflict (account_id) do update
                   set since = case when account_tier.tier = excluded.tier then account_tier.since else excluded.since end,
                       tier = excluded.tier, sequence = excluded.sequence
                where account_tier.sequence < excluded.sequence
                   or (account_tier.sequence = 0 and excluded.sequence = 0)""",
                change.accountId(), change.to().name(), Timestamp.from(change.asOf()), change.sequence());
    }

    /** Every account that is KEY now, with its contacts per level and the levels it lacks. */
    public List<KeyAccountCoverage> coverage() {
        List<KeyAccount> keyAccounts = jdbc.query(
                "select account_id, since from account_tier where tier = 'KEY'",
                (rs, row) -> new KeyAccount(rs.getString(1), rs.getTimestamp(2).toInstant()));
        return rule.assess(keyAccounts, contacts.countsByLevel(keyAccounts.stream().map(KeyAccount::accountId).toList()));
    }

    private double missingAnyLevel() {
        try {
            return coverage().stream().filter(c -> !c.complete()).count();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
