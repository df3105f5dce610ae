package org.kam.account.directory;

import java.math.BigDecimal;
import java.util.List;

import org.kam.account.value.LongTermValue;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One account as its page shows it: what the list shows, its direct children, the roll-up of its
 * whole group when it has children (null otherwise), and its long-term value (null without sales).
 */
public record AccountView(@JsonUnwrapped Account account, List<String> children, Rollup rollup,
        LongTermValue longTermValue) {

    /** The account's subtree, itself included. */
    public record Rollup(int accounts, BigDecimal windowRevenue) {
    }
}
