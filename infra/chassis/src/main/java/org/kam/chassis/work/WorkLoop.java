package org.kam.chassis.work;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.kam.chassis.resilience.Outages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one kind of deferred work on its own thread: every {@code interval} it calls {@code drain},
 * which does what is due (typically one transaction per unit) and answers how many units it did.
 * While {@code drain} throws (PostgreSQL unreachable) the loop waits, doubling the pause up to ten
 * seconds, and the {@code outages} health indicator shows it as {@code name}; it clears when a round
 * goes through. A service registers one as a bean per kind of work (docs/adr/0014): supply-service's
 * protection sizer, relationship-service's plan moves.
 */
public final class WorkLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkLoop.class);
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(10);

    private final String name;
    private final Duration interval;
    private final Outages outages;
    private final IntSupplier drain;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    private Thread worker;

    public WorkLoop(String name, Duration interval, Outages outages, IntSupplier drain) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + ": the interval must be positive, was " + interval);
        }
        this.name = name;
        this.interval = interval;
        this.outages = outages;
        this.drain = drain;
    }

    private void loop() {
        Duration pause = interval;
        while (running) {
            try {
                wakeUps.tryAcquire(pause.toMillis(), TimeUnit.MILLISECONDS);
                if (!running) {
                    return;
                }
                drain.getAsInt();
                outages.recovered(name);
                pause = interval;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                outages.waiting(name, e);
                log.warn("{} cannot reach PostgreSQL, retrying in {}: {}", name, pause, e.getMessage());
                pause = pause.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : pause.multipliedBy(2);
            }
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, name);
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        wakeUps.release();
        if (worker != null) {
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
