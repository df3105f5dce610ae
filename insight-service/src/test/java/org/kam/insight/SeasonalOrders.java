package org.kam.insight;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.kam.testsupport.JsonRecord;

/**
 * A replayed history for the market watch: a key account's weekly orders (one each Wednesday) for
 * 112 weeks, following a yearly season, the last twelve at a fifth of it.
 */
final class SeasonalOrders {

    static final LocalDate FIRST_WEDNESDAY = LocalDate.of(2024, 1, 3);
    static final int WEEKS = 112;
    static final int DROP_WEEK = 100;

    private SeasonalOrders() {
    }

    /** The account's sales of {@code sku} on kam.sales.v1, oldest first. */
    static List<ProducerRecord<String, String>> withASuddenDrop(String account, String sku) {
        List<ProducerRecord<String, String>> sales = new ArrayList<>();
        for (int week = 0; week < WEEKS; week++) {
            double season = 10_000 * (1 + 0.3 * Math.sin(2 * Math.PI * week / 52.0)) * (1 + 0.04 * Math.sin(week * 7.3));
            double amount = week >= DROP_WEEK ? season * 0.2 : season;
            String at = FIRST_WEDNESDAY.plusWeeks(week).atTime(10, 0).toInstant(ZoneOffset.UTC).toString();
            sales.add(new ProducerRecord<>(Topics.SALES, account, EventJson.sale(account)
                    .withRaw("amount", String.format(Locale.ROOT, "%.2f", amount))
                    .withRaw("sku", JsonRecord.quote(sku))
                    .withRaw("occurredAt", JsonRecord.quote(at)).json()));
        }
        return sales;
    }

    /** The Monday of the drop's week, as a MarketSignal's weekStart. */
    static String dropWeekStart() {
        return FIRST_WEDNESDAY.plusWeeks(DROP_WEEK).minusDays(2).toString();
    }
}
