package io.tongban.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.tongban.catalogue.MatterDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drives the Operaton peer the way the platform is driven: open-loop arrivals at a fixed rate (each arrival starts
 * one process instance, as a submission starts one matter), rate steps that double until the engine no longer
 * keeps up, and a cost window at the platform's cost rate.
 */
final class PeerBenchmark {
    /** Callers starting instances, like the HTTP clients that submit matters. */
    private static final int STARTERS = 4;

    private final Options options;
    private final OperatonPeer peer;
    private final Map<String, Object> variables;
    private final Map<String, Long> submittedAt = new ConcurrentHashMap<>();

    PeerBenchmark(Options options, MatterDefinition definition, JsonNode form, String peerJdbcUrl) {
        this.options = options;
        this.variables = OperatonPeer.variables(form);
        this.peer = new OperatonPeer(definition, peerJdbcUrl, options.dbUser, options.dbPassword, options.peerWorkMillis);
    }

    int formVariables() {
        return variables.size();
    }

    /** One open-loop step; returns the same figures as a platform step. */
    PlatformBenchmark.Step runStep(int rate, int seconds) throws InterruptedException {
        return step(rate, seconds, null);
    }

    /** A step whose instances' latencies are also collected, for a cost window. */
    PlatformBenchmark.Step runStep(int rate, int seconds, List<Long> latencies) throws InterruptedException {
        return step(rate, seconds, latencies);
    }

    private PlatformBenchmark.Step step(int rate, int seconds, List<Long> latenciesOut) throws InterruptedException {
        long stepStart = System.currentTimeMillis();
        Semaphore inFlight = new Semaphore(options.maxInFlight);
        AtomicLong offered = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        List<String> keys = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService starters = Executors.newFixedThreadPool(STARTERS);
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        clock.scheduleAtFixedRate(() -> {
            offered.incrementAndGet();
            if (!inFlight.tryAcquire()) {
                refused.incrementAndGet();
                return;
            }
            long now = System.currentTimeMillis();
            starters.execute(() -> {
                String key = UUID.randomUUID().toString();
                try {
                    submittedAt.put(key, now);
                    peer.start(key, variables);
                    keys.add(key);
                    accepted.incrementAndGet();
                } catch (RuntimeException e) {
                    submittedAt.remove(key);
                } finally {
                    inFlight.release();
                }
            });
        }, 0, Math.max(1, 1_000_000L / rate), TimeUnit.MICROSECONDS);
        Thread.sleep(seconds * 1000L); // the benchmark's own pacing
        clock.shutdownNow();
        starters.shutdown();
        starters.awaitTermination(30, TimeUnit.SECONDS);
        long stepEnd = System.currentTimeMillis();
        long drainUntil = stepEnd + options.drainSeconds * 1000L;
        while (System.currentTimeMillis() < drainUntil && !allCompleted(keys)) {
            Thread.sleep(20);
        }
        double elapsed = (stepEnd - stepStart) / 1000.0;
        List<Long> latencies = new ArrayList<>();
        synchronized (keys) {
            for (String key : keys) {
                Long done = peer.completedAt(key);
                if (done != null) {
                    latencies.add(done - submittedAt.get(key));
                }
            }
        }
        if (latenciesOut != null) {
            latenciesOut.addAll(latencies);
        }
        Percentiles p = Percentiles.of(latencies);
        long completed = latencies.size();
        boolean sustained = refused.get() == 0 && completed >= 0.99 * offered.get() && p.p99() < options.maxP99Millis;
        return new PlatformBenchmark.Step(rate, accepted.get() / elapsed, completed / elapsed,
                offered.get() - completed, p, sustained, completed);
    }

    private boolean allCompleted(List<String> keys) {
        synchronized (keys) {
            return keys.stream().allMatch(k -> peer.completedAt(k) != null);
        }
    }

    void close() {
        peer.close();
    }
}
