package org.kam.insight.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kam.insight.collection.RelationshipSignal;
import org.kam.insight.collection.ReservationChange;
import org.kam.insight.collection.Sale;
import org.kam.insight.collection.SupplySignal;
import org.kam.insight.collection.Tier;
import org.kam.insight.collection.TierChange;

class NotificationRulesTest {

    private static final Instant AS_OF = Instant.parse("2026-03-02T09:00:00Z");
    private static final UUID SOURCE = UUID.fromString("6f1c2b9e-3d4a-4b5c-9d8e-7f6a5b4c3d2e");

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

    @ParameterizedTest(name = "cause {0}")
    @CsvSource({ "TIER_CHANGED", "AGREED_LEVEL", "SALE", "STOCK_CHANGED", "FORECAST" })
    void tellsProductionAndTransportWhenAKeyAccountProtectionIsShort(String cause) {
        // given 10 units requested, 4 reserved, 6 missing
        ReservationChange change = reservation("C-6", Tier.KEY, 10, 4, 6, cause);

        // when / then
        String message = "6 units of SKU-9 missing for key account C-6";
        assertThat(rules.onReservationChanged(change)).containsExactly(
                new Notice(Department.PRODUCTION, Kind.RESERVATION_SHORTAGE, "C-6", "SKU-9", message),
                new Notice(Department.TRANSPORT, Kind.RESERVATION_SHORTAGE, "C-6", "SKU-9", message));
    }

    @Test
    void namesAPotentialAccountsShortProtectionAsSuch() {
        assertThat(rules.onReservationChanged(reservation("C-6", Tier.POTENTIAL, 8, 5, 3, "FORECAST")))
                .extracting(Notice::department, Notice::kind, Notice::message).containsExactly(
                        tuple(Department.PRODUCTION, Kind.RESERVATION_SHORTAGE, "3 units of SKU-9 missing for potential account C-6"),
                        tuple(Department.TRANSPORT, Kind.RESERVATION_SHORTAGE, "3 units of SKU-9 missing for potential account C-6"));
    }

    @Test
    void saysUnitForASingleMissingUnit() {
        assertThat(rules.onReservationChanged(reservation("C-7", Tier.KEY, 1, 0, 1, "SALE")))
                .extracting(Notice::message).containsOnly("1 unit of SKU-9 missing for key account C-7");
    }

    @ParameterizedTest(name = "{0}, {1} of {2} reserved, {3} short")
    @CsvSource({
            "ORDER, 10, 4, 6",    // the account's own order took units from its protection: the sale told PRODUCTION
            "ORDER, 10, 10, 0",   // ... and refilled
            "RELEASED, 0, 0, 0",
            "RELEASED, 5, 0, 5" }) // a release is no news, whatever it could not cover
    void tellsNobodyWhenAnOrderDrawsOnAProtectionOrItIsReleased(String cause, int requested, int reserved, int shortage) {
        assertThat(rules.onReservationChanged(reservation("C-8", Tier.KEY, requested, reserved, shortage, cause)))
                .isEmpty();
    }

    @ParameterizedTest(name = "cause {0}")
    @CsvSource({ "TIER_CHANGED", "AGREED_LEVEL" })
    void tellsProductionWhenAProtectionIsPutInPlaceInFull(String cause) {
        ReservationChange change = reservation("C-8", Tier.KEY, 5, 5, 0, cause);

        assertThat(rules.onReservationChanged(change)).containsExactly(
                new Notice(Department.PRODUCTION, Kind.STOCK_RESERVED, "C-8", "SKU-9",
                        "5 units of SKU-9 reserved for key account C-8"));
    }

    @Test
    void namesAPotentialAccountsProtectionAsSuch() {
        assertThat(rules.onReservationChanged(reservation("C-8", Tier.POTENTIAL, 1, 1, 0, "TIER_CHANGED")))
                .containsExactly(new Notice(Department.PRODUCTION, Kind.STOCK_RESERVED, "C-8", "SKU-9",
                        "1 unit of SKU-9 reserved for potential account C-8"));
    }

    @ParameterizedTest(name = "cause {0}")
    @CsvSource({ "FORECAST", "STOCK_CHANGED", "SALE" })
    void tellsNobodyWhenARoutineResizeLeavesNoShortage(String cause) {
        assertThat(rules.onReservationChanged(reservation("C-9", Tier.KEY, 7, 7, 0, cause))).isEmpty();
    }

    @Test
    void tellsNobodyWhenATierChangeLeavesNothingProtected() {
        // given an account leaving POTENTIAL: its protection is sized to nothing
        assertThat(rules.onReservationChanged(reservation("C-9", Tier.REGULAR, 0, 0, 0, "TIER_CHANGED"))).isEmpty();
    }

    @Test
    void tellsProductionAndMarketingWhenAKeyAccountsOrderIsNotServedInFull() {
        // given an order of 20 of which 8 were served at once
        SupplySignal stockOut = new SupplySignal.StockOut(SOURCE, "BOLT-M8", "C-10", 20, 8, 12,
                "STOCK_PROTECTED_FOR_OTHERS");

        // when / then
        String message = "12 units of BOLT-M8 backordered for key account C-10 (ordered 20, served 8): "
                + "the stock on hand is protected for other accounts";
        assertThat(rules.onSupplySignal(stockOut)).containsExactly(
                new Notice(Department.PRODUCTION, Kind.KEY_ACCOUNT_STOCK_OUT, "C-10", "BOLT-M8", message),
                new Notice(Department.MARKETING, Kind.KEY_ACCOUNT_STOCK_OUT, "C-10", "BOLT-M8", message));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "NO_STOCK                   | no stock on hand",
            "ORDER_ABOVE_STOCK          | the order was larger than the stock on hand",
            "A_CAUSE_ADDED_LATER        | A_CAUSE_ADDED_LATER" })
    void saysWhyAKeyAccountsOrderWasNotServedInFull(String cause, String inWords) {
        SupplySignal stockOut = new SupplySignal.StockOut(SOURCE, "BOLT-M8", "C-10", 1, 0, 1, cause);

        assertThat(rules.onSupplySignal(stockOut)).extracting(Notice::message)
                .containsOnly("1 unit of BOLT-M8 backordered for key account C-10 (ordered 1, served 0): " + inWords);
    }

    @Test
    void tellsProductionWhatToProduceByWhen() {
        SupplySignal request = new SupplySignal.ProductionRequest(SOURCE, "BOLT-M8", 120, LocalDate.parse("2026-11-02"),
                LocalDate.parse("2026-09-07"), 0);

        assertThat(rules.onSupplySignal(request)).containsExactly(
                new Notice(Department.PRODUCTION, Kind.PRODUCTION_REQUESTED, null, "BOLT-M8",
                        "produce 120 units of BOLT-M8, needed by 2026-11-02, latest start 2026-09-07"));
    }

    @ParameterizedTest(name = "{0} days late")
    @CsvSource({ "1, late by 1 day", "9, late by 9 days" })
    void tellsProductionHowLateARequestIs(int daysLate, String late) {
        SupplySignal request = new SupplySignal.ProductionRequest(SOURCE, "BOLT-M8", 1, LocalDate.parse("2026-11-02"),
                LocalDate.parse("2026-09-07"), daysLate);

        assertThat(rules.onSupplySignal(request)).extracting(Notice::message)
                .containsOnly("produce 1 unit of BOLT-M8, needed by 2026-11-02, latest start 2026-09-07, " + late);
    }

    @Test
    void tellsTransportWhatToShipByWhen() {
        SupplySignal request = new SupplySignal.TransportRequest(SOURCE, "BOLT-M8", 120, LocalDate.parse("2026-11-02"),
                LocalDate.parse("2026-10-19"));

        assertThat(rules.onSupplySignal(request)).containsExactly(
                new Notice(Department.TRANSPORT, Kind.TRANSPORT_REQUESTED, null, "BOLT-M8",
                        "ship 120 units of BOLT-M8 by 2026-10-19, needed in stock by 2026-11-02"));
    }

    @Test
    void tellsMarketingNotToPushASkuAtRiskOfShortage() {
        SupplySignal risk = new SupplySignal.ShortageRisk(SOURCE, "BOLT-M8", 120, LocalDate.parse("2026-11-02"));

        assertThat(rules.onSupplySignal(risk)).containsExactly(
                new Notice(Department.MARKETING, Kind.SHORTAGE_RISK, null, "BOLT-M8",
                        "120 units of BOLT-M8 short from the week of 2026-11-02: do not push BOLT-M8"));
    }

    @Test
    void tellsProductionAndMarketingWhenTheRiskIsGone() {
        SupplySignal cleared = new SupplySignal.ShortageRiskCleared(SOURCE, "BOLT-M8", 120);

        String message = "BOLT-M8 is no longer at risk of shortage (was 120 units short): "
                + "its production and transport requests are withdrawn";
        assertThat(rules.onSupplySignal(cleared)).containsExactly(
                new Notice(Department.PRODUCTION, Kind.SHORTAGE_RISK_CLEARED, null, "BOLT-M8", message),
                new Notice(Department.MARKETING, Kind.SHORTAGE_RISK_CLEARED, null, "BOLT-M8", message));
    }

    private static Sale sale(String account, int quantity, String sku) {
        return new Sale(UUID.randomUUID(), account, sku, quantity, new BigDecimal("99.50"),
                Instant.parse("2026-03-03T08:00:00Z"));
    }

    private static ReservationChange reservation(String account, Tier tier, int requested, int reserved, int shortage,
            String cause) {
        return new ReservationChange(UUID.randomUUID(), account, "SKU-9", tier, requested, reserved, shortage, cause);
    }

    @Test
    void managementHearsOfCoverageGapsEscalationsAndOverdueVisitsMarketingOfKeyDatesProductDevelopmentOfTraining() {
        UUID alert = UUID.fromString("0c3a2f7e-1111-4c5d-8e9f-0a1b2c3d4e5f");
        assertThat(rules.onRelationshipSignal(new RelationshipSignal.CoverageGap(SOURCE, "C-1", Tier.KEY, "WAREHOUSE_KEEPER")))
                .containsExactly(new Notice(Department.MANAGEMENT, Kind.COVERAGE_GAP, "C-1", null,
                        "key account C-1 has no contact who meets WAREHOUSE_KEEPER", Severity.WARNING));
        assertThat(rules.onRelationshipSignal(new RelationshipSignal.CoverageRestored(SOURCE, "C-1", Tier.KEY,
                "WAREHOUSE_KEEPER", "MET"))).extracting(Notice::message)
                .containsExactly("key account C-1: WAREHOUSE_KEEPER is met again");
        assertThat(rules.onRelationshipSignal(new RelationshipSignal.KeyDateUpcoming(SOURCE, "C-1", alert,
                "10 years as our customer", LocalDate.of(2026, 12, 12)))).containsExactly(new Notice(Department.MARKETING,
                        Kind.KEY_DATE_UPCOMING, "C-1", null, "key date of C-1 on 2026-12-12: 10 years as our customer"));
        assertThat(rules.onRelationshipSignal(new RelationshipSignal.Escalated(SOURCE, "C-1", alert,
                "10 years as our customer", LocalDate.of(2026, 12, 12), 2))).containsExactly(new Notice(Department.MANAGEMENT,
                        Kind.ALERT_ESCALATED, "C-1", null, "nobody answered the alert for C-1's key date on 2026-12-12"
                                + " (10 years as our customer): escalated to level 2", Severity.CRITICAL));
        assertThat(rules.onRelationshipSignal(new RelationshipSignal.VisitOverdue(SOURCE, "C-1", "EXECUTIVE",
                LocalDate.of(2026, 11, 30)))).extracting(Notice::department, Notice::message).containsExactly(
                        tuple(Department.MANAGEMENT, "an executive visit of C-1 fell due on 2026-11-30 with none planned"));
        assertThat(rules.onRelationshipSignal(new RelationshipSignal.TrainingNeeded(SOURCE, "C-1", Tier.POTENTIAL, "Heating")))
                .extracting(Notice::department, Notice::message).containsExactly(tuple(Department.PRODUCT_DEVELOPMENT,
                        "the frontline of potential account C-1 needs training on Heating"));
    }

    @Test
    void aProductionRequestWhoseLatestStartHasPassedIsCritical() {
        SupplySignal.ProductionRequest late = new SupplySignal.ProductionRequest(SOURCE, "HP-AW-12", 40,
                LocalDate.of(2026, 12, 20), LocalDate.of(2026, 11, 20), 3);
        SupplySignal.ProductionRequest onTime = new SupplySignal.ProductionRequest(SOURCE, "HP-AW-12", 40,
                LocalDate.of(2026, 12, 20), LocalDate.of(2026, 12, 10), 0);

        assertThat(rules.onSupplySignal(late)).extracting(Notice::severity).containsExactly(Severity.CRITICAL);
        assertThat(rules.onSupplySignal(onTime)).extracting(Notice::severity).containsExactly(Severity.WARNING);
    }
}
