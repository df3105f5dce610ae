package org.kam.supply.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which tier change replaces the tier supply knows: the decision the tier consumer makes in memory for its batch. */
class KnownTierTest {

    private static final Instant MONDAY = Instant.parse("2026-03-02T00:00:00Z");

    @ParameterizedTest(name = "stored {0} as of +{1}h, incoming {2} as of +{3}h: replaced {4}")
    @CsvSource({
            // account-service numbers one account's changes in order
            "5, 0, 6, 0, true",
            "5, 9, 6, 0, true",
            "6, 0, 5, 9, false",
            "6, 0, 6, 9, false",
            // a numbered change replaces unnumbered ones, never the other way round
            "0, 9, 3, 0, true",
            "3, 0, 0, 9, false",
            // unnumbered changes replace each other by business time, the later (or as late) one winning
            "0, 0, 0, 1, true",
            "0, 1, 0, 1, true",
            "0, 2, 0, 1, false",
    })
    void aChangeReplacesTheKnownTierOnlyWhenItIsNewer(long stored, int storedHours, long incoming, int incomingHours,
            boolean replaced) {
        KnownTier known = new KnownTier(Tier.KEY, MONDAY.plusSeconds(3600L * storedHours), stored);

        assertThat(known.replacedBy(incoming, MONDAY.plusSeconds(3600L * incomingHours))).isEqualTo(replaced);
    }
}
