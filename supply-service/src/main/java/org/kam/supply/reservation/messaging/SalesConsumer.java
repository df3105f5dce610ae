package org.kam.supply.reservation.messaging;

import java.util.function.Consumer;

import org.kam.supply.reservation.Protections;
import org.kam.supply.reservation.SaleReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class SalesConsumer {

    /** kam.sales.v1 → protections. An invalid record fails here and goes to the dead-letter topic. */
    @Bean
    Consumer<Message<byte[]>> sales(SaleReader reader, Protections protections) {
        return message -> protections.recordSale(reader.read(message.getPayload()));
    }
}
