package org.kam.supply.reservation;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Re-forecasts the protections of every KEY and POTENTIAL account on a schedule: a sale only
 * re-sizes the SKU sold, and forecasts move as the latest sale supply knows moves on, so the other
 * SKUs catch up here. One transaction per account.
 */
@Component
public class ProtectionRefresh {

    private final Protections protections;
    private final Counter refreshed;

    ProtectionRefresh(Protections protections, MeterRegistry meters) {
        this.protections = protections;
        this.refreshed = Counter.builder("kam.supply.protection.refreshed")
                .description("Accounts whose protections were re-forecast").register(meters);
    }

    /** Re-forecasts every KEY and POTENTIAL account; answers how many accounts were refreshed. */
    @Scheduled(fixedDelayString = "${kam.supply.protection.refresh-interval:6h}",
            initialDelayString = "${kam.supply.protection.refresh-interval:6h}")
    public int refreshAll() {
        int accounts = 0;
        for (String accountId : protections.protectedAccounts()) {
            protections.refresh(accountId);
            refreshed.increment();
            accounts++;
        }
        return accounts;
    }
}
