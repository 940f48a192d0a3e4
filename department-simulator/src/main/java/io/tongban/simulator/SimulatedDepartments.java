package io.tongban.simulator;

import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Plays every department: takes a task, "works" for the configured delay, and answers with a made-up
 * number for each declared output (or a refusal, or once a supplement request, at the configured rates).
 * In HTTP mode the answer goes to the gateway's callback, signed with the department's secret; in Kafka
 * mode {@link KafkaDepartments} writes it to the result topic. A repeated delivery (same task id, the
 * idempotency key) is counted but answered only once. State is in memory: the simulator is a test
 * instrument, not part of the platform.
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
    private final Set<String> askedForSupplement = ConcurrentHashMap.newKeySet();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final AtomicInteger total = new AtomicInteger();

    @Inject
    Vertx vertx;

    @Inject
    SimulatorConfig config;

    @Inject
    CallbackSigner signer;

    @Inject
    EvidenceSigner evidence;

    private WebClient http;

    @PostConstruct
    void init() {
        // the default pool (5 connections) capped the answers to the gateway under load
        http = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions().setMaxPoolSize(32));
    }

    /** Records a delivered task; returns true the first time this task id arrives. */
    public boolean seen(DepartmentTaskAssigned task) {
        total.incrementAndGet();
        int count = deliveries.computeIfAbsent(task.taskId(), k -> new AtomicInteger()).incrementAndGet();
        if (count > 1) {
            LOG.warnf("task %s delivered %d times (answered once)", task.taskId(), count);
            return false;
        }
        tasks.put(task.taskId(), task);
        return true;
    }

    /** The department's first answer to a task it just received. */
    public Decision decide(DepartmentTaskAssigned task) {
        Decision decision = Decision.about(task, config.rejectRate(), config.supplementRate());
        return remember(task, decision);
    }

    /** After the supplement arrived the department completes; null when the task is unknown or was not waiting. */
    public Decision decideAfterSupplement(String taskId, Map<String, Object> inputs) {
        DepartmentTaskAssigned task = tasks.get(taskId);
        if (task == null || !askedForSupplement.remove(taskId) || cancelled.contains(taskId)) {
            return null;
        }
        DepartmentTaskAssigned supplemented = new DepartmentTaskAssigned(task.taskId(), task.matterId(), task.matterType(),
                task.taskKey(), task.department(), task.titleZh(), task.titleEn(), inputs, task.outputs(), task.assignedAt(),
                task.dueAt());
        tasks.put(taskId, supplemented);
        return remember(supplemented, Decision.completed(supplemented));
    }

    public void cancel(String taskId) {
        cancelled.add(taskId);
    }

    public boolean isCancelled(String taskId) {
        return cancelled.contains(taskId);
    }

    public DepartmentTaskAssigned task(String taskId) {
        return tasks.get(taskId);
    }

    private Decision remember(DepartmentTaskAssigned task, Decision decision) {
        if (Decision.SUPPLEMENT_NEEDED.equals(decision.outcome())) {
            askedForSupplement.add(task.taskId());
        } else if (Decision.COMPLETED.equals(decision.outcome())) {
            answers.put(task.taskId(), decision.outputs());
        }
        return decision;
    }

    /** HTTP mode: a task posted by the gateway's adapter. */
    public boolean receive(String department, DepartmentTaskAssigned task) {
        if (!seen(task)) {
            return false;
        }
        vertx.setTimer(Math.max(1, config.delay().toMillis()), id -> answer(department, task.taskId(), decide(task), 1));
        return true;
    }

    /** HTTP mode: the supplement the gateway posts after the applicant provided it. */
    public void receiveSupplement(String department, String taskId, Map<String, Object> inputs) {
        Decision decision = decideAfterSupplement(taskId, inputs);
        if (decision != null) {
            vertx.setTimer(Math.max(1, config.delay().toMillis()), id -> answer(department, taskId, decision, 1));
        }
    }

    private void answer(String department, String taskId, Decision decision, int attempt) {
        if (cancelled.contains(taskId)) {
            return;
        }
        Map<String, Object> answer = decision.callbackBody(taskId);
        String body = new JsonObject(answer).encode();
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        String requestId = UUID.randomUUID().toString();
        String signature = signer.sign(department, timestamp, requestId, body);
        if (signature == null && attempt == 1) {
            LOG.warnf("no callback secret for %s: the gateway will refuse the answer to %s", department, taskId);
        }
        var request = http.postAbs(config.gatewayUrl() + "/api/departments/" + department + "/results")
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Tongban-Timestamp", timestamp)
                .putHeader("X-Tongban-Request-Id", requestId);
        if (signature != null) {
            request.putHeader("X-Tongban-Signature", signature);
        }
        DepartmentTaskAssigned task = tasks.get(taskId);
        if (task != null) {
            evidence.signAnswer(task.matterId(), department, answer)
                    .ifPresent(s -> request.putHeader(EvidenceHeaders.HTTP_SIGNATURE, s));
        }
        request.sendBuffer(Buffer.buffer(body))
                .subscribe().with(response -> {
                    if (response.statusCode() >= 500 && attempt < 10) {
                        retry(department, taskId, decision, attempt);
                    } else if (response.statusCode() >= 400) {
                        LOG.warnf("gateway refused the answer to %s: HTTP %d", taskId, response.statusCode());
                    }
                }, failure -> {
                    if (attempt < 10) {
                        retry(department, taskId, decision, attempt);
                    } else {
                        LOG.errorf("could not answer task %s: %s", taskId, failure.getMessage());
                    }
                });
    }

    private void retry(String department, String taskId, Decision decision, int attempt) {
        long wait = Duration.ofMillis(200).multipliedBy(attempt).toMillis();
        vertx.setTimer(wait, id -> answer(department, taskId, decision, attempt + 1));
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
