package org.kam.account.tiering;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binding.BindingsLifecycleController;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Tiering is one global ranking: only one account-service instance may apply sales. The instance
 * that holds a PostgreSQL session advisory lock, on a connection of its own, is the leader: it
 * starts the sales binding ({@code sales-in-0}, not started automatically). Every other instance
 * serves the API and asks for the lock every {@code kam.tiering.leadership.check-interval} (2 s);
 * when the leader dies its session ends, PostgreSQL frees the lock, and the next instance to ask
 * takes over: it rebuilds its engine from the database, then starts consuming (ADR 8).
 *
 * <p>The leader checks its lock connection on the same interval. If it is gone (the database
 * restarted, the network failed) the binding is paused at once — another instance may get the lock
 * once the database answers — but its consumer stays in the group, as in any outage. When the
 * database answers again the instance asks for the lock: granted, it resumes where it stopped;
 * refused (another instance leads now), it stops the binding and stands by.
 */
@Component
class SalesLeadership implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SalesLeadership.class);
    static final long LEADER_LOCK = 0x6b616d_6c656164L; // "kam" "lead"
    static final String SALES_BINDING = "sales-in-0";

    private final DataSource dataSource;
    private final BindingsLifecycleController bindings;
    private final Tiering tiering;
    private final Duration checkInterval;
    private volatile boolean running;
    private volatile boolean leader;
    /** Lost the lock while leading: the binding is paused, not stopped, until we know who leads. */
    private volatile boolean paused;
    private volatile boolean started;
    private Connection lockConnection;
    private Thread worker;

    SalesLeadership(DataSource dataSource, BindingsLifecycleController bindings, Tiering tiering, MeterRegistry meters,
            @Value("${kam.tiering.leadership.check-interval:2s}") Duration checkInterval) {
        this.dataSource = dataSource;
        this.bindings = bindings;
        this.tiering = tiering;
        this.checkInterval = checkInterval;
        Gauge.builder("kam.tiering.leader", this, l -> l.leader ? 1 : 0)
                .description("1 while this instance is the one that applies sales and re-tiers, 0 otherwise")
                .register(meters);
    }

    boolean isLeader() {
        return leader;
    }

    private void loop() {
        while (running) {
            try {
                if (leader) {
                    if (!stillHoldsTheLock()) {
                        pause("the lock connection was lost");
                    }
                } else if (acquire()) {
                    takeOver();
                } else if (paused && lockConnection != null) {
                    // The database answers and refused the lock: another instance leads now.
                    standBy();
                }
            } catch (RuntimeException e) {
                log.warn("Tiering leadership check failed: {}", e.getMessage());
                if (leader) {
                    pause(e.getMessage());
                }
            }
            try {
                Thread.sleep(checkInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private boolean acquire() {
        try {
            if (lockConnection == null || lockConnection.isClosed()) {
                lockConnection = dataSource.getConnection();
                lockConnection.setAutoCommit(true);
            }
            try (PreparedStatement statement = lockConnection.prepareStatement("select pg_try_advisory_lock(?)")) {
                statement.setLong(1, LEADER_LOCK);
                try (ResultSet rs = statement.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        } catch (SQLException e) {
            closeLockConnection();
            return false;
        }
    }

    private boolean stillHoldsTheLock() {
        try (PreparedStatement statement = lockConnection.prepareStatement("""
                select count(*) from pg_locks where locktype = 'advisory' and granted
                   and pid = pg_backend_pid() and ((classid::bigint << 32) | objid::bigint) = ?""")) {
            statement.setQueryTimeout(5);
            statement.setLong(1, LEADER_LOCK);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private void takeOver() {
        log.info("This instance now applies sales (tiering leader); rebuilding the engine, then consuming {}",
                SALES_BINDING);
        try {
            tiering.becomeWriter();
            // Rebuilt now, under the tiering lock, announcing what the rule changed while nobody led.
            tiering.warmUp();
            if (paused) {
                bindings.resume(SALES_BINDING);
            } else if (!started) {
                bindings.start(SALES_BINDING);
            }
            paused = false;
            started = true;
            leader = true;
        } catch (RuntimeException e) {
            // Not able to consume after all: let the lock go, so another instance can.
            closeLockConnection();
            throw e;
        }
    }

    /** Lost the lock: apply no more sales, but keep the consumer in its group until we know who leads. */
    private void pause(String why) {
        log.warn("This instance pauses applying sales ({}); it resumes if it gets the lock back", why);
        leader = false;
        paused = true;
        try {
            bindings.pause(SALES_BINDING);
        } finally {
            tiering.stopWriting();
            closeLockConnection();
        }
    }

    /** Another instance leads: leave the consumer group, so it gets every partition. */
    private void standBy() {
        log.warn("Another instance applies sales now; this one stands by");
        paused = false;
        started = false;
        bindings.stop(SALES_BINDING);
    }

    private void closeLockConnection() {
        if (lockConnection != null) {
            try {
                lockConnection.close();
            } catch (SQLException e) {
                // gone already
            }
            lockConnection = null;
        }
    }

    @Override
    public void start() {
        running = true;
        worker = new Thread(this::loop, "tiering-leadership");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void stop() {
        running = false;
        if (worker != null) {
            worker.interrupt();
            try {
                worker.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (leader || paused) {
            leader = false;
            paused = false;
            bindings.stop(SALES_BINDING);
            tiering.stopWriting();
        }
        // Ending the session frees the lock at once: a standby takes over on its next check.
        closeLockConnection();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Started last, once the bindings exist; stopped first, so sales stop before anything else.
        return Integer.MAX_VALUE;
    }
}
