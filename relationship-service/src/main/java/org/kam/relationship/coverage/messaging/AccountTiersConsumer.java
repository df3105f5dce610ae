package org.kam.relationship.coverage.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.kam.relationship.coverage.KeyAccounts;
import org.kam.relationship.coverage.TierChangeReader;
import org.kam.chassis.messaging.Batches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class AccountTiersConsumer {

    /** kam.account-tiers.v1 → the key accounts. An invalid record fails here and goes to the dead-letter topic. */
    @Bean
    Consumer<Message<List<byte[]>>> accountTiers(Batches batches, TierChangeReader reader, KeyAccounts keyAccounts) {
        return batches.each(message -> keyAccounts.record(reader.read(message.getPayload())));
    }
}
