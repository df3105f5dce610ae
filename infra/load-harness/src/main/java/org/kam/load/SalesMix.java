package org.kam.load;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Sales as a supplier's customers place them: a few large accounts and a long tail (Zipf), some
 * customers growing and some shrinking over the run, SKUs from the catalogue chosen with their
 * season. Deterministic for a seed, so two runs load the same mix. No Kafka, no clock of its own.
 */
final class SalesMix {

    /** One sale line as kam.sales.v1 carries it. */
    record Sale(UUID eventId, String accountId, String orderId, String sku, int quantity, BigDecimal amount,
            Instant occurredAt) {

        String json() {
            return "{\"eventId\":\"" + eventId + "\",\"accountId\":\"" + accountId + "\",\"orderId\":\"" + orderId
                    + "\",\"sku\":\"" + sku + "\",\"quantity\":" + quantity + ",\"amount\":" + amount.toPlainString()
                    + ",\"currency\":\"EUR\",\"occurredAt\":\"" + occurredAt + "\"}";
        }
    }

    /** Accounts whose share grows (or shrinks) over the run: 1 % each. */
    static final double CHANGING_SHARE = 0.01;
    /** A growing account ends the run buying this many times its start; a shrinking one this fraction. */
    static final double GROWTH = 5.0;
    static final double SHRINK = 0.1;

    private final SplittableRandom random;
    /** Event ids differ between runs (each has its own runId), or the inbox would skip a rerun's sales as replays. */
    private final SplittableRandom ids;
    private final String runId;
    private final int accounts;
    private final double[] zipfCumulative;
    private final List<String> skus;
    private final int[] peakMonth;
    private final BigDecimal[] unitPrice;
    private final int changing;
    private long sequence;

    /**
     * @param runId    prefixes the account and order ids, so runs never mix with demo data or each other
     * @param accounts the population; account {@code runId-00001} buys most
     * @param skus     the catalogue's SKUs (at least one)
     */
    SalesMix(long seed, String runId, int accounts, List<String> skus) {
        if (accounts < 1 || skus.isEmpty()) {
            throw new IllegalArgumentException("needs at least one account and one SKU");
        }
        this.random = new SplittableRandom(seed);
        this.ids = new SplittableRandom(seed * 31 + runId.hashCode());
        this.runId = runId;
        this.accounts = accounts;
        this.skus = List.copyOf(skus);
        this.zipfCumulative = new double[accounts];
        double total = 0;
        for (int rank = 1; rank <= accounts; rank++) {
            total += 1.0 / Math.pow(rank, 1.1);
            zipfCumulative[rank - 1] = total;
        }
        for (int i = 0; i < accounts; i++) {
            zipfCumulative[i] /= total;
        }
        this.peakMonth = new int[skus.size()];
        this.unitPrice = new BigDecimal[skus.size()];
        for (int i = 0; i < skus.size(); i++) {
            peakMonth[i] = 1 + random.nextInt(12);
            unitPrice[i] = BigDecimal.valueOf(500 + random.nextInt(50_000), 2);
        }
        this.changing = Math.max(1, (int) Math.round(accounts * CHANGING_SHARE));
    }

    /** The account id of a rank (1 = the largest). */
    String accountId(int rank) {
        return String.format("%s-%05d", runId, rank);
    }

    /**
     * The next sale, at {@code progress} (0 at the start of the run, 1 at its end) and dated
     * {@code at}. Growing accounts are the ranks just after the top 1 %, shrinking ones the next.
     */
    Sale next(double progress, Instant at) {
        int rank = account(progress);
        int sku = sku(at);
        int quantity = 1 + (int) Math.floor(-Math.log(1 - random.nextDouble()) * 8);
        BigDecimal amount = unitPrice[sku].multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.HALF_UP);
        sequence++;
        return new Sale(new UUID(ids.nextLong(), ids.nextLong()), accountId(rank), runId + "-o" + sequence,
                skus.get(sku), quantity, amount, at);
    }

    /** Whether the rank is among the growing accounts. */
    boolean grows(int rank) {
        return rank > changing && rank <= 2 * changing;
    }

    /** Whether the rank is among the shrinking accounts. */
    boolean shrinks(int rank) {
        return rank > 2 * changing && rank <= 3 * changing;
    }

    private int account(double progress) {
        // Growing accounts take an extra share that rises with the run; shrinking ones are turned
        // down more and more often (and their sale goes to another account).
        // Picked directly with probability q, the growing accounts' share becomes f·b for their
        // Zipf share b and the factor f of this point in the run: q + (1 - q)·b = f·b.
        double b = share(changing + 1, 2 * changing);
        double factor = 1 + (GROWTH - 1) * progress;
        double direct = (factor - 1) * b / (1 - b);
        if (random.nextDouble() < direct) {
            return changing + 1 + random.nextInt(changing);
        }
        while (true) {
            int rank = zipfRank();
            if (!shrinks(rank) || random.nextDouble() < 1 - (1 - SHRINK) * progress) {
                return rank;
            }
        }
    }

    private int zipfRank() {
        double u = random.nextDouble();
        int low = 0;
        int high = accounts - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (zipfCumulative[middle] < u) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low + 1;
    }

    /** The share of sales the ranks from..to get from the Zipf population alone. */
    private double share(int from, int to) {
        double before = from <= 1 ? 0 : zipfCumulative[from - 2];
        return zipfCumulative[Math.min(to, accounts) - 1] - before;
    }

    /** A SKU, half again as likely in its peak month as on average, half as likely six months off. */
    private int sku(Instant at) {
        int month = at.atZone(ZoneOffset.UTC).getMonthValue();
        while (true) {
            int candidate = random.nextInt(skus.size());
            double season = 1 + 0.5 * Math.cos(2 * Math.PI * (month - peakMonth[candidate]) / 12.0);
            if (random.nextDouble() * 1.5 < season) {
                return candidate;
            }
        }
    }
}
