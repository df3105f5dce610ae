package org.kam.account.directory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.kam.account.tiering.Tier;
import org.kam.account.tiering.Tiering;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The customer directory. */
@Repository
public class AccountDirectory {

    private final JdbcTemplate jdbc;

    private final Tiering tiering;

    AccountDirectory(JdbcTemplate jdbc, Tiering tiering) {
        this.jdbc = jdbc;
        this.tiering = tiering;
    }

    public Optional<Account> find(String id) {
        return withStandings(jdbc.query("select * from account where id = ?", AccountDirectory::account, id))
                .stream().findFirst();
    }

    public List<Account> list(Tier tier, int page, int size) {
        if (tier == null) {
            return withStandings(jdbc.query("select * from account order by id limit ? offset ?",
                    AccountDirectory::account, size, (long) page * size));
        }
        return withStandings(jdbc.query("select * from account where tier = ? order by id limit ? offset ?",
                AccountDirectory::account, tier.name(), size, (long) page * size));
    }

    private List<Account> withStandings(List<Account> accounts) {
        if (accounts.isEmpty()) {
            return accounts;
        }
        Map<String, Tiering.Standing> standings = tiering.standings(accounts.stream().map(Account::id).toList());
        return accounts.stream().map(a -> {
            Tiering.Standing standing = standings.get(a.id());
            return a.withStanding(standing.computedTier(), standing.windowRevenue());
        }).toList();
    }

    /** Creates or updates the customer's master data; true when it was created. */
    @Transactional
    public boolean save(String id, String name, String industry, String region) {
        Boolean created = jdbc.queryForObject("""
                insert into account (id, name, industry, region) values (?, ?, ?, ?)
                on conflict (id) do update
                   set name = excluded.name, industry = excluded.industry, region = excluded.region, updated_at = now()
                returning (xmax = 0)""", Boolean.class, id, name, industry, region);
        return Boolean.TRUE.equals(created);
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        return new Account(rs.getString("id"), rs.getString("name"), rs.getString("industry"), rs.getString("region"),
                Tier.valueOf(rs.getString("tier")), Tier.valueOf(rs.getString("computed_tier")), null);
    }
}
