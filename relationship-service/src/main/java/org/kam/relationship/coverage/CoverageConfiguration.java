package org.kam.relationship.coverage;

import org.kam.relationship.contact.RoleCatalogue;
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
