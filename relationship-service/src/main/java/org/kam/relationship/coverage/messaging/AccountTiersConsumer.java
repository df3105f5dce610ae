package org.kam.relationship.coverage.messaging;

import java.util.function.Consumer;

import org.kam.relationship.coverage.KeyAccounts;
import org.kam.relationship.coverage.TierChangeReader;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class AccountTiersConsumer {

    /** kam.account-tiers.v1 → the key accounts. An invalid record fails here and goes to the dead-letter topic. */
    @Bean
    Consumer<Message<byte[]>> accountTiers(TierChangeReader reader, KeyAccounts keyAccounts) {
        return message -> keyAccounts.record(reader.read(message.getPayload()));
    }
}
