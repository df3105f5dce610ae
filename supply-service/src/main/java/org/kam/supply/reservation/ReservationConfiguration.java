package org.kam.supply.reservation;

import org.kam.chassis.resilience.Outages;
import org.kam.chassis.work.WorkLoop;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ReservationConfiguration {

    @Bean
    ProtectionRule protectionRule(ProtectionProperties properties) {
        return new ProtectionRule(properties.horizonWeeks(), properties.potentialShare());
    }

    /** The sizer's thread (docs/adr/0014). */
    @Bean
    WorkLoop protectionSizerLoop(ProtectionSizer sizer, ProtectionProperties properties, Outages outages) {
        return new WorkLoop("protection-sizer", properties.sizingInterval(), outages, sizer::sizeAllDue);
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
