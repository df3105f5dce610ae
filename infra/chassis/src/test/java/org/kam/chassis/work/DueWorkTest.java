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

    /** Units in the order they became due; each one's scripted outcomes, one per try ("ok" when none left). */
    private static final class Script implements DueWork.Units {
        final Map<String, List<RuntimeException>> outcomes = new LinkedHashMap<>();
        final List<String> worked = new ArrayList<>();
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
        public void work(String unit) {
            List<RuntimeException> left = outcomes.get(unit);
            if (!left.isEmpty()) {
                throw left.remove(0);
            }
            outcomes.remove(unit);
            worked.add(unit);
        }

        @Override
        public void postpone(String unit) {
            postponed.add(unit);
            outcomes.put(unit, outcomes.remove(unit)); // to the back
        }
    }

    private DueWork work(Script script) {
        return new DueWork("the test unit", script, meters.counter("busy"), meters.counter("failures"));
    }

    private static RuntimeException lockTimeout() {
        return new CannotAcquireLockException("lock", new SQLException("canceling statement due to lock timeout", "55P03"));
    }

    @Test
    void everyDueUnitIsWorkedOnceInTheOrderItBecameDue() {
        Script script = new Script().due("A").due("B").due("C");

        assertThat(work(script).workAllDue()).isEqualTo(3);

        assertThat(script.worked).containsExactly("A", "B", "C");
        assertThat(script.outcomes).isEmpty();
    }

    @Test
    void moreUnitsThanOneRoundHoldsAreWorkedRoundAfterRoundInOneDrain() {
        Script script = new Script();
        for (int i = 0; i < 450; i++) {
            script.due("U" + i);
        }

        assertThat(work(script).workAllDue()).isEqualTo(450);

        assertThat(script.worked).hasSize(450).startsWith("U0", "U1").endsWith("U449");
    }

    @Test
    void aUnitWhoseLocksAreHeldIsLeftForTheNextRoundAndTheOthersGoOn() {
        Script script = new Script().due("A", lockTimeout()).due("B");

        // the drain works B and leaves A for the next one, which finds A free
        DueWork work = work(script);
        assertThat(work.workAllDue()).isEqualTo(1);
        assertThat(script.worked).containsExactly("B");
        assertThat(work.workAllDue()).isEqualTo(1);
        assertThat(script.worked).containsExactly("B", "A");
        assertThat(meters.counter("busy").count()).isEqualTo(1);
        assertThat(script.postponed).isEmpty();
    }

    @Test
    void aUnitThatStaysBusyEndsTheDrainWithoutSpinning() {
        Script script = new Script().due("A", lockTimeout(), lockTimeout(), lockTimeout());

        assertThat(work(script).workAllDue()).isZero();

        assertThat(meters.counter("busy").count()).isEqualTo(1);
        assertThat(script.outcomes).containsOnlyKeys("A");
    }

    @Test
    void aUnitFailingForAReasonOfItsOwnIsPostponedAndCountedAndNeverHoldsUpTheOthers() {
        Script script = new Script().due("A", new IllegalStateException("a bug")).due("B");

        DueWork work = work(script);
        assertThat(work.workAllDue()).isEqualTo(1);
        assertThat(script.postponed).containsExactly("A");
        assertThat(script.worked).containsExactly("B");

        // and the next drain tries it again
        assertThat(work.workAllDue()).isEqualTo(1);
        assertThat(script.worked).containsExactly("B", "A");
        assertThat(meters.counter("failures").count()).isEqualTo(1);
    }

    @Test
    void anOutageIsThrownForTheLoopToWaitOutAndWhatWasDoneStaysDone() {
        Script script = new Script().due("A").due("B", new DataAccessResourceFailureException("database down"));

        assertThatThrownBy(() -> work(script).workAllDue()).isInstanceOf(DataAccessResourceFailureException.class);

        assertThat(script.worked).containsExactly("A");
        assertThat(script.postponed).isEmpty();
        assertThat(meters.counter("failures").count()).isZero();
    }
}
