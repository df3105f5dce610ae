package org.kam.supply.reservation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The accounts' latest tiers as kam.account-tiers.v1 announced them, for reading (the table Protections keeps). */
@Repository
public class Tiers {

    private final JdbcTemplate jdbc;

    Tiers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The accounts' latest tiers as kam.account-tiers.v1 announced them, for reading (the table Protections keeps). */
    public Map<String, Tier> accountsIn(Set<Tier> tiers) {
        Map<String, Tier> accounts = new LinkedHashMap<>();
        jdbc.query("select account_id, tier from account_tier where tier = any(?) order by account_id",
                rs -> {
                    accounts.put(rs.getString(1), Tier.valueOf(rs.getString(2)));
                }, (Object) tiers.stream().map(Tier::name).toArray(String[]::new));
        return accounts;
    }
}
