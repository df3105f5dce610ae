package org.kam.insight.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kam.insight.collection.ReservationChange;
import org.kam.insight.collection.Sale;
import org.kam.insight.collection.Tier;
import org.kam.insight.collection.TierChange;

class NotificationRulesTest {

    private static final Instant AS_OF = Instant.parse("2026-03-02T09:00:00Z");

    private final NotificationRules rules = new NotificationRules();

    @Test
    void tellsMarketingAndProductionWhenAnAccountBecomesKey() {
        // given
        TierChange change = new TierChange(UUID.randomUUID(), "C-1", Tier.REGULAR, Tier.KEY, AS_OF);

        // when / then
        String message = "account C-1 became a key account as of 2026-03-02T09:00:00Z";
        assertThat(rules.onTierChanged(change)).containsExactly(
                new Notice(Department.MARKETING, Kind.NEW_KEY_ACCOUNT, "C-1", null, message),
                new Notice(Department.PRODUCTION, Kind.NEW_KEY_ACCOUNT, "C-1", null, message));
    }

    @Test
    void aPotentialAccountBecomingKeyIsNewToo() {
        TierChange change = new TierChange(UUID.randomUUID(), "C-1", Tier.POTENTIAL, Tier.KEY, AS_OF);

        assertThat(rules.onTierChanged(change)).extracting(Notice::department, Notice::kind).containsExactly(
                tuple(Department.MARKETING, Kind.NEW_KEY_ACCOUNT),
                tuple(Department.PRODUCTION, Kind.NEW_KEY_ACCOUNT));
    }

    @Test
    void tellsMarketingWhenAKeyAccountIsLost() {
        TierChange change = new TierChange(UUID.randomUUID(), "C-2", Tier.KEY, Tier.POTENTIAL, AS_OF);

        assertThat(rules.onTierChanged(change)).containsExactly(
                new Notice(Department.MARKETING, Kind.KEY_ACCOUNT_LOST, "C-2", null,
                        "account C-2 is no longer a key account (now POTENTIAL) as of 2026-03-02T09:00:00Z"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "REGULAR, POTENTIAL", "POTENTIAL, REGULAR", "KEY, KEY", "REGULAR, REGULAR" })
    void tellsNobodyAboutChangesThatDoNotTouchKey(Tier from, Tier to) {
        TierChange change = new TierChange(UUID.randomUUID(), "C-3", from, to, AS_OF);

        assertThat(rules.onTierChanged(change)).isEmpty();
    }

    @Test
    void tellsProductionWhatAKeyAccountOrdered() {
        // given a sale of an account that is KEY when the sale arrives
        Sale sale = sale("C-4", 12, "BOLT-M8");

        // when / then
        assertThat(rules.onSale(sale, Tier.KEY)).containsExactly(
                new Notice(Department.PRODUCTION, Kind.KEY_ACCOUNT_SALE, "C-4", "BOLT-M8",
                        "key account C-4 ordered 12 × BOLT-M8"));
    }

    @ParameterizedTest
    @CsvSource({ "POTENTIAL", "REGULAR" })
    void tellsNobodyAboutSalesOfOtherAccounts(Tier tier) {
        assertThat(rules.onSale(sale("C-5", 1, "BOLT-M8"), tier)).isEmpty();
    }

    @Test
    void tellsProductionAndTransportWhenAKeyAccountReservationIsShort() {
        // given 10 units requested, 4 reserved, 6 missing
        ReservationChange change = reservation("C-6", 10, 4, 6);

        // when / then
        String message = "6 units of SKU-9 missing for key account C-6";
        assertThat(rules.onReservationChanged(change)).containsExactly(
                new Notice(Department.PRODUCTION, Kind.RESERVATION_SHORTAGE, "C-6", "SKU-9", message),
                new Notice(Department.TRANSPORT, Kind.RESERVATION_SHORTAGE, "C-6", "SKU-9", message));
    }

    @Test
    void saysUnitForASingleMissingUnit() {
        assertThat(rules.onReservationChanged(reservation("C-7", 1, 0, 1)))
                .extracting(Notice::message).containsOnly("1 unit of SKU-9 missing for key account C-7");
    }

    @Test
    void tellsProductionWhenStockIsReservedInFull() {
        ReservationChange change = reservation("C-8", 5, 5, 0);

        assertThat(rules.onReservationChanged(change)).containsExactly(
                new Notice(Department.PRODUCTION, Kind.STOCK_RESERVED, "C-8", "SKU-9",
                        "5 units of SKU-9 reserved for key account C-8"));
    }

    @Test
    void tellsNobodyWhenAReservationIsReleased() {
        assertThat(rules.onReservationChanged(reservation("C-9", 0, 0, 0))).isEmpty();
    }

    private static Sale sale(String account, int quantity, String sku) {
        return new Sale(UUID.randomUUID(), account, sku, quantity, new BigDecimal("99.50"),
                Instant.parse("2026-03-03T08:00:00Z"));
    }

    private static ReservationChange reservation(String account, int requested, int reserved, int shortage) {
        return new ReservationChange(UUID.randomUUID(), account, "SKU-9", requested, reserved, shortage, "SALE");
    }
}
