package org.kam.chassis.resilience;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * What this service is currently waiting for: a consumer backing off because PostgreSQL is down, the
 * outbox relay unable to reach Kafka. While anything waits, the {@code outages} health indicator (part
 * of readiness) is DOWN with what and since when, so an orchestrator stops routing to the instance
 * and an operator sees why; it comes back UP by itself when the work goes through again.
 */
public class Outages implements HealthIndicator {

    private final Map<String, Outage> current = new ConcurrentHashMap<>();
    private final Clock clock;

    public Outages(Clock clock) {
        this.clock = clock;
    }

    /** {@code who} (a consumer binding, the relay) is waiting because of {@code error}. */
    public void waiting(String who, Throwable error) {
        String reason = rootMessage(error);
        current.compute(who, (k, old) -> new Outage(old == null ? clock.instant() : old.since(), reason));
    }

    /** {@code who} got through again. */
    public void recovered(String who) {
        current.remove(who);
    }

    public boolean any() {
        return !current.isEmpty();
    }

    @Override
    public Health health() {
        if (current.isEmpty()) {
            return Health.up().build();
        }
        Map<String, Object> details = new TreeMap<>();
        current.forEach((who, outage) -> details.put(who, Map.of("since", outage.since().toString(),
                "reason", outage.reason())));
        return Health.down().withDetails(details).build();
    }

    static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private record Outage(Instant since, String reason) {
    }
}
