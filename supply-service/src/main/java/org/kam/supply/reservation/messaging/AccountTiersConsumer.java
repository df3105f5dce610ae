package org.kam.supply.reservation.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.kam.supply.reservation.Protections;
import org.kam.supply.reservation.TierChange;
import org.kam.supply.reservation.TierChangeReader;
import org.kam.chassis.messaging.Batches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class AccountTiersConsumer {

    /**
     * kam.account-tiers.v1 → protections. Each transaction first locks the accounts of all its
     * changes, in one statement and in lock order (as the sales consumer does, ADR 13 §12), instead
     * of one statement per change. An invalid record fails in its handler and goes to the
     * dead-letter topic.
     */
    @Bean
    Consumer<Message<List<byte[]>>> accountTiers(Batches batches, TierChangeReader reader, Protections protections) {
        return batches.each(
                records -> protections.lockAccounts(
                        Batches.readable(records, reader::read).stream().map(TierChange::accountId).toList()),
                message -> protections.changeTier(reader.read(message.getPayload())));
    }
}
