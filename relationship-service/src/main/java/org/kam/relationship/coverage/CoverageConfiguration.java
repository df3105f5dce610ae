package org.kam.relationship.coverage;

import java.time.Duration;

import org.kam.chassis.resilience.Outages;
import org.kam.chassis.work.WorkLoop;
import org.kam.relationship.contact.RoleCatalogue;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CoverageProperties.class)
class CoverageConfiguration {

    @Bean
    CoverageChecklist coverageChecklist(CoverageProperties properties, RoleCatalogue roles) {
        return properties.checklist(roles.roles());
    }

    /** The thread that announces plan moves (docs/adr/0014). */
    @Bean
    WorkLoop planMovesLoop(PlanMoves moves, Outages outages,
            @Value("${kam.relationship.plan-moves.interval:200ms}") Duration interval) {
        return new WorkLoop("plan-moves", interval, outages, moves::announceAllDue);
    }

    @Bean
    GracePeriods gracePeriods(KeyAccounts keyAccounts) {
        return new GracePeriods(keyAccounts);
    }

    /** Ends grace periods that ran out, one account per transaction. */
    static final class GracePeriods {
        private final KeyAccounts keyAccounts;

        GracePeriods(KeyAccounts keyAccounts) {
            this.keyAccounts = keyAccounts;
        }

        @Scheduled(fixedDelayString = "${kam.relationship.grace-check-interval}", initialDelayString = "PT30S")
        void endExpired() {
            for (int i = 0; i < 1000 && keyAccounts.endOneGracePeriod(); i++) {
                // one account per transaction, at most a thousand per run
            }
        }
    }
}
