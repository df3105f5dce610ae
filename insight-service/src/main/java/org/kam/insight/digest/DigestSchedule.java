package org.kam.insight.digest;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Issues MANAGEMENT's digest on {@code kam.insight.digest.cron} (Mondays 07:00 UTC by default). */
@Component
class DigestSchedule {

    private final Digests digests;

    DigestSchedule(Digests digests) {
        this.digests = digests;
    }

    @Scheduled(cron = "${kam.insight.digest.cron}", zone = "UTC")
    void issue() {
        digests.issue();
    }
}
