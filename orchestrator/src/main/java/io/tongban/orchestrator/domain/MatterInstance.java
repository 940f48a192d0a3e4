package io.tongban.orchestrator.domain;

import io.tongban.catalogue.Condition;
import io.tongban.catalogue.InputResolver;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.catalogue.TaskDefinition;
import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.DepartmentTaskCancelled;
import io.tongban.contracts.workflow.MatterAccepted;
import io.tongban.contracts.workflow.MatterCancelled;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.MatterRejected;
import io.tongban.contracts.workflow.TaskCancelled;
import io.tongban.contracts.workflow.TaskCompleted;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.contracts.workflow.TaskRejected;
import io.tongban.contracts.workflow.TaskSkipped;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One matter running on its pinned definition: the rules of the workflow, in plain Java.
 * Each decision changes the state and returns the effects (events) it owes, each workflow event
 * numbered with the matter's next sequence number. What happens when a department rejects a task,
 * completes one, or the applicant withdraws, is all here.
 */
public final class MatterInstance {
    private final String matterId;
    private final MatterDefinition definition;
    private final String applicantId;
    private final Map<String, Object> form;
    private final Map<String, Object> materials;
    private final Instant submittedAt;
    private final Map<String, TaskState> tasks;
    private final Map<String, List<TaskDefinition>> dependents;
    private MatterStatus status;
    private long sequence;
    private Instant finishedAt;

    public MatterInstance(String matterId, MatterDefinition definition, String applicantId, Map<String, Object> form,
                          Map<String, Object> materials, Instant submittedAt, MatterStatus status, long sequence,
                          Instant finishedAt, Collection<TaskState> taskStates) {
        this.matterId = matterId;
        this.definition = definition;
        this.applicantId = applicantId;
        this.form = form;
        this.materials = materials;
        this.submittedAt = submittedAt;
        this.status = status;
        this.sequence = sequence;
        this.finishedAt = finishedAt;
        this.tasks = new LinkedHashMap<>();
        taskStates.forEach(t -> tasks.put(t.taskKey(), t));
        this.dependents = new HashMap<>();
        for (TaskDefinition task : definition.tasks()) {
            task.dependsOn().forEach(dep -> dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(task));
        }
    }

    /** A submitted matter is accepted: every task is planned, and those without dependencies go out at once. */
    public static MatterInstance accept(String matterId, MatterDefinition definition, String applicantId,
                                        Map<String, Object> form, Map<String, Object> materials, Instant submittedAt,
                                        Instant now, WorkingCalendar calendar, List<Effect> effects) {
        List<TaskState> planned = definition.tasks().stream()
                .map(t -> TaskState.waiting(matterId, t.key(), t.department())).toList();
        MatterInstance matter = new MatterInstance(matterId, definition, applicantId, form, materials, submittedAt,
                MatterStatus.IN_PROGRESS, 0, null, planned);
        effects.add(matter.workflow(seq -> new MatterAccepted(matterId, seq, definition.id(), definition.version(),
                applicantId, definition.title().zh(), definition.title().en(), submittedAt, now,
                definition.tasks().stream().map(t -> new MatterAccepted.PlannedTask(t.key(), t.department(),
                        t.title().zh(), t.title().en(), t.dependsOn(), t.deadlineWorkingDays())).toList())));
        matter.advance(definition.tasks().stream().filter(t -> t.dependsOn().isEmpty()).toList(), now, calendar, effects);
        return matter;
    }

    /** A department completed its task: record the outputs and start every task this unblocks. */
    public List<Effect> completeTask(String taskKey, Map<String, Object> outputs, Instant now, WorkingCalendar calendar) {
        List<Effect> effects = new ArrayList<>();
        TaskState task = runningTask(taskKey);
        if (task == null) {
            return effects;
        }
        TaskDefinition def = definition.task(taskKey).orElseThrow();
        List<String> missing = def.outputs().stream().filter(o -> outputs == null || !outputs.containsKey(o)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalResultException("task " + task.taskId() + " completed without its outputs " + missing);
        }
        Map<String, Object> declared = new LinkedHashMap<>();
        def.outputs().forEach(o -> declared.put(o, outputs.get(o)));
        task.finished(TaskStatus.COMPLETED, declared, now);
        effects.add(workflow(seq -> new TaskCompleted(matterId, seq, task.taskId(), taskKey, task.department(),
                declared, now)));
        advance(dependents.getOrDefault(taskKey, List.of()), now, calendar, effects);
        return effects;
    }

    /** A department refused its task: the matter is rejected and every other unfinished task is cancelled. */
    public List<Effect> rejectTask(String taskKey, String reason, Instant now) {
        List<Effect> effects = new ArrayList<>();
        TaskState task = runningTask(taskKey);
        if (task == null) {
            return effects;
        }
        task.finished(TaskStatus.REJECTED, Map.of(), now);
        effects.add(workflow(seq -> new TaskRejected(matterId, seq, task.taskId(), taskKey, task.department(),
                reason, now)));
        cancelUnfinishedTasks("matter rejected: " + task.department() + " refused " + taskKey, now, effects);
        status = MatterStatus.REJECTED;
        finishedAt = now;
        effects.add(workflow(seq -> new MatterRejected(matterId, seq, taskKey, task.department(), reason, now)));
        return effects;
    }

    /** The applicant withdrew: every unfinished task is cancelled, on its department's topic too. */
    public List<Effect> withdraw(String reason, Instant now) {
        List<Effect> effects = new ArrayList<>();
        if (status.isFinal()) {
            return effects;
        }
        String why = reason == null || reason.isBlank() ? "withdrawn by the applicant" : "withdrawn by the applicant: " + reason;
        cancelUnfinishedTasks(why, now, effects);
        status = MatterStatus.CANCELLED;
        finishedAt = now;
        effects.add(workflow(seq -> new MatterCancelled(matterId, seq, why, now)));
        return effects;
    }

    /** A result is applied only to a task that is out with its department, on a matter still running. */
    private TaskState runningTask(String taskKey) {
        TaskState task = tasks.get(taskKey);
        if (task == null) {
            throw new IllegalResultException("matter " + matterId + " has no task '" + taskKey + "'");
        }
        return status == MatterStatus.IN_PROGRESS && task.status() == TaskStatus.DISPATCHED ? task : null;
    }

    /** Starts each candidate whose dependencies are all satisfied; a skipped task may unblock further tasks. */
    private void advance(List<TaskDefinition> candidates, Instant now, WorkingCalendar calendar, List<Effect> effects) {
        Deque<TaskDefinition> queue = new ArrayDeque<>(candidates);
        while (!queue.isEmpty()) {
            TaskDefinition def = queue.poll();
            TaskState task = tasks.get(def.key());
            if (task.status() != TaskStatus.WAITING || !dependenciesSatisfied(def)) {
                continue;
            }
            if (def.when().map(c -> !holds(c)).orElse(false)) {
                task.finished(TaskStatus.SKIPPED, Map.of(), now);
                effects.add(workflow(seq -> new TaskSkipped(matterId, seq, task.taskId(), def.key(), def.department(),
                        def.condition().text(), now)));
                queue.addAll(dependents.getOrDefault(def.key(), List.of()));
            } else {
                dispatch(def, task, now, calendar, effects);
            }
        }
        if (tasks.values().stream().allMatch(t -> t.status().satisfiesDependents())) {
            status = MatterStatus.COMPLETED;
            finishedAt = now;
            List<MatterCompleted.DepartmentResult> results = tasks.values().stream()
                    .filter(t -> t.status() == TaskStatus.COMPLETED)
                    .map(t -> new MatterCompleted.DepartmentResult(t.taskKey(), t.department(), t.outputs()))
                    .toList();
            effects.add(workflow(seq -> new MatterCompleted(matterId, seq, results, now)));
        }
    }

    private void dispatch(TaskDefinition def, TaskState task, Instant now, WorkingCalendar calendar, List<Effect> effects) {
        Map<String, Object> inputs = InputResolver.resolve(def, form, materials, outputsByTask());
        Instant due = calendar.addWorkingDays(now, def.deadlineWorkingDays());
        task.dispatched(now, due);
        effects.add(new Effect.ToDepartment(def.department(), new DepartmentTaskAssigned(task.taskId(), matterId,
                definition.id(), def.key(), def.department(), def.title().zh(), def.title().en(), inputs,
                def.outputs(), now, due)));
        effects.add(workflow(seq -> new TaskDispatched(matterId, seq, task.taskId(), def.key(), def.department(),
                List.copyOf(inputs.keySet()), now, due)));
    }

    private void cancelUnfinishedTasks(String reason, Instant now, List<Effect> effects) {
        for (TaskState task : tasks.values()) {
            if (task.status().isFinal()) {
                continue;
            }
            boolean wasOut = task.status() == TaskStatus.DISPATCHED;
            task.finished(TaskStatus.CANCELLED, Map.of(), now);
            if (wasOut) {
                effects.add(new Effect.ToDepartment(task.department(),
                        new DepartmentTaskCancelled(task.taskId(), matterId, task.department(), reason, now)));
            }
            effects.add(workflow(seq -> new TaskCancelled(matterId, seq, task.taskId(), task.taskKey(),
                    task.department(), reason, now)));
        }
    }

    private boolean dependenciesSatisfied(TaskDefinition def) {
        return def.dependsOn().stream().allMatch(dep -> tasks.get(dep).status().satisfiesDependents());
    }

    private boolean holds(Condition condition) {
        return condition.holdsFor(InputResolver.valueOf(condition.source(), form, materials, outputsByTask()));
    }

    private Map<String, Map<String, Object>> outputsByTask() {
        Map<String, Map<String, Object>> outputs = new HashMap<>();
        tasks.values().forEach(t -> outputs.put(t.taskKey(), t.outputs()));
        return outputs;
    }

    private Effect.Workflow workflow(java.util.function.LongFunction<io.tongban.contracts.workflow.WorkflowEvent> event) {
        sequence++;
        return new Effect.Workflow(event.apply(sequence));
    }

    public String matterId() {
        return matterId;
    }

    public MatterDefinition definition() {
        return definition;
    }

    public String applicantId() {
        return applicantId;
    }

    public Map<String, Object> form() {
        return form;
    }

    public Map<String, Object> materials() {
        return materials;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public MatterStatus status() {
        return status;
    }

    public long sequence() {
        return sequence;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Collection<TaskState> tasks() {
        return tasks.values();
    }

    public TaskState task(String taskKey) {
        return tasks.get(taskKey);
    }
}
