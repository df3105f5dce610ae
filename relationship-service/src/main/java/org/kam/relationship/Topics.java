package org.kam.relationship;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics relationship-service uses, in one place (contracts: infra/contracts/asyncapi.yaml).
 * The ones it publishes are created at start-up if missing; the ones it consumes belong to their
 * publishers, which create them.
 */
@Configuration(proxyBeanMethods = false)
public class Topics {

    /** {@code TierChanged}, keyed by account id; published by account-service. */
    public static final String ACCOUNT_TIERS = "kam.account-tiers.v1";
    /** {@code AccountDetailsChanged}, keyed by account id, compacted; published by account-service. */
    public static final String ACCOUNTS = "kam.accounts.v1";
    /** Sales, keyed by account id; published by account-service (or an ERP connector). */
    public static final String SALES = "kam.sales.v1";
    /** {@code ProductDetailsChanged}, keyed by SKU, compacted; published by supply-service. */
    public static final String PRODUCTS = "kam.products.v1";
    /** {@code ReservationChanged}, keyed by account id; published by supply-service. */
    public static final String RESERVATIONS = "kam.reservations.v1";
    /** Supply news keyed by SKU; {@code KeyAccountStockOut} is kept for briefings, the other types are skipped. */
    public static final String SUPPLY_SIGNALS = "kam.supply-signals.v1";
    /** {@code ContactAdded}, keyed by account id; published here. */
    public static final String CONTACTS = "kam.contacts.v1";
    /**
     * News of the relationship plans, keyed by account id: {@code CoverageGap}, {@code CoverageRestored},
     * {@code VisitOverdue}, {@code KeyDateUpcoming}, {@code Escalated}, {@code TrainingNeeded}; published here.
     */
    public static final String RELATIONSHIP_SIGNALS = "kam.relationship-signals.v1";
    /** Records this service can never process, with the reason; named in application.yml. */
    public static final String DEAD_LETTERS = "kam.dlq.relationship-service.v1";

    /** Declared here too, as its publisher does: whichever service starts first creates it compacted. */
    @Bean
    NewTopic accountsTopic() {
        return TopicBuilder.name(ACCOUNTS).partitions(3).compact().build();
    }

    /** Declared here too, as its publisher does: whichever service starts first creates it compacted. */
    @Bean
    NewTopic productsTopic() {
        return TopicBuilder.name(PRODUCTS).partitions(3).compact().build();
    }

    @Bean
    NewTopic contactsTopic() {
        return TopicBuilder.name(CONTACTS).partitions(3).build();
    }

    @Bean
    NewTopic relationshipSignalsTopic() {
        return TopicBuilder.name(RELATIONSHIP_SIGNALS).partitions(3).build();
    }
}
