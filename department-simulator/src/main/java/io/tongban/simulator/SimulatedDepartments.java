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
 * mode {@link KafkaDepartments} writes it to the result topic. Every delivery is answered, repeats included
 * (same task id, the idempotency key), with the same answer, as the department contract asks; a callback the
 * gateway did not take (2xx) is retried with back-off ({@link CallbackRetry}). State is in memory: the
 * simulator is a test instrument, not part of the platform.
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
    /** Each task's current answer: what every repeated delivery of it is answered with. */
    private final Map<String, Decision> latest = new ConcurrentHashMap<>();
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
    private CallbackRetry retry;

    @PostConstruct
    void init() {
        retry = new CallbackRetry(config.callbackRetry().initialBackoff(), config.callbackRetry().maxBackoff(),
                config.callbackRetry().giveUpAfter());
        // the default pool (5 connections) capped the answers to the gateway under load
        http = WebClient.create(vertx, new io.vertx.ext.web.client.WebClientOptions().setMaxPoolSize(32));
    }

    /**
     * A delivery of a task, first or repeated: the department's answer to it. Decided once per task and kept,
     * so every repeat (the gateway re-delivers at least once, the same task may be read again from Kafka) gets
     * the same answer; after a supplement the answer is the completion that followed it.
     */
    public synchronized Decision answerTo(DepartmentTaskAssigned task) {
        total.incrementAndGet();
        int count = deliveries.computeIfAbsent(task.taskId(), k -> new AtomicInteger()).incrementAndGet();
        Decision known = latest.get(task.taskId());
        if (known != null) {
            LOG.infof("task %s delivered %d times: answered again the same way (%s)", task.taskId(), count, known.outcome());
            return known;
        }
        tasks.put(task.taskId(), task);
        return remember(task, Decision.about(task, config.rejectRate(), config.supplementRate()));
    }

    /**
     * After the supplement arrived the department completes; a repeated supplement gets that same completion.
     * Null when the task is unknown, cancelled, or was not waiting for a supplement.
     */
    public synchronized Decision decideAfterSupplement(String taskId, Map<String, Object> inputs) {
        DepartmentTaskAssigned task = tasks.get(taskId);
        if (task == null || cancelled.contains(taskId)) {
            return null;
        }
        if (!askedForSupplement.remove(taskId)) {
            Decision known = latest.get(taskId);
            return known != null && !Decision.SUPPLEMENT_NEEDED.equals(known.outcome()) ? known : null;
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
        latest.put(task.taskId(), decision);
        if (Decision.SUPPLEMENT_NEEDED.equals(decision.outcome())) {
            askedForSupplement.add(task.taskId());
        } else if (Decision.COMPLETED.equals(decision.outcome())) {
            answers.put(task.taskId(), decision.outputs());
        }
        return decision;
    }

    /** HTTP mode: a task posted by the gateway's adapter, first or repeated: each delivery is answered. */
    public void receive(String department, DepartmentTaskAssigned task) {
        Decision decision = answerTo(task);
        vertx.setTimer(Math.max(1, config.delay().toMillis()),
                id -> answer(department, task.taskId(), decision, 1, Instant.now()));
    }

    /** HTTP mode: the supplement the gateway posts after the applicant provided it. */
    public void receiveSupplement(String department, String taskId, Map<String, Object> inputs) {
        Decision decision = decideAfterSupplement(taskId, inputs);
        if (decision != null) {
            vertx.setTimer(Math.max(1, config.delay().toMillis()),
                    id -> answer(department, taskId, decision, 1, Instant.now()));
        }
    }

    private void answer(String department, String taskId, Decision decision, int attempt, Instant firstTry) {
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
                    if (response.statusCode() / 100 == 2) {
                        return;
                    }
                    String refusal = "HTTP " + response.statusCode();
                    retryOrGiveUp(department, taskId, decision, attempt, firstTry, response.statusCode(),
                            response.getHeader("Retry-After"), refusal);
                }, failure -> retryOrGiveUp(department, taskId, decision, attempt, firstTry, 0, null,
                        failure.getClass().getSimpleName() + ": " + failure.getMessage()));
    }

    /** The answer is durable only once the gateway said 2xx: until then (within the bound) it is sent again. */
    private void retryOrGiveUp(String department, String taskId, Decision decision, int attempt, Instant firstTry,
                               int status, String retryAfter, String problem) {
        if (!CallbackRetry.retryable(status)) {
            LOG.errorf("gateway refused the answer to %s for good: %s", taskId, problem);
            return;
        }
        Duration elapsed = Duration.between(firstTry, Instant.now());
        retry.next(attempt, status, retryAfter, elapsed).ifPresentOrElse(wait -> {
            LOG.warnf("answer to %s not taken (%s, attempt %d), next try in %d ms", taskId, problem, attempt, wait.toMillis());
            vertx.setTimer(Math.max(1, wait.toMillis()), id -> answer(department, taskId, decision, attempt + 1, firstTry));
        }, () -> LOG.errorf("could not answer task %s after %d attempts in %d s: %s", taskId, attempt, elapsed.toSeconds(),
                problem));
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
