package org.kam.relationship.keydate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AlertLadderTest {

    private static final Instant DEADLINE = Instant.parse("2026-12-02T10:00:00Z");
    private final AlertLadder ladder = new AlertLadder();

    @Test
    void anAlertInsideItsDeadlineStaysWhereItIs() {
        assertThat(ladder.next(DEADLINE.minusSeconds(1), DEADLINE, 0, List.of("lead", "director"))).isEmpty();
    }

    @Test
    void anUnacknowledgedAlertGoesOneStepUpTheChain() {
        assertThat(ladder.next(DEADLINE, DEADLINE, 0, List.of("lead", "director")))
                .isEqualTo(Optional.of(new AlertLadder.Step("lead", 1)));
        assertThat(ladder.next(DEADLINE.plusSeconds(60), DEADLINE, 1, List.of("director")))
                .isEqualTo(Optional.of(new AlertLadder.Step("director", 2)));
    }

    @Test
    void atTheTopOfTheChainItStaysUntilSomeoneAcknowledgesIt() {
        assertThat(ladder.next(DEADLINE.plusSeconds(3600), DEADLINE, 2, List.of())).isEmpty();
    }
}
