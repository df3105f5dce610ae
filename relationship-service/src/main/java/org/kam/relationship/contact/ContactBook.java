package org.kam.relationship.contact;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.web.NotFoundException;
import org.kam.relationship.Topics;
import org.kam.relationship.account.AccountRegister;
import org.kam.relationship.staff.Hierarchy;
import org.kam.relationship.staff.Staff;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The relationship map: the people the supplier knows and the dated links through which they work
 * at customers. Owns {@code contact} and {@code contact_link}. A person who leaves a customer keeps
 * the ended link (history); one who moves gets a new link at the new customer. Every change
 * announces {@link ContactsChanged} in its transaction; a new person is published as
 * {@code ContactAdded}.
 */
@Service
public class ContactBook {

    static final int MAX_ACCOUNT_ID_LENGTH = 64;

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final AccountRegister accounts;
    private final Staff staff;
    private final RoleCatalogue roles;
    private final ApplicationEventPublisher events;
    private final Map<Level, Counter> added = new EnumMap<>(Level.class);

    ContactBook(JdbcTemplate jdbc, Outbox outbox, Clock clock, AccountRegister accounts, Staff staff,
            RoleCatalogue roles, ApplicationEventPublisher events, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        this.accounts = accounts;
        this.staff = staff;
        this.roles = roles;
        this.events = events;
        for (Level level : Level.values()) {
            added.put(level, Counter.builder("kam.contacts.added").tag("level", level.name())
                    .description("Contacts added, by level in the customer's organisation").register(meters));
        }
    }

    /**
     * Stores a new person working at {@code accountId} and, in the same transaction, the
     * {@code ContactAdded} event announcing them. The account must be known here (see
     * {@link AccountRegister#requireKnown}).
     */
    @Transactional
    public AccountContact add(String accountId, Person person, LinkDetails link) {
        checkAccount(accountId);
        LinkDetails checked = check(accountId, null, link);
        Instant now = now();
        UUID id = UUID.randomUUID();
        jdbc.update("insert into contact (id, name, email, phone, created_at, updated_at) values (?, ?, ?, ?, ?, ?)",
                id, person.name(), person.email(), person.phone(), Timestamp.from(now), Timestamp.from(now));
        insertLink(id, accountId, checked, now);
        AccountContact contact = find(accountId, id).orElseThrow();
        UUID eventId = UUID.randomUUID();
        outbox.append(eventId, Topics.CONTACTS, accountId, "ContactAdded", ContactAdded.of(eventId, contact));
        added.get(contact.level()).increment();
        events.publishEvent(new ContactsChanged(accountId));
        return contact;
    }

    /** Replaces how the contact works at {@code accountId} (and their name and details); the start date stays. */
    @Transactional
    public AccountContact update(String accountId, UUID contactId, Person person, LinkDetails link) {
        AccountContact current = currentLink(accountId, contactId);
        LinkDetails checked = check(accountId, contactId, link);
        Instant now = now();
        jdbc.update("update contact set name = ?, email = ?, phone = ?, updated_at = ? where id = ?",
                person.name(), person.email(), person.phone(), Timestamp.from(now), contactId);
        jdbc.update(con -> {
            var update = con.prepareStatement("""
                    update contact_link set level = ?, title = ?, roles = ?, influence = ?, strength = ?, stance = ?,
                           reports_to = ?, owner_staff_id = ?, updated_at = ?
                    where id = ?""");
            update.setString(1, checked.level().name());
            update.setString(2, checked.title());
            update.setArray(3, con.createArrayOf("text", checked.roles().toArray()));
            update.setObject(4, checked.influence());
            update.setObject(5, checked.strength());
            update.setString(6, checked.stance() == null ? null : checked.stance().name());
            update.setObject(7, checked.reportsTo());
            update.setString(8, checked.ownerStaffId());
            update.setTimestamp(9, Timestamp.from(now));
            update.setObject(10, current.linkId());
            return update;
        });
        events.publishEvent(new ContactsChanged(accountId));
        return find(accountId, contactId).orElseThrow();
    }

    /**
     * The contact left {@code accountId}; {@code lastDay} is their last day there. Whoever reported
     * to them now reports to their manager, so the org chart closes up instead of breaking apart.
     */
    @Transactional
    public AccountContact end(String accountId, UUID contactId, LocalDate lastDayOrToday) {
        AccountContact current = currentLink(accountId, contactId);
        LocalDate lastDay = lastDayOrToday == null ? today() : lastDayOrToday;
        if (lastDay.isBefore(current.from())) {
            throw new InvalidEventException("lastDay", "must not be before the first day " + current.from());
        }
        Instant now = now();
        jdbc.update("update contact_link set valid_to = ?, updated_at = ? where id = ?", lastDay, Timestamp.from(now),
                current.linkId());
        jdbc.update("""
                update contact_link set reports_to = ?, updated_at = ?
                where account_id = ? and reports_to = ? and valid_to is null""",
                current.reportsTo(), Timestamp.from(now), accountId, contactId);
        events.publishEvent(new ContactsChanged(accountId));
        return find(accountId, contactId).orElseThrow();
    }

    /**
     * The contact moved from {@code fromAccount} to {@code toAccount}: the old link ends the day
     * before {@code link.from()}, a new one starts then; the person (and their history) stays one.
     */
    @Transactional
    public AccountContact move(String fromAccount, UUID contactId, String toAccount, LinkDetails link) {
        if (toAccount.equals(fromAccount)) {
            throw new InvalidEventException("toAccountId", "must be another account than " + fromAccount);
        }
        checkAccount(toAccount);
        LocalDate firstDay = link.from() == null ? today() : link.from();
        AccountContact current = currentLink(fromAccount, contactId);
        if (findLinks(contactId).stream().anyMatch(c -> c.accountId().equals(toAccount) && c.to() == null)) {
            throw new InvalidEventException("toAccountId", "the contact already works at " + toAccount);
        }
        if (!firstDay.isAfter(current.from())) {
            throw new InvalidEventException("from", "must be after the first day at " + fromAccount + ", "
                    + current.from());
        }
        end(fromAccount, contactId, firstDay.minusDays(1));
        LinkDetails checked = check(toAccount, contactId, new LinkDetails(link.level(), link.title(), link.roles(),
                link.influence(), link.strength(), link.stance(), link.reportsTo(), link.ownerStaffId(), firstDay));
        insertLink(contactId, toAccount, checked, now());
        events.publishEvent(new ContactsChanged(toAccount));
        return find(toAccount, contactId).orElseThrow();
    }

    /** The people working at {@code accountId} today; with {@code history}, also those who left. */
    public List<AccountContact> list(String accountId, boolean history) {
        return jdbc.query(SELECT + " where l.account_id = ?" + (history ? "" : " and (l.valid_to is null or l.valid_to >= ?)")
                + " order by l.valid_from, c.created_at, c.id", ContactBook::contact,
                history ? new Object[] { accountId } : new Object[] { accountId, today() });
    }

    /** The contact's latest link at {@code accountId} (the current one if they still work there). */
    public Optional<AccountContact> find(String accountId, UUID contactId) {
        return jdbc.query(SELECT + " where l.account_id = ? and c.id = ? order by l.valid_to desc nulls first limit 1",
                ContactBook::contact, accountId, contactId).stream().findFirst();
    }

    /** Every link the person ever had, at any customer, oldest first. */
    public List<AccountContact> findLinks(UUID contactId) {
        return jdbc.query(SELECT + " where c.id = ? order by l.valid_from, l.created_at", ContactBook::contact, contactId);
    }

    /** The current contacts of many accounts at once, for coverage and briefings. */
    public Map<String, List<AccountContact>> current(Collection<String> accountIds) {
        Map<String, List<AccountContact>> byAccount = new HashMap<>();
        if (accountIds.isEmpty()) {
            return byAccount;
        }
        jdbc.query(con -> {
            var select = con.prepareStatement(SELECT
                    + " where l.account_id = any(?) and (l.valid_to is null or l.valid_to >= ?) order by l.valid_from, c.id");
            select.setArray(1, con.createArrayOf("text", accountIds.toArray()));
            select.setObject(2, today());
            return select;
        }, rs -> {
            AccountContact contact = contact(rs, 0);
            byAccount.computeIfAbsent(contact.accountId(), id -> new java.util.ArrayList<>()).add(contact);
        });
        return byAccount;
    }

    /** How many current contacts each of {@code accountIds} has per level; levels without contacts are left out. */
    public Map<String, Map<Level, Integer>> countsByLevel(Collection<String> accountIds) {
        Map<String, Map<Level, Integer>> counts = new HashMap<>();
        current(accountIds).forEach((account, contacts) -> contacts.forEach(c -> counts
                .computeIfAbsent(account, id -> new EnumMap<>(Level.class)).merge(c.level(), 1, Integer::sum)));
        return counts;
    }

    private static final String SELECT = """
            select c.id, l.id as link_id, l.account_id, c.name, c.email, c.phone, l.level, l.title, l.roles,
                   l.influence, l.strength, l.stance, l.reports_to, l.owner_staff_id, l.valid_from, l.valid_to,
                   c.created_at
            from contact c join contact_link l on l.contact_id = c.id""";

    private void checkAccount(String accountId) {
        if (accountId.isBlank() || accountId.length() > MAX_ACCOUNT_ID_LENGTH) {
            throw new InvalidEventException("accountId", "must be 1 to " + MAX_ACCOUNT_ID_LENGTH + " characters");
        }
        accounts.requireKnown(accountId);
    }

    private AccountContact currentLink(String accountId, UUID contactId) {
        return find(accountId, contactId).filter(c -> c.to() == null)
                .orElseThrow(() -> new NotFoundException("No current contact " + contactId + " at account " + accountId));
    }

    /**
     * Checks what a link refers to: known roles, an owner who is on the staff, and a manager who
     * works at the same customer now, without making the customer's org chart loop.
     */
    private LinkDetails check(String accountId, UUID contactId, LinkDetails link) {
        List<String> checkedRoles = roles.check("roles", link.roles());
        if (link.ownerStaffId() != null && staff.find(link.ownerStaffId()).isEmpty()) {
            throw new InvalidEventException("ownerStaffId", "no staff member " + link.ownerStaffId());
        }
        LocalDate from = link.from() == null ? today() : link.from();
        if (link.reportsTo() != null) {
            List<AccountContact> here = list(accountId, false);
            if (here.stream().noneMatch(c -> c.id().equals(link.reportsTo()))) {
                throw new InvalidEventException("reportsTo", "no current contact " + link.reportsTo() + " at account "
                        + accountId);
            }
            if (contactId != null) {
                Map<UUID, UUID> above = new HashMap<>();
                here.forEach(c -> {
                    if (c.reportsTo() != null) {
                        above.put(c.id(), c.reportsTo());
                    }
                });
                if (Hierarchy.of(above).wouldLoop(contactId, link.reportsTo())) {
                    throw new InvalidEventException("reportsTo", "would make a loop: " + contactId
                            + " is already above " + link.reportsTo());
                }
            }
        }
        return new LinkDetails(link.level(), link.title(), checkedRoles, link.influence(), link.strength(),
                link.stance(), link.reportsTo(), link.ownerStaffId(), from);
    }

    private void insertLink(UUID contactId, String accountId, LinkDetails link, Instant now) {
        jdbc.update(con -> {
            var insert = con.prepareStatement("""
                    insert into contact_link (id, contact_id, account_id, valid_from, level, title, roles, influence,
                                              strength, stance, reports_to, owner_staff_id, created_at, updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, contactId);
            insert.setString(3, accountId);
            insert.setObject(4, link.from());
            insert.setString(5, link.level().name());
            insert.setString(6, link.title());
            insert.setArray(7, con.createArrayOf("text", link.roles().toArray()));
            insert.setObject(8, link.influence());
            insert.setObject(9, link.strength());
            insert.setString(10, link.stance() == null ? null : link.stance().name());
            insert.setObject(11, link.reportsTo());
            insert.setString(12, link.ownerStaffId());
            insert.setTimestamp(13, Timestamp.from(now));
            insert.setTimestamp(14, Timestamp.from(now));
            return insert;
        });
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: the answer, the stored row and the event show the same instant.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static AccountContact contact(ResultSet rs, int row) throws SQLException {
        Array roles = rs.getArray("roles");
        String stance = rs.getString("stance");
        return new AccountContact(rs.getObject("id", UUID.class), rs.getObject("link_id", UUID.class),
                rs.getString("account_id"), rs.getString("name"), rs.getString("email"), rs.getString("phone"),
                Level.valueOf(rs.getString("level")), rs.getString("title"),
                roles == null ? List.of() : Arrays.asList((String[]) roles.getArray()),
                (Integer) rs.getObject("influence", Integer.class), (Integer) rs.getObject("strength", Integer.class),
                stance == null ? null : Stance.valueOf(stance), rs.getObject("reports_to", UUID.class),
                rs.getString("owner_staff_id"), rs.getObject("valid_from", LocalDate.class),
                rs.getObject("valid_to", LocalDate.class), rs.getTimestamp("created_at").toInstant());
    }
}
