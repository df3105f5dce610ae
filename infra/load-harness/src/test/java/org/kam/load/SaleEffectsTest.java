package org.kam.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class SaleEffectsTest {

    private static final long MS = 1_000_000;
    private final SaleEffects effects = new SaleEffects();
    private final UUID sale = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private final UUID otherSale = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private final UUID tierChange = UUID.fromString("00000000-0000-0000-0000-0000000000c1");

    private static String tierChanged(UUID id, UUID cause, String account, String to) {
        return "{\"eventId\":\"" + id + "\",\"accountId\":\"" + account + "\",\"from\":\"REGULAR\",\"to\":\"" + to
                + "\",\"cause\":\"SALE\",\"causeEventId\":\"" + cause + "\"}";
    }

    @Test
    void aSaleIsTimedToItsTierChangeToTheAccountsFirstReservationAndToTheFirstNotification() {
        effects.sent(sale, 0);

        effects.seen("kam.account-tiers.v1", tierChanged(tierChange, sale, "L1-00007", "KEY"), 20 * MS);
        effects.seen("kam.reservations.v1", "{\"eventId\":\"" + UUID.randomUUID() + "\",\"accountId\":\"L1-00007\"}", 70 * MS);
        effects.seen("kam.reservations.v1", "{\"eventId\":\"" + UUID.randomUUID() + "\",\"accountId\":\"L1-00007\"}", 90 * MS);
        effects.seen("kam.notifications.v1", "{\"sourceEventId\":\"" + tierChange + "\",\"kind\":\"NEW_KEY_ACCOUNT\"}", 120 * MS);
        effects.seen("kam.notifications.v1", "{\"sourceEventId\":\"" + tierChange + "\",\"kind\":\"NEW_KEY_ACCOUNT\"}", 130 * MS);

        LatencyProbe.Result result = effects.result(100, 1);
        assertTimed(result.tierChanged(), 20.0);
        assertTimed(result.reservation(), 70.0);
        assertTimed(result.notification(), 120.0);
    }

    /** Once, {@code millis} after the sale, to the histogram's three significant digits. */
    private static void assertTimed(LatencyProbe.Percentiles percentiles, double millis) {
        assertThat(percentiles.count()).isEqualTo(1);
        for (double value : new double[] { percentiles.p50(), percentiles.p99(), percentiles.p999(), percentiles.max() }) {
            assertThat(value).isCloseTo(millis, org.assertj.core.data.Percentage.withPercentage(0.1));
        }
    }

    @Test
    void aNotificationOfTheSaleItselfIsTimedFromTheSale() {
        effects.sent(sale, 5 * MS);

        effects.seen("kam.notifications.v1", "{\"sourceEventId\":\"" + sale + "\",\"kind\":\"KEY_ACCOUNT_SALE\"}", 45 * MS);

        assertTimed(effects.result(100, 1).notification(), 40.0);
    }

    @Test
    void whatNoSentSaleCausedIsNotTimed() {
        effects.sent(sale, 0);

        effects.seen("kam.account-tiers.v1", tierChanged(tierChange, otherSale, "D-1", "KEY"), 10 * MS);
        effects.seen("kam.reservations.v1", "{\"accountId\":\"D-1\"}", 20 * MS);
        effects.seen("kam.notifications.v1", "{\"sourceEventId\":\"" + tierChange + "\"}", 30 * MS);
        effects.seen("kam.notifications.v1", "not json", 30 * MS);

        LatencyProbe.Result result = effects.result(100, 1);
        assertThat(result.tierChanged().count()).isZero();
        assertThat(result.reservation().count()).isZero();
        assertThat(result.notification().count()).isZero();
    }

    @Test
    void aChangeToRegularAwaitsNoReservation() {
        effects.sent(sale, 0);

        effects.seen("kam.account-tiers.v1", tierChanged(tierChange, sale, "L1-00009", "REGULAR"), 10 * MS);
        effects.seen("kam.reservations.v1", "{\"accountId\":\"L1-00009\"}", 20 * MS);

        assertThat(effects.result(100, 1).reservation().count()).isZero();
    }
}
