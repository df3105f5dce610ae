package org.kam.insight.analysis;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs the watch every {@code kam.insight.market-watch.interval}: one transaction per key account and per product line. */
@Component
class MarketWatchSchedule {

    private final MarketWatch watch;

    MarketWatchSchedule(MarketWatch watch) {
        this.watch = watch;
    }

    @Scheduled(fixedDelayString = "${kam.insight.market-watch.interval}", initialDelayString = "PT15S")
    void run() {
        for (String accountId : watch.watched()) {
            watch.judge(accountId);
        }
        for (String productLine : watch.watchedProductLines()) {
            watch.judgeProductLine(productLine);
        }
    }
}
