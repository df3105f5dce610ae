package org.kam.relationship.activity.messaging;

import java.util.function.Consumer;

import org.kam.chassis.messaging.EventHeaders;
import org.kam.chassis.messaging.FutureLimit;
import org.kam.relationship.activity.AccountActivity;
import org.kam.relationship.activity.ActivityReaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class ActivityConsumers {

    @Bean
    ActivityReaders activityReaders(FutureLimit salesFutureLimit) {
        return new ActivityReaders(salesFutureLimit);
    }

    /** kam.sales.v1 → sales per month (the trend in briefings) and, through SaleArrived, frontline training. */
    @Bean
    Consumer<Message<byte[]>> sales(ActivityReaders readers, AccountActivity activity) {
        return message -> activity.recordSale(readers.sale(message.getPayload()));
    }

    /** kam.reservations.v1 → the stock protected for each account. */
    @Bean
    Consumer<Message<byte[]>> reservations(ActivityReaders readers, AccountActivity activity) {
        return message -> activity.recordProtection(readers.protection(message.getPayload()));
    }

    /** kam.supply-signals.v1: several types on one topic, told apart by the kam-event-type header; stock-outs are kept. */
    @Bean
    Consumer<Message<byte[]>> supplySignals(ActivityReaders readers, AccountActivity activity) {
        return message -> readers.supplySignal(EventHeaders.eventType(message), message.getPayload()).ifPresent(activity::recordStockOut);
    }
}
