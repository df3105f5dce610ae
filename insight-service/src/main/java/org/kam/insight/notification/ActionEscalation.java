package org.kam.insight.notification;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Escalates overdue actions every {@code kam.insight.actions.check-interval} (1 minute). */
@Component
class ActionEscalation {

    private static final Logger log = LoggerFactory.getLogger(ActionEscalation.class);

    private final Actions actions;

    ActionEscalation(Actions actions) {
        this.actions = actions;
    }

    @Scheduled(fixedDelayString = "${kam.insight.actions.check-interval}", initialDelayString = "${kam.insight.actions.check-interval}")
    void escalate() {
        try {
            int escalated;
            do {
                escalated = actions.escalateOverdue(100);
            } while (escalated == 100);
        } catch (RuntimeException e) {
            // A database outage: the next run tries again, nothing is marked escalated without its notification.
            log.warn("Cannot escalate overdue actions now ({}); trying again later", e.getMessage());
        }
    }
}
