package org.kam.relationship.keydate;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Raises alerts for key dates coming up and escalates those nobody acknowledged, every {@code check-interval}. */
@Component
class AlertJob {

    private final Alerts alerts;

    AlertJob(Alerts alerts) {
        this.alerts = alerts;
    }

    @Scheduled(fixedDelayString = "${kam.relationship.alerts.check-interval}", initialDelayString = "PT10S")
    void run() {
        alerts.raiseDue();
        while (alerts.escalateOverdue() == 500) {
            // a full page: there may be more
        }
    }
}
