package org.kam.supply.planning;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.kam.chassis.messaging.InvalidEventException;
import org.kam.chassis.outbox.Outbox;
import org.kam.supply.Topics;
import org.kam.supply.allocation.Orders;
import org.kam.supply.catalogue.Catalogue;
import org.kam.supply.catalogue.ProductView;
import org.kam.supply.demand.DemandForecasts;
import org.kam.supply.demand.DemandForecasts.AccountForecast;
import org.kam.supply.planning.PeakSignals.ProductionRequested;
import org.kam.supply.planning.PeakSignals.ShortageRisk;
import org.kam.supply.planning.PeakSignals.ShortageRiskCleared;
import org.kam.supply.planning.PeakSignals.TransportRequested;
import org.kam.supply.reservation.Tiers;
import org.kam.supply.reservation.Tier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Plans every SKU that KEY and POTENTIAL accounts buy ({@link PeakPlanner}), keeps the current plan
 * of each SKU at risk, and publishes on kam.supply-signals.v1 what changed: {@code ShortageRisk},
 * {@code ProductionRequested} and {@code TransportRequested} for a new plan or a new quantity or
 * date, {@code ShortageRiskCleared} when a SKU is no longer at risk. A run that finds what the last
 * one found publishes nothing.
 *
 * <p><b>Two clocks.</b> The forecasts run on event time: their week 0 is the week of the latest sale
 * supply knows, so a replayed history forecasts the same. Lead times run on the wall clock (the
 * {@link Clock} bean): "today" decides what is late. Forecast weeks between the two have passed and
 * are not planned; the forecast is made long enough that the look-ahead still starts at today's week.
 *
 * <p>One run at a time, across instances: a run holds a transaction-scoped advisory lock, so a
 * scheduled run and one asked for over HTTP never publish the same news twice.
 */
@Service
public class PeakPlanning {

    private static final Set<Tier> PLANNED_TIERS = EnumSet.of(Tier.KEY, Tier.POTENTIAL);

    private final DemandForecasts demand;
    private final Tiers tiers;
    private final Catalogue catalogue;
    private final Orders orders;
    private final PeakPlanStore store;
    private final Outbox outbox;
    private final Clock clock;
    private final PeakPlanner planner;
    private final double requestTolerance;
    private final MeterRegistry meters;
    private final Counter runs;

    PeakPlanning(DemandForecasts demand, Tiers tiers, Catalogue catalogue, Orders orders, PeakPlanStore store,
            Outbox outbox,
            Clock clock, PeakPlanProperties properties, MeterRegistry meters) {
        this.demand = demand;
        this.tiers = tiers;
        this.catalogue = catalogue;
        this.orders = orders;
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
        this.requestTolerance = properties.requestTolerance();
        this.planner = new PeakPlanner(properties.lookAheadWeeks(), properties.productionLeadTime(),
                properties.transportLeadTime());
        this.meters = meters;
        this.runs = Counter.builder("kam.supply.peak-plan.runs").description("Peak-season planning runs")
                .register(meters);
        Gauge.builder("kam.supply.peak-plan.skus.at.risk", store, PeakPlanStore::countOrNaN)
                .description("SKUs whose KEY and POTENTIAL demand outruns projected stock in the look-ahead")
                .register(meters);
    }

    /** Plans every SKU now, publishes what changed, and answers the plans of the SKUs at risk. */
    @Transactional
    public List<PeakPlan> run() {
        store.lockPlanning();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Map<String, Tier> accounts = tiers.accountsIn(PLANNED_TIERS);
        Map<String, PeakPlan> before = store.all();
        Map<String, Integer> published = store.publishedQuantities();
        Set<String> planned = new HashSet<>();
        demand.forecastsOfAccountsBySku(accounts.keySet(), horizonFrom(today), (sku, forecasts) -> {
            planned.add(sku);
            plan(sku, forecasts, accounts, before.get(sku), published.getOrDefault(sku, 0), today, now);
        });
        // SKUs no longer bought by KEY or POTENTIAL accounts: their plans are cleared
        new TreeSet<>(before.keySet()).stream().filter(sku -> !planned.contains(sku))
                .forEach(sku -> plan(sku, List.of(), accounts, before.get(sku), 0, today, now));
        runs.increment();
        return store.list(null);
    }

    private void plan(String sku, List<AccountForecast> forecasts, Map<String, Tier> accounts, PeakPlan previous,
            int publishedQuantity, LocalDate today, Instant now) {
        // A SKU the catalogue does not know cannot be produced or shipped: it is not planned.
        Optional<PeakPlan> plan = forecasts.isEmpty() ? Optional.empty()
                : catalogue.view(sku).flatMap(product -> planner.plan(outlook(product, forecasts, accounts), today));
        if (plan.isPresent()) {
            boolean news = plan.get().isNewsAfter(previous, publishedQuantity, requestTolerance);
            store.save(plan.get(), news);
            if (news) {
                publish(plan.get(), now);
            }
        } else if (previous != null) {
            store.remove(sku);
            ShortageRiskCleared cleared = new ShortageRiskCleared(UUID.randomUUID(), now, sku, previous.shortfall());
            append(cleared.eventId(), sku, "ShortageRiskCleared", cleared);
        }
    }

    /** The current plans, optionally of one SKU; a SKU the catalogue does not know is refused. */
    public List<PeakPlan> plans(String sku) {
        if (sku != null && catalogue.find(sku).isEmpty()) {
            throw new InvalidEventException("sku", "no product " + sku);
        }
        return store.list(sku);
    }

    /** Forecast weeks to ask for: the look-ahead plus the weeks since the latest sale, which have passed. */
    private int horizonFrom(LocalDate today) {
        long passed = demand.latestSale()
                .map(latest -> ChronoUnit.WEEKS.between(PeakPlanner.mondayOf(LocalDate.ofInstant(latest, ZoneOffset.UTC)),
                        PeakPlanner.mondayOf(today)))
                .orElse(0L);
        return Math.toIntExact(planner.lookAheadWeeks() + Math.max(0, passed));
    }

    private SkuOutlook outlook(ProductView product, List<AccountForecast> forecasts, Map<String, Tier> tiers) {
        LocalDate forecastStart = LocalDate.ofInstant(forecasts.get(0).forecast().start(), ZoneOffset.UTC);
        return new SkuOutlook(product.sku(), product.name(), product.onHand(),
                orders.unitsOwed(product.sku(), PLANNED_TIERS),
                product.incoming().stream().map(s -> new SkuOutlook.Supply(s.dueOn(), s.quantity())).toList(),
                forecastStart,
                forecasts.stream().map(f -> new SkuOutlook.AccountDemand(f.accountId(), tiers.get(f.accountId()),
                        f.forecast().values())).toList(),
                product.leadTimes().productionDays(), product.leadTimes().transportDays());
    }

    private void publish(PeakPlan plan, Instant now) {
        ShortageRisk risk = ShortageRisk.of(plan, now);
        append(risk.eventId(), plan.sku(), "ShortageRisk", risk);
        ProductionRequested production = ProductionRequested.of(plan, now);
        append(production.eventId(), plan.sku(), "ProductionRequested", production);
        TransportRequested transport = TransportRequested.of(plan, now);
        append(transport.eventId(), plan.sku(), "TransportRequested", transport);
    }

    private void append(UUID eventId, String sku, String type, Object event) {
        outbox.append(eventId, Topics.SUPPLY_SIGNALS, sku, type, event);
        meters.counter("kam.supply.peak-plan.signals.published", "type", type).increment();
    }
}
