package org.kam.chassis.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    /** Oracle: Java's own parser, on what producers write, with every number of fraction digits. */
    @Test
    void readsWhatInstantToStringWritesAsInstantParseDoes() {
        Random random = new Random(12);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            String text = Instant.ofEpochSecond(seconds, nanos).toString();
            assertThat(IsoInstants.parse(text)).as(text).isEqualTo(Instant.parse(text));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-03-01T10:15:30Z", "2026-03-01T10:15:30.1Z", "2026-03-01T10:15:30.123456789Z",
            "2024-02-29T23:59:59.999Z", "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "2026-03-01T10:15:30+01:00",
            "2026-12-31T23:59:60Z", "+12026-03-01T10:15:30Z", "2026-03-01t10:15:30z",
            "2026-03-01T10:15:30.Z" })
    void anyOtherFormJavaAcceptsMeansWhatItMeansToJava(String text) {
        assertThat(IsoInstants.parse(text)).isEqualTo(Instant.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "2026-03-01", "2026-03-01T10:15:30", "2026-13-01T10:15:30Z", "2026-02-29T10:15:30Z",
            "2026-04-31T10:15:30Z", "2026-03-00T10:15:30Z", "2026-03-01T25:15:30Z", "2026-03-01T10:60:30Z",
            "2026-03-01T10:15:30.1234567890Z", "2026-03-01T10:15:3xZ", "20a6-03-01T10:15:30Z",
            "2026-03-01 10:15:30Z", "yesterday" })
    void whatJavaRefusesIsRefusedTheSameWay(String text) {
        assertThatThrownBy(() -> Instant.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }
}
