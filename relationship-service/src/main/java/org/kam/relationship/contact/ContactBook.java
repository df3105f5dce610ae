package org.kam.relationship.contact;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.outbox.Outbox;
import org.kam.relationship.Topics;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The people the supplier knows at each customer; every new contact is announced as {@code ContactAdded}. */
@Service
public class ContactBook {

    static final int MAX_ACCOUNT_ID_LENGTH = 64;

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;
    private final Map<Level, Counter> added = new EnumMap<>(Level.class);

    ContactBook(JdbcTemplate jdbc, Outbox outbox, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
        for (Level level : Level.values()) {
            added.put(level, Counter.builder("kam.contacts.added").tag("level", level.name())
                    .description("Contacts added, by level in the customer's organisation").register(meters));
        }
    }

    /** Stores the contact and, in the same transaction, the {@code ContactAdded} event announcing it. */
    @Transactional
    public Contact add(String accountId, NewContact details) {
        if (accountId.isBlank() || accountId.length() > MAX_ACCOUNT_ID_LENGTH) {
            throw new InvalidEventException("accountId", "must be 1 to " + MAX_ACCOUNT_ID_LENGTH + " characters");
        }
        // PostgreSQL keeps microseconds: the answer, the stored row and the event show the same instant.
        Contact contact = new Contact(UUID.randomUUID(), accountId, details.name(), details.level(), details.role(),
                details.email(), details.phone(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        jdbc.update("""
                insert into contact (id, account_id, name, level, role, email, phone, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""",
                contact.id(), contact.accountId(), contact.name(), contact.level().name(), contact.role(),
                contact.email(), contact.phone(), Timestamp.from(contact.createdAt()));
        UUID eventId = UUID.randomUUID();
        outbox.append(eventId, Topics.CONTACTS, accountId, "ContactAdded", ContactAdded.of(eventId, contact));
        added.get(contact.level()).increment();
        return contact;
    }

    public List<Contact> list(String accountId) {
        return jdbc.query("select * from contact where account_id = ? order by created_at, id",
                ContactBook::contact, accountId);
    }

    public Optional<Contact> find(String accountId, UUID id) {
        return jdbc.query("select * from contact where account_id = ? and id = ?", ContactBook::contact, accountId, id)
                .stream().findFirst();
    }

    /** How many contacts each of {@code accountIds} has per level; levels without contacts are left out. */
    public Map<String, Map<Level, Integer>> countsByLevel(Collection<String> accountIds) {
        Map<String, Map<Level, Integer>> counts = new HashMap<>();
        if (accountIds.isEmpty()) {
            return counts;
        }
        jdbc.query(con -> {
            var select = con.prepareStatement(
                    "select account_id, level, count(*) from contact where account_id = any(?) group by account_id, level");
            select.setArray(1, con.createArrayOf("text", accountIds.toArray()));
            return select;
        }, rs -> {
            counts.computeIfAbsent(rs.getString(1), id -> new EnumMap<>(Level.class))
                    .put(Level.valueOf(rs.getString(2)), rs.getInt(3));
        });
        return counts;
    }

    private static Contact contact(ResultSet rs, int row) throws SQLException {
        return new Contact(rs.getObject("id", UUID.class), rs.getString("account_id"), rs.getString("name"),
                Level.valueOf(rs.getString("level")), rs.getString("role"), rs.getString("email"),
                rs.getString("phone"), rs.getTimestamp("created_at").toInstant());
    }
}
