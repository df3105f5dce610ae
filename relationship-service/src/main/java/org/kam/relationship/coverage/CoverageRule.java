package org.kam.relationship.coverage;

import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.kam.relationship.contact.Level;

/**
 * A key account is covered at a level when the supplier knows at least one person there; it is
 * fully covered when it is covered at every level, from executives to the frontline. The report
 * lists the accounts with the most missing levels first (ties by account id), so the worst-known
 * key accounts head a manager's list.
 */
final class CoverageRule {

    private static final Comparator<KeyAccountCoverage> MOST_MISSING_FIRST = Comparator
            .comparingInt((KeyAccountCoverage c) -> c.missingLevels().size()).reversed()
            .thenComparing(KeyAccountCoverage::accountId);

    /** The coverage of each key account, given each account's contact counts by level (absent means none). */
    List<KeyAccountCoverage> assess(List<KeyAccount> keyAccounts, Map<String, Map<Level, Integer>> contactCounts) {
        return keyAccounts.stream()
                .map(account -> assess(account, contactCounts.getOrDefault(account.accountId(), Map.of())))
                .sorted(MOST_MISSING_FIRST)
                .toList();
    }

    KeyAccountCoverage assess(KeyAccount account, Map<Level, Integer> counts) {
        Map<Level, Integer> contacts = new EnumMap<>(Level.class);
        for (Level level : Level.values()) {
            int count = counts.getOrDefault(level, 0);
            if (count < 0) {
                throw new IllegalArgumentException("A contact count cannot be negative: " + level + "=" + count);
            }
            contacts.put(level, count);
        }
        List<Level> missing = contacts.entrySet().stream()
                .filter(entry -> entry.getValue() == 0)
                .map(Map.Entry::getKey)
                .toList();
        return new KeyAccountCoverage(account.accountId(), account.since(), Collections.unmodifiableMap(contacts),
                missing);
    }
}
