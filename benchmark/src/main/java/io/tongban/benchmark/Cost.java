package io.tongban.benchmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one measured window cost per completed instance (a matter, or a peer process instance): CPU milliseconds
 * of each process, and PostgreSQL transactions and statements of each database.
 */
record Cost(String who, int offeredRate, int seconds, long completed, double completedPerSecond,
            Percentiles submitToComplete, Map<String, Double> cpuMsPerInstance,
            Map<String, Double> transactionsPerInstance, Map<String, Double> statementsPerInstance) {

    double cpuMsTotal() {
        return cpuMsPerInstance.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double transactionsTotal() {
        return transactionsPerInstance.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** -1 when statements were not counted. */
    double statementsTotal() {
        return statementsPerInstance.isEmpty() ? -1
                : statementsPerInstance.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** CPU seconds by process at the start and the end of the window, and the database counters likewise. */
    static Cost of(String who, int seconds, PlatformBenchmark.Step step, Map<String, Double> cpuBefore, Map<String, Double> cpuAfter,
                   Map<String, PostgresCounters.Count> dbBefore, Map<String, PostgresCounters.Count> dbAfter) {
        long completed = step.completed();
        long n = Math.max(1, completed);
        Map<String, Double> cpu = new LinkedHashMap<>();
        cpuAfter.forEach((name, after) -> cpu.put(name, 1000 * (after - cpuBefore.getOrDefault(name, after)) / n));
        Map<String, Double> xacts = new LinkedHashMap<>();
        Map<String, Double> statements = new LinkedHashMap<>();
        dbAfter.forEach((db, after) -> {
            PostgresCounters.Count delta = after.minus(dbBefore.getOrDefault(db, after));
            xacts.put(db, delta.transactions() / (double) n);
            if (delta.statements() >= 0) {
                statements.put(db, delta.statements() / (double) n);
            }
        });
        return new Cost(who, step.offeredRate(), seconds, completed, step.completedPerSecond(), step.complete(), cpu,
                xacts, statements);
    }
}
