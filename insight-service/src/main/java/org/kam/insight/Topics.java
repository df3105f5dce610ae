package org.kam.insight;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics insight-service uses, in one place (contracts: infra/contracts/schemas). It consumes
 * the first four, which their producers create, and creates the one it publishes if missing.
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
    /** {@code NotificationIssued}, keyed by department; published here. */
    public static final String NOTIFICATIONS = "kam.notifications.v1";
    /** {@code MarketSignal}, keyed by account id: the barometer's findings; published here. */
    public static final String INSIGHT_SIGNALS = "kam.insight-signals.v1";

    @Bean
    NewTopic insightSignalsTopic() {
        return TopicBuilder.name(INSIGHT_SIGNALS).partitions(3).build();
    }

    @Bean
    NewTopic notificationsTopic() {
        return TopicBuilder.name(NOTIFICATIONS).partitions(3).build();
    }
}
