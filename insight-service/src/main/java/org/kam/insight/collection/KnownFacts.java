package org.kam.insight.collection;

import java.util.Objects;
import java.util.Optional;

import org.kam.chassis.transaction.ReadPerTransaction;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What the collected facts say of an account or a SKU, for those who route and explain (reads the
 * Collector's tables). A consumer's transaction applies hundreds of facts about the same accounts
 * and SKUs, and each fact asked for its account's tier and its SKU's product line (three times a
 * sale, 60,000 statements for 20,000 sales): each is read once per transaction, and the Collector
 * tells what it changes in the same transaction ({@link #tierNow}, {@link #productLineNow}).
 */
@Repository
public class KnownFacts {

    private final JdbcTemplate jdbc;
    private final ReadPerTransaction<String, Tier> tiers;
    private final ReadPerTransaction<String, Optional<String>> productLines;

    KnownFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.tiers = new ReadPerTransaction<>(jdbc.getDataSource(), this::storedTier);
        this.productLines = new ReadPerTransaction<>(jdbc.getDataSource(), this::storedProductLine);
    }

    /** The tier insight-service knows for the account (REGULAR when it knows none: account-service opens accounts as REGULAR). */
    public Tier tierOf(String accountId) {
        return tiers.get(accountId);
    }

    /** The SKU's product line, when supply-service announced one. */
    public Optional<String> productLineOf(String sku) {
        return productLines.get(sku);
    }

    /** The Collector stored the account's new tier in the current transaction. */
    void tierNow(String accountId, Tier tier) {
        tiers.wrote(accountId, tier);
    }

    /** The Collector stored the SKU's product line in the current transaction. */
    void productLineNow(String sku, String productLine) {
        productLines.wrote(sku, Optional.ofNullable(productLine));
    }

    private Tier storedTier(String accountId) {
        return jdbc.query("select tier from account_tier where account_id = ?",
                (rs, row) -> Tier.valueOf(rs.getString(1)), accountId)
                .stream().findFirst().orElse(Tier.REGULAR);
    }

    private Optional<String> storedProductLine(String sku) {
        return jdbc.queryForList("select product_line from product where sku = ?", String.class, sku).stream()
                .filter(Objects::nonNull).findFirst();
    }
}
