package org.kam.relationship.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ManagerLoadsTest {

    @Test
    void aNewPlanGoesToTheManagerWhoOwnsTheFewestTiesById() {
        ManagerLoads loads = new ManagerLoads(Map.of("kam-b", 2, "kam-a", 2, "kam-c", 3));

        assertThat(loads.leastLoaded()).contains("kam-a");
    }

    @Test
    void plansGivenOutOneAfterTheOtherSpreadOverTheManagersAsCountingAgainEachTimeWould() {
        ManagerLoads loads = new ManagerLoads(Map.of("kam-a", 1, "kam-b", 0, "kam-c", 0));
        List<String> owners = new ArrayList<>();

        for (int i = 0; i < 5; i++) {
            String owner = loads.leastLoaded().orElseThrow();
            owners.add(owner);
            loads.assigned(owner);
        }

        assertThat(owners).containsExactly("kam-b", "kam-c", "kam-a", "kam-b", "kam-c");
    }

    @Test
    void aPlanGivenToSomeoneWhoIsNoAccountManagerChangesNoCount() {
        ManagerLoads loads = new ManagerLoads(Map.of("kam-a", 0, "kam-b", 1));

        loads.assigned("exec-1");

        assertThat(loads.leastLoaded()).contains("kam-a");
    }

    @Test
    void withoutAccountManagersNobodyGetsThePlan() {
        assertThat(new ManagerLoads(Map.of()).leastLoaded()).isEmpty();
    }
}
