package org.kam.relationship;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics relationship-service uses, in one place (contracts: infra/contracts/asyncapi.yaml).
 * The one it publishes is created at start-up if missing.
 */
@Configuration(proxyBeanMethods = false)
public class Topics {

    /** {@code TierChanged}, keyed by account id; published by account-service, consumed here. */
    public static final String ACCOUNT_TIERS = "kam.account-tiers.v1";
    /** {@code ContactAdded}, keyed by account id; published here. */
    public static final String CONTACTS = "kam.contacts.v1";
    /** Records this service can never process, with the reason; named in application.yml. */
    public static final String DEAD_LETTERS = "kam.dlq.relationship-service.v1";

    @Bean
    NewTopic contactsTopic() {
        return TopicBuilder.name(CONTACTS).partitions(3).build();
    }
}
