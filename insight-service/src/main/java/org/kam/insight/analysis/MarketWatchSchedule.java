package org.kam.insight.analysis;

import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs the watch every {@code kam.insight.market-watch.interval}: one transaction per key account and
 * per product line. One that fails (counted in {@code kam.market.watch.failures}) is tried again on
 * the next run and never keeps the others from being judged.
 */
@Component
class MarketWatchSchedule {

    private static final Logger log = LoggerFactory.getLogger(MarketWatchSchedule.class);

    private final MarketWatch watch;
    private final MeterRegistry meters;

    MarketWatchSchedule(MarketWatch watch, MeterRegistry meters) {
        this.watch = watch;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${kam.insight.market-watch.interval}", initialDelayString = "PT15S")
    void run() {
        for (String accountId : watch.watched()) {
            judgeAlone("ACCOUNT", accountId, watch::judge);
        }
        for (String productLine : watch.watchedProductLines()) {
            judgeAlone("PRODUCT_LINE", productLine, watch::judgeProductLine);
        }
    }

    private void judgeAlone(String scope, String subject, Consumer<String> judge) {
        try {
            judge.accept(subject);
        } catch (RuntimeException failure) {
            meters.counter("kam.market.watch.failures", "scope", scope).increment();
            log.warn("The market watch could not judge {} {}; it is tried again on the next run", scope, subject, failure);
        }
    }
}
