package org.kam.insight.notification;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.kam.chassis.outbox.Outbox;
import org.kam.insight.Topics;
import org.kam.insight.collection.FactListener;
import org.kam.insight.collection.DigestIssued;
import org.kam.insight.collection.IntelligenceFiled;
import org.kam.insight.collection.MarketSignal;
import org.kam.insight.collection.ReservationChange;
import org.kam.insight.collection.Sale;
import org.kam.insight.collection.SupplySignal;
import org.kam.insight.collection.Tier;
import org.kam.insight.collection.TierChange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies the {@link NotificationRules} to each collected fact, stores each notification and
 * publishes it as {@code NotificationIssued} (keyed by department) in the fact's transaction.
 */
@Component
@Transactional(propagation = Propagation.MANDATORY)
class Notifier implements FactListener {

    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final MeterRegistry meters;
    private final Clock clock;
    private final NotificationRules rules = new NotificationRules();

    Notifier(JdbcTemplate jdbc, Outbox outbox, MeterRegistry meters, Clock clock) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void saleCollected(Sale sale, Tier tierAtSale) {
        issue(sale.eventId(), rules.onSale(sale, tierAtSale));
    }

    @Override
    public void tierChanged(TierChange change) {
        issue(change.eventId(), rules.onTierChanged(change));
    }

    @Override
    public void reservationChanged(ReservationChange change) {
        issue(change.eventId(), rules.onReservationChanged(change));
    }

    @Override
    public void supplySignalReceived(SupplySignal signal) {
        issue(signal.eventId(), rules.onSupplySignal(signal));
    }

    @Override
    public void marketSignal(MarketSignal signal) {
        issue(signal.eventId(), rules.onMarketSignal(signal));
    }

    @Override
    public void intelligenceFiled(IntelligenceFiled item) {
        issue(item.itemId(), rules.onIntelligence(item));
    }

    @Override
    public void digestIssued(DigestIssued digest) {
        issue(digest.eventId(), rules.onDigest(digest));
    }

    private void issue(UUID sourceEventId, List<Notice> notices) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL keeps
        for (Notice notice : notices) {
            Notification notification = notice.issue(sourceEventId, now);
            int stored = jdbc.update("""
                    insert into notification (id, department, kind, account_id, sku, message, source_event_id, occurred_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict do nothing""",
                    notification.id(), notification.department().name(), notification.kind().name(),
                    notification.accountId(), notification.sku(), notification.message(),
                    notification.sourceEventId(), Timestamp.from(notification.occurredAt()));
            if (stored == 1) {
                outbox.append(notification.id(), Topics.NOTIFICATIONS, notification.department().name(),
                        "NotificationIssued", notification.issued());
                meters.counter("kam.notifications.issued", "department", notification.department().name(),
                        "kind", notification.kind().name()).increment();
            }
        }
    }
}
