package org.kam.chassis.work;

import java.util.List;

import org.kam.chassis.resilience.Failure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;

/**
 * Works through units of deferred work (accounts whose protections or plan are due), the longest
 * waiting first, each in a transaction of its own, round after round until nothing is due or a
 * whole round got nowhere (docs/adr/0014). A unit whose locks were not free in time
 * ({@link Failure#isLockBusy}) is left for the next round, counted as busy; one that fails for a
 * reason of its own is counted, logged and postponed behind the others, so it never holds them up;
 * an outage is thrown, for the {@link WorkLoop} to wait out.
 */
public final class DueWork {

    /** The units of one kind of work, as the service that owns them stores them. */
    public interface Units {

        /** Up to {@code limit} units with something due, the longest waiting first. */
        List<String> due(int limit);

        /** Does what is due for {@code unit}, in a transaction of its own. */
        void work(String unit);

        /** {@code unit} failed for a reason of its own: it goes behind the others. */
        void postpone(String unit);
    }

    private static final Logger log = LoggerFactory.getLogger(DueWork.class);
    private static final int UNITS_PER_ROUND = 200;

    private final String what;
    private final Units units;
    private final Counter busy;
    private final Counter failures;

    /**
     * @param what     what a unit is, for the log ("the protections of", "the plan move of")
     * @param busy     counts units left for the next round because their locks were held
     * @param failures counts units that failed for a reason of their own
     */
    public DueWork(String what, Units units, Counter busy, Counter failures) {
        this.what = what;
        this.units = units;
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
            for (String unit : due) {
                if (workOne(unit)) {
                    done++;
                }
            }
            total += done;
            if (done == 0 || due.size() < UNITS_PER_ROUND) {
                return total;
            }
        }
    }

    private boolean workOne(String unit) {
        try {
            units.work(unit);
            return true;
        } catch (RuntimeException e) {
            if (Failure.isLockBusy(e)) {
                busy.increment();
                return false;
            }
            if (Failure.of(e) == Failure.OUTAGE) {
                throw e;
            }
            failures.increment();
            log.warn("Working out {} {} failed; it is tried again after the others", what, unit, e);
            units.postpone(unit);
            return false;
        }
    }
}
