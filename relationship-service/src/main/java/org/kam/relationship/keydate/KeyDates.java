package org.kam.relationship.keydate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.kam.chassis.web.NotFoundException;
import org.kam.relationship.account.AccountDetailsRecorded;
import org.kam.relationship.account.AccountRegister;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The customers' key dates and business news (R2.2); owns {@code key_date} and
 * {@code business_news}. The opening anniversary follows the directory: when account-service
 * announces an opening date, the account's DIRECTORY anniversary is created or moved.
 */
@Service
public class KeyDates {

    private final JdbcTemplate jdbc;
    private final AccountRegister accounts;
    private final Clock clock;

    KeyDates(JdbcTemplate jdbc, AccountRegister accounts, Clock clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Transactional
    public KeyDate add(String accountId, KeyDateKind kind, String title, LocalDate on, boolean yearly, String notes) {
        accounts.requireKnown(accountId);
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into key_date (id, account_id, kind, title, on_date, yearly, notes, source, created_at)
                values (?, ?, ?, ?, ?, ?, ?, 'MANUAL', ?)""", id, accountId, kind.name(), title, on, yearly, notes,
                Timestamp.from(clock.instant()));
        return find(id).orElseThrow();
    }

    @Transactional
    public void remove(String accountId, UUID id) {
        if (jdbc.update("delete from key_date where id = ? and account_id = ?", id, accountId) == 0) {
            throw new NotFoundException("No key date " + id + " at account " + accountId);
        }
    }

    public Optional<KeyDate> find(UUID id) {
        return jdbc.query("select * from key_date where id = ?", KeyDates::keyDate, id).stream().findFirst();
    }

    public List<KeyDate> list(String accountId) {
        return jdbc.query("select * from key_date where account_id = ? order by extract(doy from on_date), id",
                KeyDates::keyDate, accountId);
    }

    /** Every key date (a few per account): the alert job picks those due soon with {@link Occurrences}. */
    public List<KeyDate> all() {
        return jdbc.query("select * from key_date", KeyDates::keyDate);
    }

    @EventListener
    void accountDetails(AccountDetailsRecorded recorded) {
        var details = recorded.details();
        if (details.openedOn() == null) {
            jdbc.update("delete from key_date where account_id = ? and source = 'DIRECTORY'", details.accountId());
            return;
        }
        jdbc.update("""
                insert into key_date (id, account_id, kind, title, on_date, yearly, source, created_at)
                values (?, ?, 'ANNIVERSARY', ?, ?, true, 'DIRECTORY', ?)
                on conflict (account_id) where source = 'DIRECTORY'
                do update set on_date = excluded.on_date, title = excluded.title""",
                UUID.randomUUID(), details.accountId(), "Opening anniversary of " + details.name(), details.openedOn(),
                Timestamp.from(clock.instant()));
    }

    // --- business news -----------------------------------------------------------------------

    public record News(UUID id, String accountId, KeyDateKind kind, String headline, LocalDate happenedOn,
            String notes) {
    }

    @Transactional
    public News addNews(String accountId, KeyDateKind kind, String headline, LocalDate happenedOn, String notes) {
        accounts.requireKnown(accountId);
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into business_news (id, account_id, kind, headline, happened_on, notes, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""", id, accountId, kind.name(), headline, happenedOn, notes,
                Timestamp.from(clock.instant()));
        return new News(id, accountId, kind, headline, happenedOn, notes);
    }

    /** The account's news since {@code since}, latest first (at most 50). */
    public List<News> news(String accountId, LocalDate since) {
        return jdbc.query("""
                select * from business_news where account_id = ? and happened_on >= ?
                order by happened_on desc, created_at desc limit 50""",
                (rs, row) -> new News(rs.getObject("id", UUID.class), rs.getString("account_id"),
                        KeyDateKind.valueOf(rs.getString("kind")), rs.getString("headline"),
                        rs.getObject("happened_on", LocalDate.class), rs.getString("notes")), accountId, since);
    }

    private static KeyDate keyDate(ResultSet rs, int row) throws SQLException {
        return new KeyDate(rs.getObject("id", UUID.class), rs.getString("account_id"),
                KeyDateKind.valueOf(rs.getString("kind")), rs.getString("title"),
                rs.getObject("on_date", LocalDate.class), rs.getBoolean("yearly"), rs.getString("notes"),
                rs.getString("source"));
    }
}
