package io.tongban.simulator;

import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Plays every department: takes a task, "works" for the configured delay, and answers through the
 * gateway's callback with a made-up number for each declared output (or a refusal, at the configured
 * rate). A repeated delivery (same task id, the idempotency key) is counted but answered only once.
 * State is in memory: the simulator is a test instrument, not part of the platform.
 */
@ApplicationScoped
public class SimulatedDepartments {
    private static final Logger LOG = Logger.getLogger(SimulatedDepartments.class);

    /** What the simulator saw of one task: for tests and demos. */
    public record SeenTask(String taskId, String matterId, String department, String taskKey,
                           Map<String, Object> inputs, Map<String, Object> outputs, int deliveries) {
    }

    private final Map<String, DepartmentTaskAssigned> tasks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();

    @Inject
    Vertx vertx;

    @Inject
    SimulatorConfig config;

    private WebClient http;

    @PostConstruct
    void init() {
        http = WebClient.create(vertx);
    }

    /** Returns true the first time this task id arrives. */
    public boolean receive(String department, DepartmentTaskAssigned task) {
        total.incrementAndGet();
        int count = deliveries.computeIfAbsent(task.taskId(), k -> new AtomicInteger()).incrementAndGet();
        if (count > 1) {
            LOG.warnf("task %s delivered %d times (answered once)", task.taskId(), count);
            return false;
        }
        tasks.put(task.taskId(), task);
        vertx.setTimer(Math.max(1, config.delay().toMillis()), id -> answer(department, task, 1));
        return true;
    }

    private void answer(String department, DepartmentTaskAssigned task, int attempt) {
        boolean reject = ThreadLocalRandom.current().nextDouble() < config.rejectRate();
        JsonObject body = new JsonObject().put("taskId", task.taskId());
        if (reject) {
            body.put("outcome", "rejected").put("reason", "材料不符合要求 / the simulated department refuses this task");
        } else {
            Map<String, Object> outputs = new LinkedHashMap<>();
            task.outputs().forEach(name -> outputs.put(name, madeUpNumber(name)));
            answers.put(task.taskId(), outputs);
            body.put("outcome", "completed").put("outputs", new JsonObject(outputs));
        }
        http.postAbs(config.gatewayUrl() + "/api/departments/" + department + "/results")
                .sendJsonObject(body)
                .subscribe().with(response -> {
                    if (response.statusCode() >= 500 && attempt < 10) {
                        retry(department, task, attempt);
                    }
                }, failure -> {
                    if (attempt < 10) {
                        retry(department, task, attempt);
                    } else {
                        LOG.errorf("could not answer task %s: %s", task.taskId(), failure.getMessage());
                    }
                });
    }

    private void retry(String department, DepartmentTaskAssigned task, int attempt) {
        long wait = Duration.ofMillis(200).multipliedBy(attempt).toMillis();
        vertx.setTimer(wait, id -> answer(department, task, attempt + 1));
    }

    /** Something that looks like the document number a department would issue. */
    static String madeUpNumber(String outputName) {
        String prefix = outputName.replaceAll("[^A-Z]", "");
        String letters = (Character.toUpperCase(outputName.charAt(0)) + prefix).substring(0, Math.min(3, prefix.length() + 1));
        return letters + (100_000_000L + ThreadLocalRandom.current().nextLong(900_000_000L));
    }

    public Map<String, Object> deliveryCounts() {
        List<String> duplicated = new ArrayList<>();
        deliveries.forEach((id, n) -> {
            if (n.get() > 1) {
                duplicated.add(id);
            }
        });
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("total", total.get());
        counts.put("distinct", deliveries.size());
        counts.put("duplicated", duplicated);
        return counts;
    }

    public List<SeenTask> tasksOf(String matterId) {
        return tasks.values().stream()
                .filter(t -> matterId == null || matterId.equals(t.matterId()))
                .map(t -> new SeenTask(t.taskId(), t.matterId(), t.department(), t.taskKey(), t.inputs(),
                        answers.getOrDefault(t.taskId(), Map.of()), deliveries.get(t.taskId()).get()))
                .toList();
    }
}
