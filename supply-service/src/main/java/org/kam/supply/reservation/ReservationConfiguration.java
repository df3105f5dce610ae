package org.kam.supply.reservation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReservationConfiguration {

    @Bean
    ProtectionRule protectionRule(ProtectionProperties properties) {
        return new ProtectionRule(properties.horizonWeeks(), properties.potentialShare());
    }

    @Bean
    SaleReader saleReader(org.kam.chassis.messaging.FutureLimit salesFutureLimit) {
        return new SaleReader(salesFutureLimit);
    }

    @Bean
    TierChangeReader tierChangeReader() {
        return new TierChangeReader();
    }
}
