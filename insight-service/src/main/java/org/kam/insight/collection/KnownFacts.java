package org.kam.insight.collection;

import java.util.Objects;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** What the collected facts say of an account or a SKU, for those who route and explain (reads the Collector's tables). */
@Repository
public class KnownFacts {

    private final JdbcTemplate jdbc;

    KnownFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The tier insight-service knows for the account (REGULAR when it knows none: account-service opens accounts as REGULAR). */
    public Tier tierOf(String accountId) {
        return jdbc.query("select tier from account_tier where account_id = ?",
                (rs, row) -> Tier.valueOf(rs.getString(1)), accountId)
                .stream().findFirst().orElse(Tier.REGULAR);
    }

    /** The SKU's product line, when supply-service announced one. */
    public Optional<String> productLineOf(String sku) {
        return jdbc.queryForList("select product_line from product where sku = ?", String.class, sku).stream()
                .filter(Objects::nonNull).findFirst();
    }
}
