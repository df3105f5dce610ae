package org.kam.account.sales.messaging;

import java.util.function.Consumer;

import org.kam.account.sales.SaleReader;
import org.kam.account.sales.SalesLedger;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class SalesConsumer {

    /** kam.sales.v1 → the ledger. An invalid record fails here and goes to the dead-letter topic. */
    @Bean
    Consumer<Message<byte[]>> sales(SaleReader reader, SalesLedger ledger) {
        return message -> ledger.record(reader.read(message.getPayload()));
    }
}
