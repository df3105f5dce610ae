package org.kam.insight.collection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kam.insight.collection.KnownFacts.KnownTier;

/** Which tier change replaces the one insight-service knows: the decision the tier consumer makes in memory. */
class KnownTierTest {

    @ParameterizedTest(name = "stored {0}, incoming {1}: replaced {2}")
    @CsvSource({
            // nothing applied yet: any change is the first
            "-1, 0, true",
            "-1, 7, true",
            // account-service numbers one account's changes in order
            "5, 6, true",
            "6, 5, false",
            "6, 6, false",
            // changes without a number replace each other in the order received, and a numbered one replaces them
            "0, 0, true",
            "0, 3, true",
            "3, 0, false",
    })
    void aChangeReplacesTheKnownTierOnlyWhenItIsNewer(long stored, long incoming, boolean replaced) {
        KnownTier known = stored == KnownTier.NONE ? KnownTier.UNKNOWN : new KnownTier(Tier.KEY, stored);

        assertThat(known.replacedBy(incoming)).isEqualTo(replaced);
    }

    @Test
    void anAccountNoChangeWasAppliedToIsRegular() {
        assertThat(KnownTier.UNKNOWN.tier()).isEqualTo(Tier.REGULAR);
        assertThat(KnownTier.UNKNOWN.sequence()).isEqualTo(KnownTier.NONE);
    }
}
