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
    SaleReader saleReader() {
        return new SaleReader();
    }

    @Bean
    TierChangeReader tierChangeReader() {
        return new TierChangeReader();
    }
}
