package org.kam.supply.reservation;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.kam.chassis.transaction.RowsAtCommit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code protection_due} table: what is still to be sized, per account. Whoever marks an account
 * holds its lock (see {@link Protections}), and so does the sizer when it reads and clears it, so
 * nothing marked between the two is lost.
 */
@Repository
class ProtectionsDue {

    private final JdbcTemplate jdbc;

    /** SKUs bought, marked at the commit: a batch's sales mark the same account and SKU again and again. */
    private final RowsAtCommit<List<String>> skusAtCommit;

    /**
     * Accounts whose tier changed, marked at the commit: a batch of tier changes marked each with a
     * statement of its own (issue 12), and nothing reads the marks in the transaction that makes them.
     */
    private final RowsAtCommit<String> accountsAtCommit;

    ProtectionsDue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.accountsAtCommit = RowsAtCommit.merging(jdbc, """
                insert into protection_due (account_id, sku) values (?, null)
                on conflict (account_id, coalesce(sku, '')) do nothing""", accountId -> accountId,
                (earlier, later) -> earlier, (ps, accountId) -> ps.setString(1, accountId));
        this.skusAtCommit = RowsAtCommit.merging(jdbc, """
                insert into protection_due (account_id, sku) values (?, ?)
                on conflict (account_id, coalesce(sku, '')) do nothing""", key -> key, (earlier, later) -> earlier,
                (ps, key) -> {
                    ps.setString(1, key.get(0));
                    ps.setString(2, key.get(1));
                });
    }

    /** The account's tier changed: every protection of it is due (from the commit on). */
    void wholeAccount(String accountId) {
        accountsAtCommit.add(accountId);
    }

    /** The account bought the SKU: that protection is due (from the commit on). */
    void sku(String accountId, String sku) {
        skusAtCommit.add(List.of(accountId, sku));
    }

    /** What is due for each of the accounts, in one statement; an account with nothing due is missing. */
    Map<String, Due> of(Collection<String> accountIds) {
        Map<String, Boolean> whole = new HashMap<>();
        Map<String, TreeSet<String>> skus = new HashMap<>();
        jdbc.query("select account_id, sku from protection_due where account_id = any(?)", rs -> {
            String accountId = rs.getString(1);
            String sku = rs.getString(2);
            TreeSet<String> bought = skus.computeIfAbsent(accountId, a -> new TreeSet<>());
            if (sku == null) {
                whole.put(accountId, true);
            } else {
                bought.add(sku);
            }
        }, (Object) accountIds.toArray(String[]::new));
        Map<String, Due> due = new HashMap<>();
        skus.forEach((accountId, bought) -> due.put(accountId, new Due(whole.getOrDefault(accountId, false), bought)));
        return due;
    }

    /** Everything due for the accounts was sized. */
    void clear(Collection<String> accountIds) {
        jdbc.update("delete from protection_due where account_id = any(?)", (Object) accountIds.toArray(String[]::new));
    }

    /** Sizing the account failed for a reason of its own: it goes behind the others. */
    void postpone(String accountId) {
        jdbc.update("update protection_due set due_since = clock_timestamp() where account_id = ?", accountId);
    }

    /** Up to {@code limit} accounts with something due, the longest waiting first. */
    List<String> oldest(int limit) {
        return jdbc.queryForList("""
                select account_id from protection_due group by account_id order by min(due_since), account_id limit ?""",
                String.class, limit);
    }

    /** How many accounts have something due. */
    long accounts() {
        Long count = jdbc.queryForObject("select count(distinct account_id) from protection_due", Long.class);
        return count == null ? 0 : count;
    }
}
