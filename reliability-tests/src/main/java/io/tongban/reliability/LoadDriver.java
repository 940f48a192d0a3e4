package io.tongban.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady load of matters of mixed types at a fixed rate. Every submission carries an Idempotency-Key and is
 * retried with the same key while the platform is down, so "accepted" is exact even across crashes.
 */
public final class LoadDriver {
    private static final long RETRY_FOR_MS = 180_000;

    private final Platform platform;
    private final Http http;
    private final MatterForms forms;
    private final ObjectMapper json = new ObjectMapper();
    private final Random random;
    private final double withdrawRate;

    /** matter id -> matter type, for every 202. */
    public final Map<String, String> accepted = new ConcurrentHashMap<>();
    public final Set<String> withdrawn = ConcurrentHashMap.newKeySet();
    public final List<String> refused = java.util.Collections.synchronizedList(new ArrayList<>());
    public final AtomicInteger submitted = new AtomicInteger();
    public final AtomicInteger retries = new AtomicInteger();
    public final AtomicInteger gaveUp = new AtomicInteger();

    public LoadDriver(Platform platform, Http http, MatterForms forms, long seed, double withdrawRate) {
        this.platform = platform;
        this.http = http;
        this.forms = forms;
        this.random = new Random(seed);
        this.withdrawRate = withdrawRate;
    }

    /** The catalogue's types we have a recorded form for and that intake accepts without materials. */
    public List<String> usableTypes(List<String> wanted) {
        Http.Reply list = http.get(platform.url(platform.intakePort) + "/api/matter-types");
        if (!list.ok()) {
            throw new IllegalStateException("GET /api/matter-types: " + list);
        }
        List<String> usable = new ArrayList<>();
        try {
            for (JsonNode type : json.readTree(list.body())) {
                String id = type.path("id").asText();
                if (!wanted.contains(id) || forms.example(id).isEmpty()) {
                    continue;
                }
                Http.Reply detail = http.get(platform.url(platform.intakePort) + "/api/matter-types/" + id);
                if (!detail.ok()) {
                    System.out.printf("  type %-20s skipped: GET /api/matter-types/%s -> %d%n", id, id, detail.status());
                    continue;
                }
                Http.Reply probe = submitOnce(forms.submission(id), UUID.randomUUID().toString());
                if (probe.status() == 202) {
                    accepted.put(matterId(probe.body()), id);
                    submitted.incrementAndGet();
                }
                if (probe.status() == 202) {
                    usable.add(id);
                    System.out.printf("  type %-20s used%n", id);
                } else {
                    System.out.printf("  type %-20s skipped: a recorded form got %d %s%n", id, probe.status(),
                            abbreviate(probe.body()));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (usable.isEmpty()) {
            throw new IllegalStateException("intake accepts none of " + wanted + " (is a token needed? "
                    + "deploy/local/tongban token)");
        }
        return usable;
    }

    /** Submits {@code matters} matters at {@code ratePerSecond}; returns when every submission has an answer. */
    public void run(List<String> types, int matters, double ratePerSecond) throws InterruptedException {
        run(types, matters, ratePerSecond, () -> false);
    }

    /**
     * As {@link #run(List, int, double)}, and past {@code matters} for as long as {@code moreWanted} says so:
     * a fault schedule that takes longer than planned still strikes under load.
     */
    public void run(List<String> types, int matters, double ratePerSecond, java.util.function.BooleanSupplier moreWanted)
            throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(4, (int) Math.ceil(ratePerSecond)));
        ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();
        long intervalNanos = (long) (1_000_000_000L / ratePerSecond);
        long start = System.nanoTime();
        for (int i = 0; i < matters || moreWanted.getAsBoolean(); i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String type = types.get(random.nextInt(types.size()));
            boolean withdraw = random.nextDouble() < withdrawRate;
            long withdrawAfterMs = random.nextInt(2000);
            workers.submit(() -> submit(type, withdraw, withdrawAfterMs, later));
            if ((i + 1) % 100 == 0) {
                System.out.printf("  %tT submitted %d/%d (accepted %d)%n", System.currentTimeMillis(), i + 1, Math.max(matters, i + 1),
                        accepted.size());
            }
        }
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.MINUTES);
        later.shutdown();
        later.awaitTermination(10, TimeUnit.MINUTES);
    }

    private void submit(String type, boolean withdraw, long withdrawAfterMs, ScheduledExecutorService later) {
        submitted.incrementAndGet();
        String key = UUID.randomUUID().toString();
        long until = System.currentTimeMillis() + RETRY_FOR_MS;
        String body = forms.submission(type);
        Http.Reply reply = submitOnce(body, key);
        while (reply.transientFailure() && System.currentTimeMillis() < until) {
            retries.incrementAndGet();
            pause(500);
            // the same key and the same body: a retry, never a second matter
            reply = submitOnce(body, key);
        }
        if (reply.status() == 202) {
            String id = matterId(reply.body());
            accepted.put(id, type);
            if (withdraw) {
                later.schedule(() -> withdraw(id), withdrawAfterMs, TimeUnit.MILLISECONDS);
            }
        } else if (reply.transientFailure()) {
            gaveUp.incrementAndGet();
        } else {
            refused.add(type + ": " + reply.status() + " " + abbreviate(reply.body()));
        }
    }

    private Http.Reply submitOnce(String body, String key) {
        return http.postJson(platform.url(platform.intakePort) + "/api/matters", body, Map.of("Idempotency-Key", key));
    }

    private void withdraw(String id) {
        long until = System.currentTimeMillis() + RETRY_FOR_MS;
        Http.Reply reply;
        do {
            reply = http.postJson(platform.url(platform.intakePort) + "/api/matters/" + id + "/withdrawal",
                    "{\"reason\":\"fault suite withdraws a share of its matters\"}", Map.of());
            if (!reply.transientFailure()) {
                break;
            }
            pause(500);
        } while (System.currentTimeMillis() < until);
        if (reply.status() == 202) {
            withdrawn.add(id);
        }
    }

    private String matterId(String body) {
        try {
            return json.readTree(body).path("matterId").asText();
        } catch (IOException e) {
            throw new IllegalStateException("202 without a matter id: " + body, e);
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
