package org.kam.account;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics account-service uses, in one place (contracts: infra/contracts/asyncapi.yaml).
 * The ones it publishes are created at start-up if missing.
 */
@Configuration(proxyBeanMethods = false)
public class Topics {

    /** Sales, keyed by account id; consumed here and by supply- and insight-service. */
    public static final String SALES = "kam.sales.v1";
    /** {@code TierChanged}, keyed by account id. */
    public static final String ACCOUNT_TIERS = "kam.account-tiers.v1";
    /** {@code AccountDetailsChanged}, keyed by account id, compacted: the latest details per account. */
    public static final String ACCOUNTS = "kam.accounts.v1";

    @Bean
    NewTopic salesTopic() {
        return TopicBuilder.name(SALES).partitions(3).build();
    }

    @Bean
    NewTopic accountsTopic() {
        return TopicBuilder.name(ACCOUNTS).partitions(3).compact().build();
    }

    @Bean
    NewTopic accountTiersTopic() {
        return TopicBuilder.name(ACCOUNT_TIERS).partitions(3).build();
    }
}
