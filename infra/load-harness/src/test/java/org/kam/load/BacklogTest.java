package org.kam.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class BacklogTest {

    @Test
    void theGroupFurthestBehindIsNamedWithItsLag() {
        Drain.Backlog backlog = new Drain.Backlog(12_500, 12_000, 3,
                Map.of("account-service", 0L, "supply-service", 9_500L, "insight-service", 3_000L));

        assertThat(backlog.mostBehind()).isEqualTo("supply-service 9,500");
        assertThat(backlog.empty()).isFalse();
    }

    @Test
    void withEveryGroupCaughtUpNoneIsBehindAndAnEmptyOutboxMeansDrained() {
        Drain.Backlog backlog = new Drain.Backlog(0, 0, 0, Map.of("account-service", 0L));

        assertThat(backlog.mostBehind()).isEmpty();
        assertThat(backlog.empty()).isTrue();
    }
}
