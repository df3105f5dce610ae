package org.kam.stack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * What a fault-injection run does: how many sales of how many accounts it produces over how long, and
 * which faults it injects when (measured from the first sale).
 */
record FaultPlan(String name, int sales, int accounts, Duration produceOver, List<Fault> faults, long seed) {

    sealed interface Fault permits KillService, RestartPostgres, RestartKafka {
        Duration at();

        String describe();
    }

    /** SIGKILL: no shutdown hook, no graceful close; the stack's supervisor restarts it. */
    record KillService(Duration at, Service service) implements Fault {
        public String describe() {
            return "SIGKILL " + service.module;
        }
    }

    record RestartPostgres(Duration at, Duration down) implements Fault {
        public String describe() {
            return "PostgreSQL down " + down.toSeconds() + " s";
        }
    }

    record RestartKafka(Duration at, Duration down) implements Fault {
        public String describe() {
            return "Kafka broker down " + down.toSeconds() + " s";
        }
    }

    /** The version in the test command: 3,000 sales, each service killed once, PostgreSQL down 15 s. */
    static FaultPlan shortPlan() {
        return new FaultPlan("short", 3_000, 150, Duration.ofSeconds(40), List.of(
                new KillService(Duration.ofSeconds(6), Service.ACCOUNT),
                new KillService(Duration.ofSeconds(12), Service.SUPPLY),
                new RestartPostgres(Duration.ofSeconds(18), Duration.ofSeconds(15)),
                new KillService(Duration.ofSeconds(36), Service.INSIGHT),
                new KillService(Duration.ofSeconds(42), Service.RELATIONSHIP)), 42);
    }

    /**
     * The full suite: 20,000 sales over two minutes, every service killed twice at random moments, the
     * broker restarted once and PostgreSQL once (down 35 s).
     */
    static FaultPlan fullPlan(long seed) {
        Random random = new Random(seed);
        List<Fault> faults = new ArrayList<>();
        for (Service service : Service.values()) {
            for (int i = 0; i < 2; i++) {
                faults.add(new KillService(Duration.ofSeconds(5 + random.nextInt(110)), service));
            }
        }
        faults.add(new RestartKafka(Duration.ofSeconds(20 + random.nextInt(30)), Duration.ofSeconds(20)));
        faults.add(new RestartPostgres(Duration.ofSeconds(60 + random.nextInt(30)), Duration.ofSeconds(35)));
        faults.sort(Comparator.comparing(Fault::at));
        return new FaultPlan("full", 20_000, 500, Duration.ofSeconds(120), List.copyOf(faults), seed);
    }
}
