package org.kam.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SalesMixTest {

    private static final List<String> SKUS = IntStream.rangeClosed(1, 50).mapToObj(i -> "SKU-" + i).toList();
    private static final Instant JULY = Instant.parse("2026-07-15T10:00:00Z");

    private static Map<String, Integer> salesPerAccount(SalesMix mix, double progress, int sales) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < sales; i++) {
            counts.merge(mix.next(progress, JULY).accountId(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void theSameSeedGivesTheSameSales() {
        SalesMix one = new SalesMix(7, "L1", 1000, SKUS);
        SalesMix other = new SalesMix(7, "L1", 1000, SKUS);

        for (int i = 0; i < 100; i++) {
            assertThat(one.next(0.5, JULY)).isEqualTo(other.next(0.5, JULY));
        }
    }

    @Test
    void anotherRunOfTheSameMixSendsTheSameSalesUnderNewIdsSoNoneIsSkippedAsAReplay() {
        SalesMix.Sale first = new SalesMix(7, "L1", 1000, SKUS).next(0.5, JULY);
        SalesMix.Sale rerun = new SalesMix(7, "L2", 1000, SKUS).next(0.5, JULY);

        assertThat(rerun.eventId()).isNotEqualTo(first.eventId());
        assertThat(rerun.accountId()).isEqualTo(first.accountId().replace("L1", "L2"));
        assertThat(rerun.sku()).isEqualTo(first.sku());
        assertThat(rerun.amount()).isEqualTo(first.amount());
    }

    @Test
    void aFewLargeAccountsBuyMostAndTheLongTailTheRest() {
        Map<String, Integer> counts = salesPerAccount(new SalesMix(1, "L1", 10_000, SKUS), 0, 100_000);

        int top100 = IntStream.rangeClosed(1, 100).map(rank -> counts.getOrDefault("L1-" + String.format("%05d", rank), 0)).sum();
        // Zipf with exponent 1.1, from scratch: rank r buys in proportion to 1 / r^1.1.
        double share = IntStream.rangeClosed(1, 100).mapToDouble(r -> Math.pow(r, -1.1)).sum()
                / IntStream.rangeClosed(1, 10_000).mapToDouble(r -> Math.pow(r, -1.1)).sum();
        assertThat(top100 / 100_000.0).as("the top 1 percent of accounts").isBetween(share - 0.01, share + 0.01);
        assertThat(share).isBetween(0.6, 0.7);
        assertThat(counts.get("L1-00001")).isGreaterThan(counts.getOrDefault("L1-00100", 0) * 50);
        assertThat(counts).hasSizeGreaterThan(5_000);
    }

    @Test
    void growingAccountsBuyAboutFiveTimesAsMuchAtTheEndAndShrinkingOnesATenth() {
        SalesMix mix = new SalesMix(3, "L1", 10_000, SKUS);
        Map<String, Integer> start = salesPerAccount(mix, 0, 200_000);
        Map<String, Integer> end = salesPerAccount(mix, 1, 200_000);

        assertThat(ratio(mix, start, end, true)).isBetween(4.0, 6.0);
        assertThat(ratio(mix, start, end, false)).isBetween(0.05, 0.15);
    }

    private static double ratio(SalesMix mix, Map<String, Integer> start, Map<String, Integer> end, boolean growing) {
        double before = 0;
        double after = 0;
        for (int rank = 1; rank <= 10_000; rank++) {
            if (growing ? mix.grows(rank) : mix.shrinks(rank)) {
                before += start.getOrDefault(mix.accountId(rank), 0);
                after += end.getOrDefault(mix.accountId(rank), 0);
            }
        }
        return after / before;
    }

    @Test
    void aSkuSellsThreeTimesAsWellInItsPeakMonthAsSixMonthsOff() {
        SalesMix mix = new SalesMix(5, "L1", 100, List.of("ONLY"));
        Map<String, Integer> months = new HashMap<>();
        // One SKU: the season decides nothing; with two, the one in season wins about three to one.
        SalesMix two = new SalesMix(5, "L1", 100, List.of("A", "B"));
        for (int month = 1; month <= 12; month++) {
            Instant at = Instant.parse(String.format("2026-%02d-15T10:00:00Z", month));
            for (int i = 0; i < 2_000; i++) {
                months.merge(two.next(0, at).sku() + month, 1, Integer::sum);
            }
        }
        int best = 0;
        int worst = Integer.MAX_VALUE;
        for (int month = 1; month <= 12; month++) {
            best = Math.max(best, months.getOrDefault("A" + month, 0));
            worst = Math.min(worst, months.getOrDefault("A" + month, 0));
        }
        assertThat((double) best / worst).isBetween(2.2, 4.5);
        assertThat(mix.next(0, JULY).sku()).isEqualTo("ONLY");
    }

    @Test
    void aSaleIsTheJsonOfKamSalesV1WithinItsSchema() {
        SalesMix.Sale sale = new SalesMix(9, "L1", 10, List.of("BRG-6204")).next(0, JULY);

        assertThat(sale.json()).matches("\\{\"eventId\":\"[0-9a-f-]{36}\",\"accountId\":\"L1-000(0[1-9]|10)\","
                + "\"orderId\":\"L1-o1\",\"sku\":\"BRG-6204\",\"quantity\":[1-9][0-9]*,\"amount\":[0-9]+\\.[0-9]{2},"
                + "\"currency\":\"EUR\",\"occurredAt\":\"2026-07-15T10:00:00Z\"}");
        assertThat(sale.amount().signum()).isPositive();
    }

    @Test
    void aMixNeedsAccountsAndSkus() {
        assertThatThrownBy(() -> new SalesMix(1, "L1", 0, SKUS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SalesMix(1, "L1", 10, List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
