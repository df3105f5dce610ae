package org.kam.relationship.account;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.kam.chassis.inbox.Inbox;
import org.kam.chassis.messaging.InvalidEventException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The accounts as account-service's directory announces them (kam.accounts.v1); owns
 * {@code account_detail}. Details are the full current state, so the latest by {@code occurredAt}
 * wins and an older record replayed after a newer one changes nothing.
 */
@Service
public class AccountRegister {

    static final String CONSUMER = "relationship-service.accounts";

    private final JdbcTemplate jdbc;
    private final Inbox inbox;
    private final ApplicationEventPublisher events;

    AccountRegister(JdbcTemplate jdbc, Inbox inbox, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.inbox = inbox;
        this.events = events;
    }

    @Transactional
    public void record(AccountDetails details) {
        if (!inbox.firstDelivery(CONSUMER, details.eventId())) {
            return;
        }
        int changed = jdbc.update("""
                insert into account_detail (account_id, name, region, parent_id, opened_on, directory_owner, updated_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (account_id) do update set name = excluded.name, region = excluded.region,
                    parent_id = excluded.parent_id, opened_on = excluded.opened_on,
                    directory_owner = excluded.directory_owner, updated_at = excluded.updated_at
                where account_detail.updated_at <= excluded.updated_at""",
                details.accountId(), details.name(), details.region(), details.parentId(),
                details.openedOn() == null ? null : Date.valueOf(details.openedOn()), details.owner(),
                Timestamp.from(details.occurredAt()));
        if (changed == 1) {
            events.publishEvent(new AccountDetailsRecorded(details));
        }
    }

    public Optional<AccountDetails> find(String accountId) {
        return jdbc.query("select * from account_detail where account_id = ?", (rs, row) -> new AccountDetails(null,
                rs.getTimestamp("updated_at").toInstant(), rs.getString("account_id"), rs.getString("name"),
                rs.getString("region"), rs.getString("parent_id"), rs.getObject("opened_on", java.time.LocalDate.class),
                rs.getString("directory_owner")), accountId).stream().findFirst();
    }

    /** The staff member the directory names as owner of each account that names one (free text: an id or a name). */
    public Map<String, String> directoryOwners(Collection<String> accountIds) {
        Map<String, String> owners = new HashMap<>();
        if (!accountIds.isEmpty()) {
            jdbc.query("select account_id, directory_owner from account_detail where account_id = any(?) and directory_owner is not null",
                    rs -> { owners.put(rs.getString(1), rs.getString(2)); }, (Object) accountIds.toArray(String[]::new));
        }
        return owners;
    }

    /** The region of each account that has one. */
    public Map<String, String> regions(Collection<String> accountIds) {
        Map<String, String> regions = new HashMap<>();
        if (accountIds.isEmpty()) {
            return regions;
        }
        jdbc.query(con -> {
            var select = con.prepareStatement(
                    "select account_id, region from account_detail where account_id = any(?) and region is not null");
            select.setArray(1, con.createArrayOf("text", accountIds.toArray()));
            return select;
        }, rs -> {
            regions.put(rs.getString(1), rs.getString(2));
        });
        return regions;
    }

    /**
     * How a contact, a key date or a visit for an account this service has not heard of is
     * reconciled: it is refused (400 on {@code accountId}) rather than kept for an account that may
     * never exist. Accounts arrive from account-service within seconds of being registered there
     * (kam.accounts.v1, or kam.account-tiers.v1 for accounts known only from their sales), so the
     * caller registers the customer in the directory first, or retries a moment later.
     */
    public void requireKnown(String accountId) {
        Boolean known = jdbc.queryForObject("""
                select exists (select 1 from account_detail where account_id = ?)
                    or exists (select 1 from account_tier where account_id = ?)""", Boolean.class, accountId, accountId);
        if (!Boolean.TRUE.equals(known)) {
            throw new InvalidEventException("accountId", "account " + accountId + " is not known here yet: register it "
                    + "in account-service's directory (it arrives on kam.accounts.v1 within seconds), then retry");
        }
    }
}
