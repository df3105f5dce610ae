package org.kam.account.tiering;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Builds the engine at start-up, and ends overrides whose time is up. */
@Component
class TieringLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TieringLifecycle.class);

    private final Tiering tiering;

    TieringLifecycle(Tiering tiering) {
        this.tiering = tiering;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUp() {
        tiering.warmUp();
    }

    @Scheduled(fixedDelayString = "${kam.tiering.override-expiry-check:PT30S}")
    void expireOverrides() {
        if (!tiering.isWriter()) {
            return; // the instance that applies sales ends overrides too
        }
        for (String accountId : tiering.expiredOverrides()) {
            try {
                tiering.clearOverride(accountId, "system", true);
            } catch (RuntimeException e) {
                log.warn("Could not end the expired override of {}: {}", accountId, e.getMessage());
            }
        }
    }
}
