package org.kam.account.sales.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.kam.account.sales.SaleReader;
import org.kam.account.sales.SalesLedger;
import org.kam.chassis.messaging.Batches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class SalesConsumer {

    /** kam.sales.v1 → the ledger. An invalid record fails here and goes to the dead-letter topic. */
    @Bean
    Consumer<Message<List<byte[]>>> sales(Batches batches, SaleReader reader, SalesLedger ledger) {
        return batches.each(message -> ledger.record(reader.read(message.getPayload())));
    }
}
