package org.kam.insight.collection.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.kam.chassis.messaging.EventHeaders;
import org.kam.chassis.messaging.FutureLimit;
import org.kam.insight.collection.Collector;
import org.kam.insight.collection.IncomingEvents;
import org.kam.insight.collection.RelationshipSignal;
import org.kam.insight.collection.ReservationChange;
import org.kam.insight.collection.Sale;
import org.kam.insight.collection.SupplySignal;
import org.kam.insight.collection.TierChange;
import org.kam.chassis.messaging.Batches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/** The input topics → the collector. An invalid record fails here and goes to the dead-letter topic. */
@Configuration(proxyBeanMethods = false)
class CollectionConsumers {

    /** kam.sales.v1: each transaction first reads the tiers and product lines of all its sales (Collector.readAhead). */
    @Bean
    Consumer<Message<List<byte[]>>> sales(Batches batches, Collector collector, FutureLimit salesFutureLimit) {
        return batches.each(records -> {
            List<Sale> sales = Batches.readable(records, json -> IncomingEvents.sale(json, salesFutureLimit));
            collector.readAhead(sales.stream().map(Sale::accountId).toList(), sales.stream().map(Sale::sku).toList());
        }, message -> collector.collect(IncomingEvents.sale(message.getPayload(), salesFutureLimit)));
    }

    /** kam.account-tiers.v1: each transaction first reads the current tiers of all its accounts (Collector.readAhead). */
    @Bean
    Consumer<Message<List<byte[]>>> accountTiers(Batches batches, Collector collector) {
        return batches.each(records -> collector.readAhead(
                Batches.readable(records, IncomingEvents::tierChange).stream().map(TierChange::accountId).toList(), List.of()),
                message -> collector.collect(IncomingEvents.tierChange(message.getPayload())));
    }

    /** kam.reservations.v1 */
    @Bean
    Consumer<Message<List<byte[]>>> reservations(Batches batches, Collector collector) {
        return batches.each(records -> collector.readAhead(List.of(),
                Batches.readable(records, IncomingEvents::reservationChange).stream().map(ReservationChange::sku).toList()),
                message -> collector.collect(IncomingEvents.reservationChange(message.getPayload())));
    }

    /**
     * kam.supply-signals.v1: several event types on one topic, told apart by the kam-event-type
     * header; each transaction first reads the product lines of all its SKUs (and the tiers of the
     * accounts a stock-out names), which the notices they raise are routed by.
     */
    @Bean
    Consumer<Message<List<byte[]>>> supplySignals(Batches batches, Collector collector) {
        return batches.each(records -> {
            List<SupplySignal> signals = Batches.readableRecords(records,
                    record -> IncomingEvents.supplySignal(EventHeaders.eventType(record), record.getPayload()).orElse(null));
            collector.readAhead(signals.stream().filter(SupplySignal.StockOut.class::isInstance)
                    .map(signal -> ((SupplySignal.StockOut) signal).accountId()).filter(java.util.Objects::nonNull).toList(),
                    signals.stream().map(SupplySignal::sku).toList());
        }, message -> collector.collectSupplySignal(EventHeaders.eventType(message), message.getPayload()));
    }

    /**
     * kam.relationship-signals.v1: several event types on one topic, told apart by the kam-event-type
     * header; each transaction first reads the tiers of all its accounts, which the notices they
     * raise are routed by.
     */
    @Bean
    Consumer<Message<List<byte[]>>> relationshipSignals(Batches batches, Collector collector) {
        return batches.each(records -> collector.readAhead(Batches.readableRecords(records,
                record -> IncomingEvents.relationshipSignal(EventHeaders.eventType(record), record.getPayload()).orElse(null))
                .stream().map(RelationshipSignal::accountId).toList(), List.of()),
                message -> collector.collectRelationshipSignal(EventHeaders.eventType(message), message.getPayload()));
    }

    /** kam.products.v1 */
    @Bean
    Consumer<Message<List<byte[]>>> products(Batches batches, Collector collector) {
        return batches.each(message -> collector.collect(IncomingEvents.productDetails(message.getPayload())));
    }
}
