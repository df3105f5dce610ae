package org.kam.account.value;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Each account's long-term value, from its sales as stored (see {@link LongTermValueModel}). */
@Repository
public class AccountValues {

    private final JdbcTemplate jdbc;

    AccountValues(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Empty when the account has no sales (or does not exist). */
    public Optional<LongTermValue> longTermValue(String accountId) {
        List<Purchase> history = new ArrayList<>();
        Instant[] businessClock = new Instant[1];
        // The business clock (the latest sale of any account) comes along in the same query, so the
        // history and the clock it is valued at are one consistent snapshot.
        jdbc.query("""
                select s.order_id, s.amount, s.occurred_at, c.latest
                from sale s cross join (select max(occurred_at) as latest from sale) c
                where s.account_id = ?""",
                rs -> {
                    history.add(new Purchase(rs.getString(1), rs.getBigDecimal(2), rs.getTimestamp(3).toInstant()));
                    businessClock[0] = rs.getTimestamp(4).toInstant();
                }, accountId);
        return history.isEmpty() ? Optional.empty() : LongTermValueModel.estimate(history, businessClock[0]);
    }
}
