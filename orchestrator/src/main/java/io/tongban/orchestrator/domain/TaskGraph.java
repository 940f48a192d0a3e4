package io.tongban.orchestrator.domain;

import io.tongban.catalogue.InputSource;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.catalogue.TaskDefinition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shape of a definition's DAG, and which tasks one department completion can touch, so that applying a
 * result loads and writes only those (a matter with 50 parallel tasks costs about 50 results, not 50²).
 */
public final class TaskGraph {
    // by identity: the catalogue holds each definition once, and a record's hashCode would walk the whole definition
    private static final Map<MatterDefinition, TaskGraph> GRAPHS = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());

    private final MatterDefinition definition;
    private final Map<String, List<TaskDefinition>> dependents = new HashMap<>();
    private final Map<String, List<TaskDefinition>> jointGroups = new HashMap<>();
    private final Map<String, Set<String>> touchedByCompletion = new ConcurrentHashMap<>();

    private TaskGraph(MatterDefinition definition) {
        this.definition = definition;
        for (TaskDefinition task : definition.tasks()) {
            task.dependsOn().forEach(dep -> dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(task));
            task.jointReviewGroup().ifPresent(g -> jointGroups.computeIfAbsent(g, k -> new ArrayList<>()).add(task));
        }
    }

    /** Definitions are immutable: one graph per loaded definition. */
    public static TaskGraph of(MatterDefinition definition) {
        return GRAPHS.computeIfAbsent(definition, TaskGraph::new);
    }

    public List<TaskDefinition> dependentsOf(String taskKey) {
        return dependents.getOrDefault(taskKey, List.of());
    }

    public List<TaskDefinition> jointGroup(String group) {
        return jointGroups.getOrDefault(group, List.of());
    }

    /**
     * Every task whose state a completion of {@code taskKey} may read or change: the task, its joint-review
     * group, its dependents, and — through dependents that finish without a department (skipped by their
     * condition, approved on commitment, a joint review's opinion) — theirs; plus the earlier tasks whose
     * outputs those read. Bounded by the definition's shape around the task, not by the matter's size.
     */
    public Set<String> touchedByCompletionOf(String taskKey) {
        return touchedByCompletion.computeIfAbsent(taskKey, this::closure);
    }

    /**
     * The tasks to load to apply a completion of {@code taskKey} to a matter with {@code openTasks} open tasks,
     * or empty when all must be loaded: when the matter may complete with it (the applicant's results list every
     * department), or when a joint review's opinion may reject the matter (which cancels every task).
     */
    public java.util.Optional<Set<String>> tasksToLoadForCompletionOf(String taskKey, int openTasks) {
        if (definition.task(taskKey).isEmpty()) {
            return java.util.Optional.empty();
        }
        Set<String> touched = touchedByCompletionOf(taskKey);
        boolean jointReview = touched.stream().anyMatch(k -> definition.task(k).orElseThrow().jointReview() != null);
        if (jointReview || openTasks <= touched.size() + 1 || touched.size() == definition.tasks().size()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(touched);
    }

    private Set<String> closure(String taskKey) {
        Set<String> touched = new LinkedHashSet<>();
        Deque<TaskDefinition> queue = new ArrayDeque<>();
        queue.add(definition.task(taskKey).orElseThrow());
        while (!queue.isEmpty()) {
            TaskDefinition task = queue.poll();
            if (!touched.add(task.key())) {
                continue;
            }
            List<TaskDefinition> released = new ArrayList<>(List.of(task));
            task.jointReviewGroup().ifPresent(g -> jointGroup(g).forEach(m -> {
                touched.add(m.key());
                released.add(m);
            }));
            for (TaskDefinition r : released) {
                for (TaskDefinition dependent : dependentsOf(r.key())) {
                    boolean mayFinishWithoutDepartment = dependent.condition() != null || dependent.byCommitment()
                            || dependent.jointReview() != null;
                    if (mayFinishWithoutDepartment) {
                        queue.add(dependent);
                    } else {
                        touched.add(dependent.key());
                    }
                }
            }
        }
        Set<String> withSources = new LinkedHashSet<>(touched);
        for (String key : touched) {
            TaskDefinition task = definition.task(key).orElseThrow();
            task.inputs().values().stream().filter(s -> s.kind() == InputSource.Kind.TASK_OUTPUT)
                    .forEach(s -> withSources.add(s.taskKey()));
            task.when().map(c -> c.source()).filter(s -> s.kind() == InputSource.Kind.TASK_OUTPUT)
                    .ifPresent(s -> withSources.add(s.taskKey()));
        }
        return withSources;
    }
}
