package org.kam.supply.reservation;

import java.time.Duration;
import java.util.List;

import org.kam.chassis.work.DueWork;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sizes the protections that tier changes and sales made due ({@link Protections#sizeDue}), on its
 * own thread (a chassis {@code WorkLoop}, see {@code ReservationConfiguration}): every
 * {@code kam.supply.protection.sizing-interval} it works through the accounts with something due,
 * the longest waiting first, {@code sizing-group} accounts per transaction (a chassis
 * {@link DueWork}). A group whose locks a consumer's batch holds longer than {@code sizing-lock-wait}
 * is left for the next round; an account that fails for a reason of its own (counted, logged) goes
 * behind the others and never holds them up; while PostgreSQL is unreachable the sizer waits, shown on the {@code outages}
 * health indicator.
 */
@Component
public class ProtectionSizer {

    private final DueWork work;

    ProtectionSizer(Protections protections, ProtectionsDue due, ProtectionProperties properties, MeterRegistry meters) {
        Duration lockWait = properties.sizingLockWait();
        Counter sized = Counter.builder("kam.supply.protection.sized")
                .description("Accounts whose due protections were sized").register(meters);
        this.work = new DueWork("the protections of", new DueWork.Units() {
            @Override
            public List<String> due(int limit) {
                return protections.accountsDue(limit);
            }

            @Override
            public void work(List<String> accountIds) {
                protections.sizeDue(accountIds, lockWait);
                sized.increment(accountIds.size());
            }

            @Override
            public void postpone(String accountId) {
                protections.postpone(accountId);
            }
        }, properties.sizingGroup(), Counter.builder("kam.supply.protection.sizing.busy")
                .description("Sizings of an account left for the next round: its locks were held too long").register(meters),
                Counter.builder("kam.supply.protection.sizing.failures")
                        .description("Sizings of an account that failed for a reason of its own").register(meters));
        Gauge.builder("kam.supply.protection.due.accounts", due, ProtectionsDue::accounts)
                .description("Accounts with protections still to be sized after a tier change or sale").register(meters);
    }

    /**
     * Sizes every account with something due, round after round, until nothing is due or a whole
     * round got nowhere (every account busy); answers how many accounts were sized.
     *
     * @throws RuntimeException when PostgreSQL is unreachable (what was sized stays sized)
     */
    public int sizeAllDue() {
        return work.workAllDue();
    }
}
