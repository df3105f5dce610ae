package org.kam.relationship.account.messaging;

import java.util.List;
import java.util.function.Consumer;

import org.kam.relationship.account.AccountDetailsReader;
import org.kam.relationship.account.AccountRegister;
import org.kam.chassis.messaging.Batches;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class AccountsConsumer {

    /** kam.accounts.v1 → the account register (and, through it, the opening anniversaries). */
    @Bean
    Consumer<Message<List<byte[]>>> accounts(Batches batches, AccountRegister register) {
        AccountDetailsReader reader = new AccountDetailsReader();
        return batches.each(message -> register.record(reader.read(message.getPayload())));
    }
}
