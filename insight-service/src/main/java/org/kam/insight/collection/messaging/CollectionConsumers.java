package org.kam.insight.collection.messaging;

import java.util.function.Consumer;

import org.kam.chassis.messaging.EventHeaders;
import org.kam.chassis.messaging.FutureLimit;
import org.kam.insight.collection.Collector;
import org.kam.insight.collection.IncomingEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The input topics → the collector. An invalid record fails here and goes to the dead-letter topic. */
@Configuration(proxyBeanMethods = false)
class CollectionConsumers {

    /** kam.sales.v1 */
    @Bean
    Consumer<Message<byte[]>> sales(Collector collector, FutureLimit salesFutureLimit) {
        return message -> collector.collect(IncomingEvents.sale(message.getPayload(), salesFutureLimit));
    }

    /** kam.account-tiers.v1 */
    @Bean
    Consumer<Message<byte[]>> accountTiers(Collector collector) {
        return message -> collector.collect(IncomingEvents.tierChange(message.getPayload()));
    }

    /** kam.reservations.v1 */
    @Bean
    Consumer<Message<byte[]>> reservations(Collector collector) {
        return message -> collector.collect(IncomingEvents.reservationChange(message.getPayload()));
    }

    /** kam.supply-signals.v1: several event types on one topic, told apart by the kam-event-type header. */
    @Bean
    Consumer<Message<byte[]>> supplySignals(Collector collector) {
        return message -> collector.collectSupplySignal(EventHeaders.eventType(message), message.getPayload());
    }

    /** kam.relationship-signals.v1: several event types on one topic, told apart by the kam-event-type header. */
    @Bean
    Consumer<Message<byte[]>> relationshipSignals(Collector collector) {
        return message -> collector.collectRelationshipSignal(EventHeaders.eventType(message), message.getPayload());
    }

    /** kam.products.v1 */
    @Bean
    Consumer<Message<byte[]>> products(Collector collector) {
        return message -> collector.collect(IncomingEvents.productDetails(message.getPayload()));
    }
}
