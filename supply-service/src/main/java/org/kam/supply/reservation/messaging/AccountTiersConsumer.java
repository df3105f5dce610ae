package org.kam.supply.reservation.messaging;

import java.util.function.Consumer;

import org.kam.supply.reservation.Protections;
import org.kam.supply.reservation.TierChangeReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class AccountTiersConsumer {

    /** kam.account-tiers.v1 → protections. An invalid record fails here and goes to the dead-letter topic. */
    @Bean
    Consumer<Message<byte[]>> accountTiers(TierChangeReader reader, Protections protections) {
        return message -> protections.changeTier(reader.read(message.getPayload()));
    }
}
