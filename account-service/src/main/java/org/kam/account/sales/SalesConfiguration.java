package org.kam.account.sales;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SalesConfiguration {

    @Bean
    SaleReader saleReader(@Value("${kam.sales.base-currency:EUR}") String baseCurrency,
            @Value("${kam.sales.future-tolerance:PT24H}") Duration futureTolerance, Clock clock) {
        return new SaleReader(baseCurrency, clock, futureTolerance);
    }
}
