package org.kam.insight.notification;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.kam.chassis.outbox.Outbox;
import org.kam.chassis.transaction.TransactionScoped;
import org.kam.insight.Topics;
import org.kam.insight.collection.DigestIssued;
import org.kam.insight.collection.FactListener;
import org.kam.insight.collection.IntelligenceFiled;
import org.kam.insight.collection.KnownFacts;
import org.kam.insight.collection.MarketSignal;
import org.kam.insight.collection.RelationshipSignal;
import org.kam.insight.collection.ReservationChange;
import org.kam.insight.collection.Sale;
import org.kam.insight.collection.SupplySignal;
import org.kam.insight.collection.Tier;
import org.kam.insight.collection.TierChange;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies the {@link NotificationRules} to each collected fact, routes what they decide through the
 * routes people edit ({@link Routing}), stores each notification, publishes it as
 * {@code NotificationIssued} (keyed by department) and queues it for the webhooks — all in the
 * fact's transaction, just before it commits (together with the other facts of a consumer's batch).
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Notifier implements FactListener {

    private final NotificationFeed feed;
    private final Routes routes;
    private final KnownFacts facts;
    private final WebhookDeliveries deliveries;
    private final Outbox outbox;
    private final MeterRegistry meters;
    private final Clock clock;
    private final NotificationRules rules = new NotificationRules();
    private final TransactionScoped<Issued> waiting;

    /** 11 parameters each: 1,000 stay well below the driver's 32,767 parameters per statement. */
    private static final int NOTIFICATIONS_PER_STATEMENT = 1000;

    Notifier(NotificationFeed feed, Routes routes, KnownFacts facts, WebhookDeliveries deliveries, Outbox outbox,
            MeterRegistry meters, Clock clock, javax.sql.DataSource dataSource) {
        this.waiting = new TransactionScoped<>(dataSource, Issued::new);
        this.feed = feed;
        this.routes = routes;
        this.facts = facts;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void saleCollected(Sale sale, Tier tierAtSale) {
        issue(sale.eventId(), rules.onSale(sale, tierAtSale), tierAtSale, null);
    }

    @Override
    public void tierChanged(TierChange change) {
        issue(change.eventId(), rules.onTierChanged(change), change.to(), null);
    }

    @Override
    public void reservationChanged(ReservationChange change) {
        issue(change.eventId(), rules.onReservationChanged(change), change.tier(), null);
    }

    @Override
    public void supplySignalReceived(SupplySignal signal) {
        issue(signal.eventId(), rules.onSupplySignal(signal), signal instanceof SupplySignal.StockOut ? Tier.KEY : null, null);
    }

    @Override
    public void relationshipSignalReceived(RelationshipSignal signal) {
        String productLine = signal instanceof RelationshipSignal.TrainingNeeded training ? training.productLine() : null;
        issue(signal.eventId(), rules.onRelationshipSignal(signal), null, productLine);
    }

    @Override
    public void marketSignal(MarketSignal signal) {
        issue(signal.eventId(), rules.onMarketSignal(signal), null, signal.productLine());
    }

    @Override
    public void intelligenceFiled(IntelligenceFiled item) {
        issue(item.itemId(), rules.onIntelligence(item), null, item.productLines().isEmpty() ? null : item.productLines().get(0));
    }

    @Override
    public void digestIssued(DigestIssued digest) {
        issue(digest.eventId(), rules.onDigest(digest), null, null);
    }

    /** An action made of {@code notification} passed its due date undone: MANAGEMENT is told, once. */
    void actionOverdue(UUID actionId, Notification notification, String owner, java.time.LocalDate dueOn) {
        String message = "action on \"" + notification.message() + "\" (" + notification.department() + ") owned by "
                + owner + " was due on " + dueOn + " and is not done";
        issue(actionId, List.of(new Notice(Department.MANAGEMENT, Kind.ACTION_OVERDUE, notification.accountId(),
                notification.sku(), message)), notification.tier(), notification.productLine());
    }

    /**
     * @param tier        the account's tier as the fact says it, or null to look it up
     * @param productLine the product line as the fact says it, or null to look it up by SKU
     */
    private void issue(UUID sourceEventId, List<Notice> builtIn, Tier tier, String productLine) {
        if (builtIn.isEmpty()) {
            return;
        }
        Notice first = builtIn.get(0);
        Route.Context context = new Route.Context(
                tier != null ? tier : first.accountId() == null ? null : facts.tierOf(first.accountId()),
                productLine != null ? productLine : first.sku() == null ? null : facts.productLineOf(first.sku()).orElse(null));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        // Two routes may send the same kind to the same department: one notification (its id says so).
        Map<UUID, Notification> issued = new LinkedHashMap<>();
        for (Notice notice : routes.routing().route(builtIn, context)) {
            Notification notification = notice.issue(sourceEventId, now, context);
            issued.putIfAbsent(notification.id(), notification);
        }
        Issued pending = waiting.current();
        if (pending == null) {
            announce(List.copyOf(issued.values())); // in a transaction started inside another: at once
        } else {
            outbox.expectAppendsAtCommit();
            issued.values().forEach(notification -> pending.byId.putIfAbsent(notification.id(), notification));
            if (pending.committing) {
                pending.announceWaiting(); // issued by another before-commit step, after ours ran
            }
        }
    }

    /**
     * Stores the notifications (those stored before, by a replayed fact, are left out), publishes
     * each as {@code NotificationIssued} and queues it for the webhooks.
     */
    private void announce(List<Notification> notifications) {
        Set<UUID> stored = feed.storeAll(notifications);
        for (Notification notification : notifications) {
            if (stored.contains(notification.id())) {
                outbox.append(notification.id(), Topics.NOTIFICATIONS, notification.department().name(),
                        "NotificationIssued", notification.issued());
                deliveries.enqueue(notification);
                meters.counter("kam.notifications.issued", "department", notification.department().name(),
                        "kind", notification.kind().name(), "severity", notification.severity().name()).increment();
            }
        }
    }

    /**
     * What a transaction's facts issued, announced just before it commits: nothing reads a
     * notification back in the transaction that issues it, and a consumer's batch of sales issued
     * one insert per sale (issue 12); now one per thousand notifications.
     */
    private final class Issued implements TransactionSynchronization {
        final Map<UUID, Notification> byId = new LinkedHashMap<>();
        boolean committing;

        @Override
        public void beforeCommit(boolean readOnly) {
            committing = true;
            announceWaiting();
        }

        void announceWaiting() {
            List<Notification> all = List.copyOf(byId.values());
            byId.clear();
            for (int from = 0; from < all.size(); from += NOTIFICATIONS_PER_STATEMENT) {
                announce(all.subList(from, Math.min(all.size(), from + NOTIFICATIONS_PER_STATEMENT)));
            }
        }
    }
}
