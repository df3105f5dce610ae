package org.kam.insight.collection;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
 * tells what it changes in the same transaction ({@link #tierNow}, {@link #productLineNow}). A
 * consumer reads what its whole batch will ask for first ({@link #readAhead}, two statements): a
 * batch of sales of a long tail of accounts asks for a new account almost every time.
 */
@Repository
public class KnownFacts {

    private final JdbcTemplate jdbc;
    private final ReadPerTransaction<String, KnownTier> tiers;
    private final ReadPerTransaction<String, Optional<String>> productLines;

    KnownFacts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.tiers = new ReadPerTransaction<>(jdbc.getDataSource(), this::storedTier, this::storedTiers);
        this.productLines = new ReadPerTransaction<>(jdbc.getDataSource(), this::storedProductLine,
                this::storedProductLines);
    }

    /** Reads the tiers of {@code accountIds} and the product lines of {@code skus} for the rest of the transaction. */
    void readAhead(Collection<String> accountIds, Collection<String> skus) {
        if (!accountIds.isEmpty()) {
            tiers.readAhead(accountIds);
        }
        if (!skus.isEmpty()) {
            productLines.readAhead(skus);
        }
    }

    /** The tier insight-service knows for the account (REGULAR when it knows none: account-service opens accounts as REGULAR). */
    public Tier tierOf(String accountId) {
        return tiers.get(accountId).tier();
    }

    /** The account's tier with the sequence of the change that set it. */
    KnownTier knownTier(String accountId) {
        return tiers.get(accountId);
    }

    /** The SKU's product line, when supply-service announced one. */
    public Optional<String> productLineOf(String sku) {
        return productLines.get(sku);
    }

    /** The Collector stored the account's new tier, set by the change numbered {@code sequence}, in the current transaction. */
    void tierNow(String accountId, Tier tier, long sequence) {
        tiers.wrote(accountId, new KnownTier(tier, sequence));
    }

    /** The Collector stored the SKU's product line in the current transaction. */
    void productLineNow(String sku, String productLine) {
        productLines.wrote(sku, Optional.ofNullable(productLine));
    }

    private KnownTier storedTier(String accountId) {
        return jdbc.query("select tier, sequence from account_tier where account_id = ?",
                (rs, row) -> new KnownTier(Tier.valueOf(rs.getString(1)), rs.getLong(2)), accountId)
                .stream().findFirst().orElse(KnownTier.UNKNOWN);
    }

    private Map<String, KnownTier> storedTiers(Collection<String> accountIds) {
        Map<String, KnownTier> found = new HashMap<>();
        accountIds.forEach(accountId -> found.put(accountId, KnownTier.UNKNOWN));
        jdbc.query("select account_id, tier, sequence from account_tier where account_id = any(?)",
                rs -> { found.put(rs.getString(1), new KnownTier(Tier.valueOf(rs.getString(2)), rs.getLong(3))); },
                (Object) accountIds.toArray(String[]::new));
        return found;
    }

    /**
     * An account's tier and the sequence of the change that set it ({@link #NONE}: no change was
     * applied, the account is REGULAR as account-service opened it).
     */
    record KnownTier(Tier tier, long sequence) {

        static final long NONE = -1;
        static final KnownTier UNKNOWN = new KnownTier(Tier.REGULAR, NONE);

        /**
         * Whether a change numbered {@code sequence} replaces this one: account-service numbers one
         * account's changes in order, so an older one replayed after a newer one is stale (changes
         * without a number, 0, replace each other in the order received).
         */
        boolean replacedBy(long sequence) {
            return this.sequence == NONE || this.sequence < sequence || (this.sequence == 0 && sequence == 0);
        }
    }

    private Map<String, Optional<String>> storedProductLines(Collection<String> skus) {
        Map<String, Optional<String>> found = new HashMap<>();
        skus.forEach(sku -> found.put(sku, Optional.empty()));
        jdbc.query("select sku, product_line from product where sku = any(?)",
                rs -> { found.put(rs.getString(1), Optional.ofNullable(rs.getString(2))); },
                (Object) skus.toArray(String[]::new));
        return found;
    }

    private Optional<String> storedProductLine(String sku) {
        return jdbc.queryForList("select product_line from product where sku = ?", String.class, sku).stream()
                .filter(Objects::nonNull).findFirst();
    }
}
