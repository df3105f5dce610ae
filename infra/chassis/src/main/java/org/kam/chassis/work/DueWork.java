package org.kam.chassis.work;

import java.util.List;

import org.kam.chassis.resilience.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;

/**
 * Works through units of deferred work (accounts whose protections are due), the longest waiting
 * first, a group of them per transaction, round after round until nothing is due or a whole round
 * got nowhere (docs/adr/0014). A group whose locks were not free in time ({@link Failure#isLockBusy})
 * is left for the next round, counted as busy; when a group fails for a reason of one of its units,
 * each of its units is tried alone, and the one that fails is counted, logged and postponed behind
 * the others, so it never holds them up; an outage is thrown, for the {@link WorkLoop} to wait out.
 *
 * <p>Why groups (issue 12): a burst of tier changes makes thousands of accounts due within seconds;
 * one transaction each was a dozen statements and a hand-over of the SKUs' locks with the
 * consumers per account. A group reads and writes what all its units need in those statements.
 */
public final class DueWork {

    /** The units of one kind of work, as the service that owns them stores them. */
    public interface Units {

        /** Up to {@code limit} units with something due, the longest waiting first. */
        List<String> due(int limit);

        /** Does what is due for all of {@code units}, in one transaction of their own: all or nothing. */
        void work(List<String> units);

        /** {@code unit} failed for a reason of its own: it goes behind the others. */
        void postpone(String unit);
    }

    private static final Logger log = LoggerFactory.getLogger(DueWork.class);
    private static final int UNITS_PER_ROUND = 200;

    private final String what;
    private final Units units;
    private final int groupSize;
    private final Counter busy;
    private final Counter failures;

    /**
     * @param what      what a unit is, for the log ("the protections of")
     * @param groupSize how many units share a transaction (1 to {@value #UNITS_PER_ROUND})
     * @param busy      counts units left for the next round because their group's locks were held
     * @param failures  counts units that failed for a reason of their own
     */
    public DueWork(String what, Units units, int groupSize, Counter busy, Counter failures) {
        if (groupSize < 1 || groupSize > UNITS_PER_ROUND) {
            throw new IllegalArgumentException("groupSize must be 1 to " + UNITS_PER_ROUND + ", was " + groupSize);
        }
        this.what = what;
        this.units = units;
        this.groupSize = groupSize;
        this.busy = busy;
        this.failures = failures;
    }

    /**
     * Works every unit that is due; answers how many were done.
     *
     * @throws RuntimeException when PostgreSQL is unreachable (what was done stays done)
     */
    public int workAllDue() {
        int total = 0;
        while (true) {
            List<String> due = units.due(UNITS_PER_ROUND);
            int done = 0;
            for (int from = 0; from < due.size(); from += groupSize) {
                done += workGroup(due.subList(from, Math.min(due.size(), from + groupSize)));
            }
            total += done;
            if (done == 0 || due.size() < UNITS_PER_ROUND) {
                return total;
            }
        }
    }

    /** Works the group in one transaction; when one of its units fails on its own, each alone. */
    private int workGroup(List<String> group) {
        try {
            units.work(List.copyOf(group));
            return group.size();
        } catch (RuntimeException e) {
            if (Failure.isLockBusy(e)) {
                busy.increment(group.size());
                return 0;
            }
            if (Failure.of(e) == Failure.OUTAGE) {
                throw e;
            }
            if (group.size() > 1) {
                int done = 0;
                for (String unit : group) {
                    done += workGroup(List.of(unit));
                }
                return done;
            }
            failures.increment();
            log.warn("Working out {} {} failed; it is tried again after the others", what, group.get(0), e);
            units.postpone(group.get(0));
            return 0;
        }
    }
}
