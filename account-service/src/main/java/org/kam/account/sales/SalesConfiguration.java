package org.kam.account.sales;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SalesConfiguration {

    @Bean
    SaleReader saleReader(@Value("${kam.sales.base-currency:EUR}") String baseCurrency) {
        return new SaleReader(baseCurrency);
    }
}
