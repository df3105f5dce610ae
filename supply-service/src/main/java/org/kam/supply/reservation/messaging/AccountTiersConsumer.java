package org.kam.supply.reservation.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.kam.supply.reservation.Protections;
import org.kam.supply.reservation.TierChangeReader;
import org.kam.chassis.messaging.Batches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class AccountTiersConsumer {

    /** kam.account-tiers.v1 → protections. An invalid record fails here and goes to the dead-letter topic. */
    @Bean
    Consumer<Message<List<byte[]>>> accountTiers(Batches batches, TierChangeReader reader, Protections protections) {
        return batches.each(message -> protections.changeTier(reader.read(message.getPayload())));
    }
}
