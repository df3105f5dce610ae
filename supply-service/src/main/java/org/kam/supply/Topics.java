package org.kam.supply;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics supply-service uses, in one place (contracts: infra/contracts/schemas).
 * The ones it publishes are created at start-up if missing; the ones it consumes belong to
 * account-service, which creates them.
 */
@Configuration(proxyBeanMethods = false)
public class Topics {

    /** Sales, keyed by account id; consumed here to size protections. */
    public static final String SALES = "kam.sales.v1";
    /** {@code TierChanged}, keyed by account id; consumed here to start and release protections. */
    public static final String ACCOUNT_TIERS = "kam.account-tiers.v1";
    /** {@code ReservationChanged}, keyed by account id; published here. */
    public static final String RESERVATIONS = "kam.reservations.v1";
    /** {@code StockChanged} and {@code SupplyExpected}, keyed by SKU; published here. */
    public static final String STOCK = "kam.stock.v1";
    /**
     * {@code ProductDetailsChanged}, keyed by SKU, compacted: the catalogue as other services need it
     * (which product line a SKU belongs to, and whether it is technical); published here.
     */
    public static final String PRODUCTS = "kam.products.v1";
    /**
     * News for planners and other services, keyed by SKU: {@code KeyAccountStockOut},
     * {@code ShortageRisk}, {@code ProductionRequested}, {@code TransportRequested}; published here.
     */
    public static final String SUPPLY_SIGNALS = "kam.supply-signals.v1";

    @Bean
    NewTopic reservationsTopic() {
        return TopicBuilder.name(RESERVATIONS).partitions(3).build();
    }

    @Bean
    NewTopic productsTopic() {
        return TopicBuilder.name(PRODUCTS).partitions(3).compact().build();
    }

    @Bean
    NewTopic stockTopic() {
        return TopicBuilder.name(STOCK).partitions(3).build();
    }

    @Bean
    NewTopic supplySignalsTopic() {
        return TopicBuilder.name(SUPPLY_SIGNALS).partitions(3).build();
    }
}
