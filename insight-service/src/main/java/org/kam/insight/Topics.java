package org.kam.insight;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics insight-service uses, in one place (contracts: infra/contracts/schemas). It consumes
 * the first six, which their producers create, and creates the ones it publishes if missing (and the
 * compacted catalogue, see {@link #productsTopic()}).
 */
@Configuration(proxyBeanMethods = false)
public class Topics {

    /** {@code SaleRecorded}, keyed by account id; published by account-service and ERP connectors. */
    public static final String SALES = "kam.sales.v1";
    /** {@code TierChanged}, keyed by account id; published by account-service. */
    public static final String ACCOUNT_TIERS = "kam.account-tiers.v1";
    /** {@code ReservationChanged}, keyed by account id; published by supply-service. */
    public static final String RESERVATIONS = "kam.reservations.v1";
    /**
     * {@code KeyAccountStockOut}, {@code ShortageRisk}, {@code ProductionRequested}, {@code TransportRequested}
     * and {@code ShortageRiskCleared} (the type in the {@code kam-event-type} header), keyed by SKU;
     * published by supply-service.
     */
    public static final String SUPPLY_SIGNALS = "kam.supply-signals.v1";
    /**
     * {@code CoverageGap}, {@code CoverageRestored}, {@code KeyDateUpcoming}, {@code Escalated},
     * {@code VisitOverdue}, {@code TrainingNeeded} (and {@code ContactAdded}, not read), keyed by account
     * id; published by relationship-service.
     */
    public static final String RELATIONSHIP_SIGNALS = "kam.relationship-signals.v1";
    /** {@code ProductDetailsChanged}, keyed by SKU, compacted; published by supply-service. */
    public static final String PRODUCTS = "kam.products.v1";
    /** {@code NotificationIssued}, keyed by department; published here. */
    public static final String NOTIFICATIONS = "kam.notifications.v1";
    /** {@code MarketSignal}, keyed by account id: the barometer's findings; published here. */
    public static final String INSIGHT_SIGNALS = "kam.insight-signals.v1";

    /**
     * Declared here too, as supply-service declares it: whichever service starts first, the topic
     * is made compacted (a consumer's binder would otherwise make it with the broker's defaults).
     */
    @Bean
    NewTopic productsTopic() {
        return TopicBuilder.name(PRODUCTS).partitions(3).compact().build();
    }

    @Bean
    NewTopic insightSignalsTopic() {
        return TopicBuilder.name(INSIGHT_SIGNALS).partitions(3).build();
    }

    @Bean
    NewTopic notificationsTopic() {
        return TopicBuilder.name(NOTIFICATIONS).partitions(3).build();
    }
}
