package org.kam.insight.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class WebhookBackOffTest {

    @Test
    void waitsDoubleUpToTheMostAndTheLastAttemptParks() {
        WebhookBackOff backOff = new WebhookBackOff(Duration.ofSeconds(2), Duration.ofSeconds(10), 5);

        assertThat(backOff.after(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backOff.after(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backOff.after(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(backOff.after(4)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backOff.after(5)).as("parked").isNull();
    }

    @Test
    void manyFailuresDoNotOverflowTheWait() {
        assertThat(new WebhookBackOff(Duration.ofSeconds(1), Duration.ofMinutes(10), 1000).after(200))
                .isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void settingsThatCannotWorkStopTheStart() {
        assertThatThrownBy(() -> new WebhookBackOff(Duration.ofSeconds(10), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WebhookBackOff(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
