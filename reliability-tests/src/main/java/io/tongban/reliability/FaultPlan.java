package io.tongban.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults, one after the other while the load runs: kill -9 and restart each service, stop and restart the
 * broker and PostgreSQL, and take the departments' HTTP endpoint away for a while (the gateway must retry).
 */
public final class FaultPlan implements FaultSchedule {
    /** A fault applied: what, how long until the component was back, and when it struck (epoch ms). */
    public record Fault(String what, long millis, long struckAt) {
    }

    private final Platform platform;
    private final DepartmentLedger ledger;
    private final int rounds;
    private final boolean services;
    private final boolean kafka;
    private final boolean postgres;
    private final boolean department;
    private final long gapMillis;
    private final long departmentOutageMillis;
    public final List<Fault> done = new ArrayList<>();

    public FaultPlan(Platform platform, DepartmentLedger ledger, int rounds, boolean services, boolean kafka,
                     boolean postgres, boolean department, long gapMillis, long departmentOutageMillis) {
        this.platform = platform;
        this.ledger = ledger;
        this.rounds = rounds;
        this.services = services;
        this.kafka = kafka;
        this.postgres = postgres;
        this.department = department;
        this.gapMillis = gapMillis;
        this.departmentOutageMillis = departmentOutageMillis;
    }

    @Override
    public List<Fault> done() {
        return done;
    }

    @Override
    public void run() throws InterruptedException {
        for (int round = 1; round <= rounds; round++) {
            if (services) {
                for (String service : Platform.SERVICES) {
                    pause();
                    timed("kill -9 " + service + " + start", () -> {
                        if ("department-simulator".equals(service)) {
                            ledger.read(true);
                        }
                        platform.run("kill", service);
                        if ("department-simulator".equals(service)) {
                            ledger.crashed();
                        }
                        start(service);
                    });
                }
            }
            if (kafka) {
                pause();
                timed("stop kafka + start", () -> {
                    platform.run("stop", "kafka");
                    start("kafka");
                });
            }
            if (postgres) {
                pause();
                timed("stop postgres + start", () -> {
                    platform.run("stop", "postgres");
                    start("postgres");
                });
            }
            if (department) {
                pause();
                timed("departments' HTTP endpoint down " + departmentOutageMillis / 1000 + " s", () -> {
                    ledger.read(true);
                    platform.run("kill", "department-simulator");
                    ledger.crashed();
                    sleep(departmentOutageMillis);
                    start("department-simulator");
                });
            }
        }
    }

    /**
     * Starts a component again. In a shared working tree another build may be rewriting a service's
     * {@code target/quarkus-app} at this moment; that is not the platform's failure, so the start is retried.
     */
    private void start(String component) {
        for (int attempt = 1; ; attempt++) {
            try {
                platform.run("start", component);
                return;
            } catch (IllegalStateException e) {
                if (attempt == 4) {
                    throw e;
                }
                System.out.printf("  %tT        %s did not come back (attempt %d), trying again: %s%n",
                        System.currentTimeMillis(), component, attempt, e.getMessage().lines().findFirst().orElse(""));
                sleep(15_000);
            }
        }
    }

    private void timed(String what, Runnable fault) {
        long start = System.currentTimeMillis();
        System.out.printf("  %tT fault: %s%n", start, what);
        fault.run();
        long took = System.currentTimeMillis() - start;
        done.add(new Fault(what, took, start));
        System.out.printf("  %tT        back after %.1f s%n", System.currentTimeMillis(), took / 1000.0);
    }

    private void pause() throws InterruptedException {
        Thread.sleep(gapMillis);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
