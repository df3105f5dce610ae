package org.kam.supply.reservation;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.kam.chassis.resilience.Failure;
import org.kam.chassis.resilience.Outages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sizes the protections that tier changes and sales made due ({@link Protections#sizeDue}), on its
 * own thread: every {@code kam.supply.protection.sizing-interval} it works through the accounts with
 * something due, the longest waiting first, one transaction per account. An account whose locks a
 * consumer's batch holds longer than {@code sizing-lock-wait} is left for the next round; one that
 * fails for a reason of its own (counted, logged) goes behind the others and never holds them up;
 * while PostgreSQL is unreachable the sizer waits, shown on the {@code outages} health indicator.
 */
@Component
public class ProtectionSizer implements SmartLifecycle {

    static final String OUTAGE = "protection-sizer";
    private static final Logger log = LoggerFactory.getLogger(ProtectionSizer.class);
    private static final int ACCOUNTS_PER_ROUND = 200;
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(10);

    private final Protections protections;
    private final Outages outages;
    private final Duration interval;
    private final Duration lockWait;
    private final Counter sized;
    private final Counter busy;
    private final Counter failures;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    ProtectionSizer(Protections protections, ProtectionsDue due, Outages outages, ProtectionProperties properties,
            MeterRegistry meters) {
        this.protections = protections;
        this.outages = outages;
        this.interval = properties.sizingInterval();
        this.lockWait = properties.sizingLockWait();
        this.sized = Counter.builder("kam.supply.protection.sized")
                .description("Accounts whose due protections were sized").register(meters);
        this.busy = Counter.builder("kam.supply.protection.sizing.busy")
                .description("Sizings of an account left for the next round: its locks were held too long").register(meters);
        this.failures = Counter.builder("kam.supply.protection.sizing.failures")
                .description("Sizings of an account that failed for a reason of its own").register(meters);
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
        int total = 0;
        while (true) {
            List<String> accounts = protections.accountsDue(ACCOUNTS_PER_ROUND);
            int done = 0;
            for (String accountId : accounts) {
                if (sizeOne(accountId)) {
                    done++;
                }
            }
            total += done;
            if (done == 0 || accounts.size() < ACCOUNTS_PER_ROUND) {
                return total;
            }
        }
    }

    private boolean sizeOne(String accountId) {
        try {
            protections.sizeDue(accountId, lockWait);
            sized.increment();
            return true;
        } catch (RuntimeException e) {
            if (lockHeld(e)) {
                busy.increment();
                return false;
            }
            if (Failure.of(e) == Failure.OUTAGE) {
                throw e;
            }
            failures.increment();
            log.warn("Sizing the protections of {} failed; it is tried again after the others", accountId, e);
            protections.postpone(accountId);
            return false;
        }
    }

    /** The lock wait ran out (55P03), or PostgreSQL chose this transaction to break a deadlock. */
    private static boolean lockHeld(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return Failure.isConflict(error);
    }

    private void loop() {
        Duration backOff = interval;
        while (running) {
            try {
                wakeUps.tryAcquire(backOff.toMillis(), TimeUnit.MILLISECONDS);
                sizeAllDue();
                outages.recovered(OUTAGE);
                backOff = interval;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                outages.waiting(OUTAGE, e);
                log.warn("The protection sizer cannot reach PostgreSQL, retrying in {}: {}", backOff, e.getMessage());
                backOff = backOff.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff.multipliedBy(2);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "protection-sizer");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            wakeUps.release();
            try {
                worker.join(Duration.ofSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
