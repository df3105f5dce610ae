package org.kam.relationship.activity.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.kam.chassis.messaging.EventHeaders;
import org.kam.chassis.messaging.FutureLimit;
import org.kam.relationship.activity.AccountActivity;
import org.kam.relationship.activity.ActivityReaders;
import org.kam.chassis.messaging.Batches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class ActivityConsumers {

    @Bean
    ActivityReaders activityReaders(FutureLimit salesFutureLimit) {
        return new ActivityReaders(salesFutureLimit);
    }

    /**
     * kam.sales.v1 → sales per month (the trend in briefings) and, through SaleArrived, frontline
     * training; each transaction first announces all its sales (SalesAhead), so what they will ask
     * for is read in a few statements, not once per sale.
     */
    @Bean
    Consumer<Message<List<byte[]>>> sales(Batches batches, ActivityReaders readers, AccountActivity activity) {
        return batches.each(
                records -> activity.salesAhead(Batches.readable(records, readers::sale)),
                message -> activity.recordSale(readers.sale(message.getPayload())));
    }

    /** kam.reservations.v1 → the stock protected for each account. */
    @Bean
    Consumer<Message<List<byte[]>>> reservations(Batches batches, ActivityReaders readers, AccountActivity activity) {
        return batches.each(message -> activity.recordProtection(readers.protection(message.getPayload())));
    }

    /** kam.supply-signals.v1: several types on one topic, told apart by the kam-event-type header; stock-outs are kept. */
    @Bean
    Consumer<Message<List<byte[]>>> supplySignals(Batches batches, ActivityReaders readers, AccountActivity activity) {
        return batches.each(message -> readers.supplySignal(EventHeaders.eventType(message), message.getPayload()).ifPresent(activity::recordStockOut));
    }
}
