package org.kam.insight.collection.messaging;

import java.util.function.Consumer;

import org.kam.insight.collection.Collector;
import org.kam.insight.collection.IncomingEvents;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The three input topics → the collector. An invalid record fails here and goes to the dead-letter topic. */
@Configuration(proxyBeanMethods = false)
class CollectionConsumers {

    /** kam.sales.v1 */
    @Bean
    Consumer<Message<byte[]>> sales(Collector collector) {
        return message -> collector.collect(IncomingEvents.sale(message.getPayload()));
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
}
