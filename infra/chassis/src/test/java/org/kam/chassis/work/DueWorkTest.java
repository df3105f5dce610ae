package org.kam.chassis.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class DueWorkTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /**
     * Units in the order they became due; each one's scripted outcomes, one per transaction it takes
     * part in ("ok" when none left). A transaction fails, undoing all its units, with the first
     * failure of any of them.
     */
    private static final class Script implements DueWork.Units {
        final Map<String, List<RuntimeException>> outcomes = new LinkedHashMap<>();
        final List<String> worked = new ArrayList<>();
        final List<List<String>> transactions = new ArrayList<>();
        final List<String> postponed = new ArrayList<>();

        Script due(String unit, RuntimeException... failures) {
            outcomes.put(unit, new ArrayList<>(List.of(failures)));
            return this;
        }

        @Override
        public List<String> due(int limit) {
            return outcomes.keySet().stream().limit(limit).toList();
        }

        @Override
        public void work(List<String> units) {
            RuntimeException failure = null;
            for (String unit : units) {
                List<RuntimeException> left = outcomes.get(unit);
                if (!left.isEmpty()) {
                    RuntimeException next = left.remove(0);
                    failure = failure == null ? next : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
            units.forEach(outcomes::remove);
            worked.addAll(units);
            transactions.add(units);
        }

        @Override
        public void postpone(String unit) {
            postponed.add(unit);
            outcomes.put(unit, outcomes.remove(unit)); // to the back
        }
    }

    private DueWork work(Script script, int groupSize) {
        return new DueWork("the test unit", script, groupSize, meters.counter("busy"), meters.counter("failures"));
    }

    private static RuntimeException lockTimeout() {
        return new CannotAcquireLockException("lock", new SQLException("canceling statement due to lock timeout", "55P03"));
    }

    private static RuntimeException bug() {
        return new IllegalStateException("a bug");
    }

    @Test
    void everyDueUnitIsWorkedOnceInTheOrderItBecameDueAGroupPerTransaction() {
        Script script = new Script().due("A").due("B").due("C");

        assertThat(work(script, 2).workAllDue()).isEqualTo(3);

        assertThat(script.worked).containsExactly("A", "B", "C");
        assertThat(script.transactions).containsExactly(List.of("A", "B"), List.of("C"));
        assertThat(script.outcomes).isEmpty();
    }

    @Test
    void moreUnitsThanOneRoundHoldsAreWorkedRoundAfterRoundInOneDrain() {
        Script script = new Script();
        for (int i = 0; i < 450; i++) {
            script.due("U" + i);
        }

        assertThat(work(script, 50).workAllDue()).isEqualTo(450);

        assertThat(script.worked).hasSize(450).startsWith("U0", "U1").endsWith("U449");
        // rounds of 200: 4 + 4 + 1 groups
        assertThat(script.transactions).hasSize(9);
    }

    @Test
    void aGroupWhoseLocksAreHeldIsLeftForTheNextRoundAndTheOtherGroupsGoOn() {
        Script script = new Script().due("A", lockTimeout()).due("B").due("C");

        // the drain works C and leaves A and B (A's locks were held) for the next one, which finds them free
        DueWork work = work(script, 2);
        assertThat(work.workAllDue()).isEqualTo(1);
        assertThat(script.worked).containsExactly("C");
        assertThat(work.workAllDue()).isEqualTo(2);
        assertThat(script.worked).containsExactly("C", "A", "B");
        assertThat(meters.counter("busy").count()).isEqualTo(2);
        assertThat(script.postponed).isEmpty();
    }

    @Test
    void aUnitThatStaysBusyEndsTheDrainWithoutSpinning() {
        Script script = new Script().due("A", lockTimeout(), lockTimeout(), lockTimeout());

        assertThat(work(script, 10).workAllDue()).isZero();

        assertThat(meters.counter("busy").count()).isEqualTo(1);
        assertThat(script.outcomes).containsOnlyKeys("A");
    }

    @Test
    void aUnitFailingForAReasonOfItsOwnIsTriedAloneThenPostponedAndNeverHoldsUpTheOthersOfItsGroup() {
        // A fails in its group's transaction and again alone
        Script script = new Script().due("A", bug(), bug()).due("B").due("C");

        DueWork work = work(script, 3);
        assertThat(work.workAllDue()).isEqualTo(2);
        assertThat(script.postponed).containsExactly("A");
        assertThat(script.transactions).containsExactly(List.of("B"), List.of("C"));
        assertThat(meters.counter("failures").count()).isEqualTo(1);

        // and the next drain tries it again
        assertThat(work.workAllDue()).isEqualTo(1);
        assertThat(script.worked).containsExactly("B", "C", "A");
    }

    @Test
    void aFailureThatDoesNotComeBackAloneCostsNothing() {
        Script script = new Script().due("A", bug()).due("B");

        assertThat(work(script, 2).workAllDue()).isEqualTo(2);

        assertThat(script.transactions).containsExactly(List.of("A"), List.of("B"));
        assertThat(script.postponed).isEmpty();
        assertThat(meters.counter("failures").count()).isZero();
    }

    @Test
    void anOutageIsThrownForTheLoopToWaitOutAndWhatWasDoneStaysDone() {
        Script script = new Script().due("A").due("B", new DataAccessResourceFailureException("database down"));

        assertThatThrownBy(() -> work(script, 1).workAllDue()).isInstanceOf(DataAccessResourceFailureException.class);

        assertThat(script.worked).containsExactly("A");
        assertThat(script.postponed).isEmpty();
        assertThat(meters.counter("failures").count()).isZero();
    }

    @Test
    void aGroupSizeOutsideOneToARoundIsRefused() {
        assertThatThrownBy(() -> work(new Script(), 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("groupSize");
        assertThatThrownBy(() -> work(new Script(), 201)).isInstanceOf(IllegalArgumentException.class);
    }
}
