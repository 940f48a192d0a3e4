package io.tongban.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.catalogue.TaskDefinition;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.operaton.bpm.engine.ExternalTaskService;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.ProcessEngineImpl;
import org.operaton.bpm.engine.impl.util.SingleConsumerCondition;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.ExecutionListener;
import org.operaton.bpm.engine.externaltask.ExternalTaskQueryBuilder;
import org.operaton.bpm.engine.externaltask.LockedExternalTask;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.TransactionState;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.builder.AbstractFlowNodeBuilder;

/**
 * The peer: the same matter definition run as a BPMN process on the embedded Operaton engine, against the same
 * PostgreSQL server (its own database), so the platform's cost per matter has a classic workflow engine's cost per
 * instance beside it. Each task is an external task on its department's topic (a department polls for work, as a
 * Tongban department consumes its task topic); a parallel gateway stands wherever the DAG forks or joins; every
 * task continues asynchronously after it completes (async after), as the platform hands each answer on through
 * Kafka instead of in the department's call; history stays at the engine's default level.
 * <p>
 * Three worker threads fetch and lock the external tasks and complete each one after the same simulated work time
 * the platform's simulator takes, with made-up outputs. A worker with nothing to do waits on the engine's own
 * "external task available" signal (what the engine's REST long polling waits on), so an idle peer does not poll
 * its database, as an idle Tongban consumer does not poll PostgreSQL.
 */
final class OperatonPeer implements AutoCloseable {
    static final String DATABASE = "tongban_peer";
    private static final int WORKERS = 3;
    private static final int FETCH_MAX_TASKS = 10;
    private static final long LOCK_MILLIS = 60_000;
    /** Only a safety net: a worker is woken when a task becomes available. */
    private static final long MAX_IDLE_WAIT_MILLIS = 1000;

    private final ProcessEngine engine;
    private final String processKey;
    private final List<String> topics;
    private final Map<String, List<String>> outputsByActivity = new HashMap<>();
    private final long workMillis;
    private final Map<String, Long> completedAt = new ConcurrentHashMap<>();
    private final List<Thread> workers = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);

    /** Drops and recreates the peer's database, so every run starts from the same empty engine. */
    static void recreateDatabase(String adminJdbcUrl, String user, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(adminJdbcUrl, user, password); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DATABASE);
            s.execute("CREATE DATABASE " + DATABASE);
        }
    }

    OperatonPeer(MatterDefinition definition, String jdbcUrl, String user, String password, long workMillis) {
        this.workMillis = workMillis;
        this.processKey = definition.id() + "-v" + definition.version();
        this.topics = definition.tasks().stream().map(TaskDefinition::department).distinct().toList();
        definition.tasks().forEach(t -> outputsByActivity.put(activityId(t.key()), t.outputs()));
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl) ProcessEngineConfiguration
                .createStandaloneProcessEngineConfiguration()
                .setProcessEngineName("tongban-peer")
                .setJdbcDriver("org.postgresql.Driver")
                .setJdbcUrl(jdbcUrl)
                .setJdbcUsername(user)
                .setJdbcPassword(password)
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE)
                .setJobExecutorActivate(true);
        config.setBeans(Map.of("matterCompleted", (ExecutionListener) this::completed));
        this.engine = config.buildProcessEngine();
        engine.getRepositoryService().createDeployment().addModelInstance(processKey + ".bpmn", model(definition))
                .deploy();
        for (int i = 0; i < WORKERS; i++) {
            String workerId = "peer-worker-" + i;
            Thread worker = new Thread(() -> work(workerId), workerId);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * The DAG as BPMN: a fork after the start when several tasks have no dependency, a join before a task with
     * several dependencies, a fork after a task several others depend on, and a join of the last tasks before
     * the end.
     */
    static BpmnModelInstance model(MatterDefinition definition) {
        List<TaskDefinition> tasks = topologicalOrder(definition.tasks());
        Map<String, List<String>> dependents = new HashMap<>();
        tasks.forEach(t -> t.dependsOn().forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(t.key())));
        List<TaskDefinition> roots = tasks.stream().filter(t -> t.dependsOn().isEmpty()).toList();
        List<TaskDefinition> sinks = tasks.stream().filter(t -> !dependents.containsKey(t.key())).toList();

        AbstractFlowNodeBuilder<?, ?> builder = Bpmn.createExecutableProcess(definition.id() + "-v" + definition.version())
                .startEvent("start");
        String startOut = "start";
        if (roots.size() > 1) {
            builder = builder.parallelGateway("fork_start");
            startOut = "fork_start";
        }
        // where the flow leaves each task: the task itself, or the fork gateway after it
        Map<String, String> out = new HashMap<>();
        for (TaskDefinition task : tasks) {
            List<String> from = task.dependsOn().isEmpty() ? List.of(startOut)
                    : task.dependsOn().stream().map(out::get).toList();
            builder = builder.moveToNode(from.get(0));
            if (from.size() > 1) {
                builder = builder.parallelGateway("join_" + activityId(task.key()));
            }
            builder = builder.serviceTask(activityId(task.key())).name(task.title().en())
                    .operatonExternalTask(task.department()).operatonAsyncAfter();
            String taskOut = activityId(task.key());
            int leaving = dependents.getOrDefault(task.key(), List.of()).size() + (sinks.contains(task) ? 1 : 0);
            if (leaving > 1) {
                builder = builder.parallelGateway("fork_" + activityId(task.key()));
                taskOut = "fork_" + activityId(task.key());
            }
            out.put(task.key(), taskOut);
            for (String other : from.subList(1, from.size())) {
                builder = builder.moveToNode(other).connectTo("join_" + activityId(task.key()));
            }
        }
        builder = builder.moveToNode(out.get(sinks.get(0).key()));
        if (sinks.size() > 1) {
            builder = builder.parallelGateway("join_end");
        }
        builder = builder.endEvent("end").operatonExecutionListenerDelegateExpression(ExecutionListener.EVENTNAME_END,
                "${matterCompleted}");
        for (TaskDefinition sink : sinks.subList(1, sinks.size())) {
            builder = builder.moveToNode(out.get(sink.key())).connectTo("join_end");
        }
        return builder.done();
    }

    private static List<TaskDefinition> topologicalOrder(List<TaskDefinition> tasks) {
        List<TaskDefinition> ordered = new ArrayList<>();
        List<String> placed = new ArrayList<>();
        while (ordered.size() < tasks.size()) {
            int before = ordered.size();
            for (TaskDefinition t : tasks) {
                if (!placed.contains(t.key()) && placed.containsAll(t.dependsOn())) {
                    ordered.add(t);
                    placed.add(t.key());
                }
            }
            if (ordered.size() == before) {
                throw new IllegalArgumentException("the tasks' dependsOn has a cycle");
            }
        }
        return ordered;
    }

    private static String activityId(String taskKey) {
        return "task_" + taskKey.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** The application form as process variables, one per field (child.name, mother.idCard, ...). */
    static Map<String, Object> variables(JsonNode form) {
        Map<String, Object> variables = new LinkedHashMap<>();
        flatten("", form, variables);
        return variables;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, Object> into) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(),
                    e.getValue(), into));
        } else if (node.isIntegralNumber()) {
            into.put(prefix, node.asLong());
        } else {
            into.put(prefix, node.asText());
        }
    }

    /** Starts one instance; the business key is how its completion is found. */
    void start(String businessKey, Map<String, Object> variables) {
        engine.getRuntimeService().startProcessInstanceByKey(processKey, businessKey, variables);
    }

    /** When the instance's end was committed, in epoch milliseconds; null while it runs. */
    Long completedAt(String businessKey) {
        return completedAt.get(businessKey);
    }

    private void completed(DelegateExecution execution) {
        String businessKey = execution.getProcessBusinessKey();
        // the end event runs inside the engine's transaction: the instance is done when that commits
        Context.getCommandContext().getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                context -> completedAt.put(businessKey, System.currentTimeMillis()));
    }

    /** A locked task and when its simulated work is done. */
    private record Due(LockedExternalTask task, long at) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(at, ((Due) other).at);
        }
    }

    /**
     * One worker: completes the tasks whose work time is over, fetches and locks what is there, and when there was
     * nothing waits for the engine's signal or the next task's work to end.
     */
    private void work(String workerId) {
        SingleConsumerCondition available = new SingleConsumerCondition(Thread.currentThread());
        ProcessEngineImpl.EXT_TASK_CONDITIONS.addConsumer(available);
        DelayQueue<Due> working = new DelayQueue<>();
        ExternalTaskService service = engine.getExternalTaskService();
        try {
            while (running.get()) {
                for (Due done = working.poll(); done != null; done = working.poll()) {
                    complete(service, done.task(), workerId);
                }
                List<LockedExternalTask> locked = fetch(service, workerId);
                long workEnds = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(workMillis);
                locked.forEach(task -> working.add(new Due(task, workEnds)));
                if (locked.isEmpty()) {
                    Due next = working.peek();
                    long wait = next == null ? MAX_IDLE_WAIT_MILLIS : next.getDelay(TimeUnit.MILLISECONDS);
                    if (wait > 0) {
                        available.await(wait);
                    }
                }
            }
        } finally {
            ProcessEngineImpl.EXT_TASK_CONDITIONS.removeConsumer(available);
        }
    }

    private List<LockedExternalTask> fetch(ExternalTaskService service, String workerId) {
        try {
            ExternalTaskQueryBuilder query = service.fetchAndLock(FETCH_MAX_TASKS, workerId);
            for (String topic : topics) {
                query = query.topic(topic, LOCK_MILLIS);
            }
            return query.execute();
        } catch (RuntimeException e) {
            System.err.println("peer worker " + workerId + ": " + e);
            return List.of();
        }
    }

    private void complete(ExternalTaskService service, LockedExternalTask task, String workerId) {
        if (!running.get()) {
            return;
        }
        Map<String, Object> outputs = new HashMap<>();
        for (String name : outputsByActivity.getOrDefault(task.getActivityId(), List.of())) {
            outputs.put(name, name + "-" + task.getBusinessKey().substring(0, 8));
        }
        try {
            service.complete(task.getId(), workerId, outputs);
        } catch (RuntimeException e) {
            System.err.println("peer worker " + workerId + " could not complete " + task.getActivityId() + ": " + e);
        }
    }

    @Override
    public void close() {
        running.set(false);
        ProcessEngineImpl.EXT_TASK_CONDITIONS.signalAll();
        for (Thread worker : workers) {
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        engine.close();
    }
}
