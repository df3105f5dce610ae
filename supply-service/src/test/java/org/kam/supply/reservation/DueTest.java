package org.kam.supply.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DueTest {

    private static final Due WHOLE = new Due(true, new TreeSet<>());
    private static final Due SKUS = new Due(false, new TreeSet<>(java.util.List.of("SKU-2", "SKU-1")));
    private static final Due BOTH = new Due(true, new TreeSet<>(java.util.List.of("SKU-1")));

    static Stream<Arguments> whatIsDueAtEachTier() {
        return Stream.of(
                Arguments.of("tier changed, now KEY", WHOLE, Tier.KEY, Due.Work.SIZE_ACCOUNT),
                Arguments.of("tier changed, now POTENTIAL", WHOLE, Tier.POTENTIAL, Due.Work.SIZE_ACCOUNT),
                Arguments.of("tier changed, now REGULAR", WHOLE, Tier.REGULAR, Due.Work.RELEASE),
                Arguments.of("tier changed and sales, now KEY", BOTH, Tier.KEY, Due.Work.SIZE_ACCOUNT),
                Arguments.of("tier changed and sales, now REGULAR", BOTH, Tier.REGULAR, Due.Work.RELEASE),
                Arguments.of("sales, still KEY", SKUS, Tier.KEY, Due.Work.SIZE_SKUS),
                Arguments.of("sales, still POTENTIAL", SKUS, Tier.POTENTIAL, Due.Work.SIZE_SKUS),
                Arguments.of("sales, REGULAR since (its change releases)", SKUS, Tier.REGULAR, Due.Work.NOTHING),
                Arguments.of("sales of an account supply knows no tier of", SKUS, null, Due.Work.NOTHING),
                Arguments.of("nothing due", Due.NONE, Tier.KEY, Due.Work.NOTHING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("whatIsDueAtEachTier")
    void theWorkIsDecidedByTheTierTheAccountHasWhenTheSizerComes(String situation, Due due, Tier tier, Due.Work work) {
        assertThat(due.at(tier)).isEqualTo(work);
    }

    @Test
    void theSkusDueAreKeptInOrderAndCannotBeChangedFromOutside() {
        TreeSet<String> skus = new TreeSet<>(java.util.List.of("SKU-2", "SKU-1"));
        Due due = new Due(false, skus);
        skus.add("SKU-9");
        assertThat(due.skus()).containsExactly("SKU-1", "SKU-2");
    }
}
