package io.tongban.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the simulated departments received, over all their lives: the simulator keeps its ledger in memory,
 * so it is read right before each crash and once at the end.
 */
public final class DepartmentLedger {
    private final Platform platform;
    private final Http http;
    private final ObjectMapper json = new ObjectMapper();
    /** task id -> the lives (0, 1, ...) in which it arrived. */
    private final Map<String, Set<Integer>> livesOf = new HashMap<>();
    private final java.util.List<Long> crashes = new java.util.ArrayList<>();
    private final Set<String> lastLife = new HashSet<>();
    private int life;
    private int duplicatedWithinALife;
    private long total;

    public DepartmentLedger(Platform platform, Http http) {
        this.platform = platform;
        this.http = http;
    }

    /** Reads the simulator's ledger; {@code crashing} when it is about to be killed. */
    public synchronized void read(boolean crashing) {
        Http.Reply deliveries = http.get(platform.url(platform.simulatorPort) + "/simulator/deliveries");
        Http.Reply tasks = http.get(platform.url(platform.simulatorPort) + "/simulator/tasks");
        if (!deliveries.ok() || !tasks.ok()) {
            System.out.println("  ! could not read the simulator's ledger: " + deliveries.status() + "/" + tasks.status());
        } else {
            try {
                JsonNode counts = json.readTree(deliveries.body());
                duplicatedWithinALife += counts.path("duplicated").size();
                total += counts.path("total").asLong();
                lastLife.clear();
                for (JsonNode task : json.readTree(tasks.body())) {
                    String id = task.path("taskId").asText();
                    lastLife.add(id);
                    livesOf.computeIfAbsent(id, k -> new HashSet<>()).add(life);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        if (crashing) {
            life++;
        }
    }

    /** The simulator was just killed. */
    public synchronized void crashed() {
        crashes.add(System.currentTimeMillis());
    }

    /**
     * The simulated department accepted this task (its 202, as the gateway recorded it) before a crash and does
     * not have it now: the crash took it, the platform handed it over correctly.
     */
    public synchronized boolean takenByACrash(String taskId, String acceptedAtMillis) {
        if (acceptedAtMillis == null || lastLife.contains(taskId)) {
            return false;
        }
        double at = Double.parseDouble(acceptedAtMillis);
        return crashes.stream().anyMatch(k -> at <= k);
    }

    /** Task ids that arrived twice in one life of the simulator. */
    public synchronized int duplicatedWithinALife() {
        return duplicatedWithinALife;
    }

    /** Task ids that arrived in two lives: sent again after the department crashed with it. */
    public synchronized int redeliveredAfterACrash() {
        return (int) livesOf.values().stream().filter(l -> l.size() > 1).count();
    }

    public synchronized int distinct() {
        return livesOf.size();
    }

    public synchronized long total() {
        return total;
    }

    /** Which tasks the simulator has now (its current life), without counting anything. */
    public synchronized void readCurrentLife() {
        Http.Reply tasks = http.get(platform.url(platform.simulatorPort) + "/simulator/tasks");
        if (!tasks.ok()) {
            return;
        }
        try {
            lastLife.clear();
            for (JsonNode task : json.readTree(tasks.body())) {
                lastLife.add(task.path("taskId").asText());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
