package org.kam.supply.allocation.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.kam.supply.allocation.Orders;
import org.kam.supply.reservation.SaleReader;
import org.kam.chassis.messaging.Batches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class SalesConsumer {

    /**
     * kam.sales.v1 → demand and orders. Each transaction first locks what its sales will need, in
     * one order (Orders.lockAhead). An invalid record fails in its handler and goes to the
     * dead-letter topic.
     */
    @Bean
    Consumer<Message<List<byte[]>>> sales(Batches batches, SaleReader reader, Orders orders) {
        return batches.each(
                records -> orders.lockAhead(Batches.readable(records, reader::read)),
                message -> orders.place(reader.read(message.getPayload())));
    }
}
