package org.kam.relationship.coverage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.kam.relationship.contact.Level;

/**
 * How well the supplier knows one key account: its contacts per level (every level listed, in
 * order from EXECUTIVE to FRONTLINE) and the levels where it knows nobody.
 */
public record KeyAccountCoverage(String accountId, Instant since, Map<Level, Integer> contacts,
        List<Level> missingLevels) {

    public boolean complete() {
        return missingLevels.isEmpty();
    }
}
