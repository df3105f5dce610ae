package org.kam.relationship.account.messaging;

import java.util.function.Consumer;

import org.kam.relationship.account.AccountDetailsReader;
import org.kam.relationship.account.AccountRegister;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

@Configuration(proxyBeanMethods = false)
class AccountsConsumer {

    /** kam.accounts.v1 → the account register (and, through it, the opening anniversaries). */
    @Bean
    Consumer<Message<byte[]>> accounts(AccountRegister register) {
        AccountDetailsReader reader = new AccountDetailsReader();
        return message -> register.record(reader.read(message.getPayload()));
    }
}
