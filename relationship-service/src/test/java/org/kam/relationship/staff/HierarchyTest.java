package org.kam.relationship.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class HierarchyTest {

    // kam reports to lead, lead to director
    private final Hierarchy<String> staff = Hierarchy.of(Map.of("kam", "lead", "lead", "director"));

    @Test
    void theChainAboveSomeoneIsNearestFirst() {
        assertThat(staff.chainAbove("kam")).containsExactly("lead", "director");
        assertThat(staff.chainAbove("director")).isEmpty();
    }

    @Test
    void puttingSomeoneUnderThemselvesOrUnderAnyoneBelowThemIsALoop() {
        assertThat(staff.wouldLoop("director", "kam")).isTrue();
        assertThat(staff.wouldLoop("lead", "lead")).isTrue();
        assertThat(staff.wouldLoop("kam", "director")).isFalse();
    }

    @Test
    void aLoopMadeByHandEndsTheChainInsteadOfRunningForEver() {
        Hierarchy<String> looped = Hierarchy.of(Map.of("a", "b", "b", "c", "c", "a"));

        assertThat(looped.chainAbove("a")).containsExactly("b", "c");
    }
}
