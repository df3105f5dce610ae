package org.kam.relationship.keydate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Who holds an unacknowledged alert next. Pure: an alert not acknowledged by its
 * {@code respondBy} goes one step up the holder's supervisor chain, with a new deadline; at the
 * top of the chain it stays with the top until someone acknowledges it.
 */
public final class AlertLadder {

    /** What to do with an open alert now. */
    public record Step(String nextHolder, int level) {
    }

    /**
     * @param chainAbove the current holder's supervisors, nearest first
     * @return the next holder, or empty when the alert is not overdue or nobody is above
     */
    public Optional<Step> next(Instant now, Instant respondBy, int level, List<String> chainAbove) {
        if (now.isBefore(respondBy) || chainAbove.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Step(chainAbove.get(0), level + 1));
    }
}
