package io.tongban.orchestrator.domain;

import io.tongban.catalogue.WorkingCalendar;

import io.tongban.catalogue.Condition;
import io.tongban.catalogue.InputResolver;
import io.tongban.catalogue.MaterialRequirement;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.catalogue.TaskDefinition;
import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.DepartmentTaskCancelled;
import io.tongban.contracts.department.DepartmentTaskSupplemented;
import io.tongban.contracts.department.SupplementItem;
import io.tongban.contracts.workflow.CommitmentRevoked;
import io.tongban.contracts.workflow.JointOpinionIssued;
import io.tongban.contracts.workflow.MatterAccepted;
import io.tongban.contracts.workflow.MatterCancelled;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.MatterRejected;
import io.tongban.contracts.workflow.SupplementReceived;
import io.tongban.contracts.workflow.SupplementRequested;
import io.tongban.contracts.workflow.TaskAwaitingMaterial;
import io.tongban.contracts.workflow.TaskCancelled;
import io.tongban.contracts.workflow.TaskCompleted;
import io.tongban.contracts.workflow.TaskDeliveryFailed;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.contracts.workflow.TaskOverdue;
import io.tongban.contracts.workflow.TaskRejected;
import io.tongban.contracts.workflow.TaskSkipped;
import io.tongban.contracts.workflow.TaskStalled;
import io.tongban.contracts.workflow.WorkflowEvent;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * One matter running on its pinned definition: the rules of the workflow, in plain Java.
 * Each decision changes the state and returns the effects (events) it owes, each workflow event
 * numbered with the matter's next sequence number. What happens when a department completes, rejects,
 * asks for a supplement, when the applicant supplies it or withdraws, when a deadline passes, is all here.
 */
public final class MatterInstance {
    private final String matterId;
    private final MatterDefinition definition;
    private final String applicantId;
    private final Map<String, Object> form;
    private final Map<String, Object> materials;
    private final Map<String, Instant> promisedMaterials;
    private final Instant submittedAt;
    private final Map<String, TaskState> tasks;
    private final TaskGraph graph;
    private final boolean allTasksLoaded;
    private MatterStatus status;
    private long sequence;
    private Instant finishedAt;
    private int openTasks;

    /**
     * @param taskStates every task of the matter, or — to apply a completion — only those the graph says it
     *                   can touch ({@link TaskGraph#touchedByCompletionOf}); {@code openTasks} counts the tasks
     *                   not yet done for their dependents, so completion is known without the others.
     */
    public MatterInstance(String matterId, MatterDefinition definition, String applicantId, Map<String, Object> form,
                          Map<String, Object> materials, Instant submittedAt, MatterStatus status, long sequence,
                          Instant finishedAt, int openTasks, Collection<TaskState> taskStates) {
        this(matterId, definition, applicantId, form, materials, Map.of(), submittedAt, status, sequence, finishedAt,
                openTasks, taskStates);
    }

    /**
     * @param promisedMaterials 容缺受理: each material the applicant promised to hand in later, with the deadline of
     *                          that promise (set at acceptance; a material stays listed after it arrived)
     */
    public MatterInstance(String matterId, MatterDefinition definition, String applicantId, Map<String, Object> form,
                          Map<String, Object> materials, Map<String, Instant> promisedMaterials, Instant submittedAt,
                          MatterStatus status, long sequence, Instant finishedAt, int openTasks,
                          Collection<TaskState> taskStates) {
        this.matterId = matterId;
        this.definition = definition;
        this.applicantId = applicantId;
        this.form = new LinkedHashMap<>(form);
        this.materials = new LinkedHashMap<>(materials);
        this.promisedMaterials = new LinkedHashMap<>(promisedMaterials);
        this.submittedAt = submittedAt;
        this.status = status;
        this.sequence = sequence;
        this.finishedAt = finishedAt;
        this.openTasks = openTasks;
        this.tasks = new LinkedHashMap<>();
        taskStates.forEach(t -> tasks.put(t.taskKey(), t));
        this.graph = TaskGraph.of(definition);
        this.allTasksLoaded = tasks.size() == definition.tasks().size();
    }

    /**
     * A submitted matter is accepted: every task is planned, and those without dependencies go out at once.
     * 容缺受理: each may-follow-later material left out is accepted on the applicant's written promise to hand it in
     * within the material's promise period (working days from now).
     */
    public static MatterInstance accept(String matterId, MatterDefinition definition, String applicantId,
                                        Map<String, Object> form, Map<String, Object> materials, Instant submittedAt,
                                        Instant now, WorkingCalendar calendar, List<Effect> effects) {
        List<TaskState> planned = definition.tasks().stream()
                .map(t -> TaskState.waiting(matterId, t.key(), t.department(), t.dependsOn().size())).toList();
        Map<String, Instant> promised = new LinkedHashMap<>();
        definition.materials().stream().filter(m -> !materials.containsKey(m.name()))
                .forEach(m -> m.promisePeriod().ifPresent(days -> promised.put(m.name(), calendar.addWorkingDays(now, days))));
        MatterInstance matter = new MatterInstance(matterId, definition, applicantId, form, materials, promised,
                submittedAt, MatterStatus.IN_PROGRESS, 0, null, planned.size(), planned);
        effects.add(matter.workflow(seq -> new MatterAccepted(matterId, seq, definition.id(), definition.version(),
                applicantId, definition.title().zh(), definition.title().en(), submittedAt, now,
                definition.tasks().stream().map(t -> new MatterAccepted.PlannedTask(t.key(), t.department(),
                        t.title().zh(), t.title().en(), t.dependsOn(), t.deadlineWorkingDays())).toList())));
        matter.advance(new ArrayDeque<>(definition.tasks().stream().filter(t -> t.dependsOn().isEmpty()).toList()), now,
                calendar, effects);
        return matter;
    }

    /**
     * A department completed its task: record the outputs and start every task this unblocks. For a task
     * approved on commitment (告知承诺制) this only confirms it: its dependents went on long ago.
     */
    public List<Effect> completeTask(String taskKey, Map<String, Object> outputs, Instant now, WorkingCalendar calendar) {
        List<Effect> effects = new ArrayList<>();
        TaskState task = known(taskKey);
        TaskDefinition def = definition.task(taskKey).orElseThrow();
        if (task.status() == TaskStatus.COMMITTED) {
            task.finished(TaskStatus.COMPLETED, declaredPresent(def, outputs), now);
            return effects;
        }
        if (!isOpen(task)) {
            return effects;
        }
        List<String> missing = def.outputs().stream().filter(o -> outputs == null || !outputs.containsKey(o)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalResultException("task " + task.taskId() + " completed without its outputs " + missing);
        }
        Map<String, Object> declared = declaredPresent(def, outputs);
        task.finished(TaskStatus.COMPLETED, declared, now);
        openTasks--;
        effects.add(workflow(seq -> new TaskCompleted(matterId, seq, task.taskId(), taskKey, task.department(),
                declared, now, false)));
        Deque<TaskDefinition> next = new ArrayDeque<>();
        if (release(def, next, now, effects)) {
            advance(next, now, calendar, effects);
        }
        return effects;
    }

    /**
     * A department refused its task: the matter is rejected and every other unfinished task is cancelled.
     * In a joint review (联合审查) the refusal is an objection that waits for the other opinions; for a task
     * approved on commitment it revokes the approval.
     */
    public List<Effect> rejectTask(String taskKey, String reason, Instant now) {
        List<Effect> effects = new ArrayList<>();
        TaskState task = known(taskKey);
        if (task.status() == TaskStatus.COMMITTED) {
            revokeCommitment(task, reason, now, effects);
            return effects;
        }
        if (!isOpen(task)) {
            return effects;
        }
        task.finished(TaskStatus.REJECTED, reason, now);
        effects.add(workflow(seq -> new TaskRejected(matterId, seq, task.taskId(), taskKey, task.department(),
                reason, now)));
        TaskDefinition def = definition.task(taskKey).orElseThrow();
        if (def.jointReviewGroup().isPresent()) {
            if (groupAnswered(def.jointReview())) {
                issueJointOpinion(def.jointReview(), now, effects);
            }
            return effects;
        }
        reject(taskKey, task.department(), reason, now, effects);
        return effects;
    }

    /** 补正: the department needs more from the applicant; the task waits and its deadline clock stops. */
    public List<Effect> requestSupplement(String taskKey, List<SupplementItem> items, Instant now) {
        List<Effect> effects = new ArrayList<>();
        TaskState task = known(taskKey);
        if (status != MatterStatus.IN_PROGRESS || task.status() != TaskStatus.DISPATCHED) {
            return effects;
        }
        task.awaitingSupplement(now);
        List<SupplementItem> asked = items == null ? List.of() : List.copyOf(items);
        effects.add(workflow(seq -> new SupplementRequested(matterId, seq, task.taskId(), taskKey, task.department(),
                asked, now)));
        return effects;
    }

    /**
     * The applicant supplied fields and/or materials: they are merged into the matter; every task waiting for
     * a supplement goes back to its department with its inputs as they are now (its due date moved by the
     * waiting time), and every task waiting for a may-follow-later material that is now in goes out.
     */
    public List<Effect> supplementProvided(Map<String, Object> fields, Map<String, Object> newMaterials, Instant now,
                                           WorkingCalendar calendar) {
        List<Effect> effects = new ArrayList<>();
        if (status != MatterStatus.IN_PROGRESS) {
            return effects;
        }
        List<Effect> ended = endIfPromiseBroken(now, calendar);
        if (!ended.isEmpty()) {
            return ended; // too late: the case ended at the promise's deadline, whatever arrives now
        }
        Map<String, Object> supplied = fields == null ? Map.of() : fields;
        Map<String, Object> suppliedMaterials = newMaterials == null ? Map.of() : newMaterials;
        mergeInto(form, supplied);
        materials.putAll(suppliedMaterials);
        requireAllTasks();
        List<TaskState> resumed = tasks.values().stream().filter(t -> t.status() == TaskStatus.AWAITING_SUPPLEMENT).toList();
        List<TaskDefinition> unblocked = definition.tasks().stream()
                .filter(d -> tasks.get(d.key()).status() == TaskStatus.AWAITING_MATERIAL && missingMaterials(d).isEmpty())
                .toList();
        List<String> resumedKeys = new ArrayList<>();
        resumed.forEach(t -> resumedKeys.add(t.taskKey()));
        unblocked.forEach(d -> resumedKeys.add(d.key()));
        List<String> paths = new ArrayList<>();
        leafPaths("", supplied, paths);
        effects.add(workflow(seq -> new SupplementReceived(matterId, seq, List.copyOf(paths),
                List.copyOf(suppliedMaterials.keySet()), List.copyOf(resumedKeys), now)));
        for (TaskState task : resumed) {
            task.resumed(now);
            Map<String, Object> inputs = inputsOf(definition.task(task.taskKey()).orElseThrow());
            effects.add(new Effect.ToDepartment(task.department(),
                    new DepartmentTaskSupplemented(task.taskId(), matterId, task.department(), inputs, now)));
        }
        unblocked.forEach(d -> tasks.get(d.key()).materialArrived());
        advance(new ArrayDeque<>(unblocked), now, calendar, effects);
        return effects;
    }

    /** The gateway could not deliver the task: the matter stays open and shows it (operators act on it). */
    public List<Effect> deliveryFailed(String taskKey, String reason, Instant now) {
        List<Effect> effects = new ArrayList<>();
        TaskState task = known(taskKey);
        if (status != MatterStatus.IN_PROGRESS || task.status() != TaskStatus.DISPATCHED) {
            return effects;
        }
        task.deliveryFailed(reason);
        effects.add(workflow(seq -> new TaskDeliveryFailed(matterId, seq, task.taskId(), taskKey, task.department(),
                reason, now)));
        return effects;
    }

    /**
     * The department took the task but did not answer through every re-delivery: the applicant is shown whom
     * they wait for. The task stays with the department, so a late answer still completes it; a report for a
     * task that has moved on (answered meanwhile, or the matter ended) changes nothing.
     */
    public List<Effect> taskStalled(String taskKey, int deliveries, Instant waitingSince, Instant stalledAt) {
        List<Effect> effects = new ArrayList<>();
        TaskState task = known(taskKey);
        if (status != MatterStatus.IN_PROGRESS || task.status() != TaskStatus.DISPATCHED) {
            return effects;
        }
        Instant since = waitingSince != null ? waitingSince : task.dispatchedAt();
        effects.add(workflow(seq -> new TaskStalled(matterId, seq, task.taskId(), taskKey, task.department(),
                deliveries, since, stalledAt)));
        return effects;
    }

    /**
     * 超时督办: each task with its department past its due date raises each escalation level it has reached
     * and not raised yet, once. A task waiting for the applicant is not overdue (its clock is paused).
     */
    public List<Effect> raiseOverdue(Instant now, WorkingCalendar calendar, List<EscalationLevel> levels) {
        List<Effect> effects = new ArrayList<>();
        if (status != MatterStatus.IN_PROGRESS) {
            return effects;
        }
        requireAllTasks();
        for (TaskState task : tasks.values()) {
            if (task.status() != TaskStatus.DISPATCHED || task.dueAt() == null) {
                continue;
            }
            for (int level = task.overdueLevel(); level < levels.size(); level++) {
                EscalationLevel reached = levels.get(level);
                if (now.isBefore(calendar.addWorkingDays(task.dueAt(), reached.workingDaysAfterDue()))) {
                    break;
                }
                task.overdue(level + 1);
                effects.add(workflow(seq -> new TaskOverdue(matterId, seq, task.taskId(), task.taskKey(),
                        task.department(), task.dueAt(), reached.name(), now)));
            }
        }
        return effects;
    }

    /** When the next escalation level of this task is reached, or null if none is pending. */
    public Instant nextEscalationAt(TaskState task, WorkingCalendar calendar, List<EscalationLevel> levels) {
        if (status != MatterStatus.IN_PROGRESS || task.status() != TaskStatus.DISPATCHED || task.dueAt() == null
                || task.overdueLevel() >= levels.size()) {
            return null;
        }
        return calendar.addWorkingDays(task.dueAt(), levels.get(task.overdueLevel()).workingDaysAfterDue());
    }

    /**
     * 容缺受理: a material accepted on the applicant's promise is not in by the promise's deadline, so the case ends —
     * rejected like a department's refusal, every unfinished task cancelled (on its department's topic too). The
     * deciding task is the first that needs the material (else the lead department's first task).
     */
    public List<Effect> endIfPromiseBroken(Instant now, WorkingCalendar calendar) {
        List<Effect> effects = new ArrayList<>();
        if (status != MatterStatus.IN_PROGRESS) {
            return effects;
        }
        Map.Entry<String, Instant> broken = promisedMaterials.entrySet().stream()
                .filter(p -> !materials.containsKey(p.getKey()) && !now.isBefore(p.getValue()))
                .min(Map.Entry.comparingByValue()).orElse(null);
        if (broken == null) {
            return effects;
        }
        String material = broken.getKey();
        TaskDefinition deciding = definition.tasks().stream().filter(t -> t.materialInputs().contains(material))
                .findFirst()
                .orElseGet(() -> definition.tasks().stream().filter(t -> t.department().equals(definition.leadDepartment()))
                        .findFirst().orElse(definition.tasks().get(0)));
        String reason = "promised material " + material + " not supplied by "
                + broken.getValue().atZone(calendar.zone()).toLocalDate() + " (容缺受理)";
        reject(deciding.key(), deciding.department(), reason, "matter rejected: " + reason, now, effects);
        return effects;
    }

    /** When the earliest promise of a material not handed in yet falls due, or null if none is pending. */
    public Instant nextPromiseDue() {
        if (status != MatterStatus.IN_PROGRESS) {
            return null;
        }
        return promisedMaterials.entrySet().stream().filter(p -> !materials.containsKey(p.getKey()))
                .map(Map.Entry::getValue).min(Instant::compareTo).orElse(null);
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

    private TaskState known(String taskKey) {
        TaskState task = tasks.get(taskKey);
        if (task == null) {
            throw new IllegalResultException("matter " + matterId + " has no task '" + taskKey + "'");
        }
        return task;
    }

    /** A result is applied only to a task that is out with its department, on a matter still running. */
    private boolean isOpen(TaskState task) {
        return status == MatterStatus.IN_PROGRESS && task.status().isOut();
    }

    private static Map<String, Object> declaredPresent(TaskDefinition def, Map<String, Object> outputs) {
        Map<String, Object> declared = new LinkedHashMap<>();
        if (outputs != null) {
            def.outputs().stream().filter(outputs::containsKey).forEach(o -> declared.put(o, outputs.get(o)));
        }
        return declared;
    }

    /**
     * 告知承诺制: the after-the-fact check found the commitment false. While the matter runs, it is rejected
     * (later tasks built on the approval cannot stand); a completed matter stays completed with its other
     * results, and the revocation is on its record (the event) for the applicant and the departments.
     */
    private void revokeCommitment(TaskState task, String reason, Instant now, List<Effect> effects) {
        task.finished(TaskStatus.REVOKED, reason, now);
        effects.add(workflow(seq -> new CommitmentRevoked(matterId, seq, task.taskId(), task.taskKey(),
                task.department(), reason, now)));
        if (status == MatterStatus.IN_PROGRESS) {
            reject(task.taskKey(), task.department(), "commitment revoked: " + reason, now, effects);
        }
    }

    private void reject(String taskKey, String department, String reason, Instant now, List<Effect> effects) {
        reject(taskKey, department, reason, "matter rejected: " + department + " refused " + taskKey, now, effects);
    }

    private void reject(String taskKey, String department, String reason, String cancelReason, Instant now,
                        List<Effect> effects) {
        cancelUnfinishedTasks(cancelReason, now, effects);
        status = MatterStatus.REJECTED;
        finishedAt = now;
        effects.add(workflow(seq -> new MatterRejected(matterId, seq, taskKey, department, reason, now)));
    }

    /** Every member of a joint review has answered (or was skipped, or approved on commitment). */
    private boolean groupAnswered(String group) {
        return graph.jointGroup(group).stream().map(d -> tasks.get(d.key()).status())
                .allMatch(s -> s.satisfiesDependents() || s == TaskStatus.REJECTED);
    }

    /** 联合审查: one combined reply; returns true if it is an objection (which rejects the matter). */
    private boolean issueJointOpinion(String group, Instant now, List<Effect> effects) {
        List<JointOpinionIssued.Opinion> opinions = graph.jointGroup(group).stream().map(d -> tasks.get(d.key()))
                .filter(t -> t.status() != TaskStatus.SKIPPED)
                .map(t -> new JointOpinionIssued.Opinion(t.taskKey(), t.department(), t.status() == TaskStatus.REJECTED,
                        t.status() == TaskStatus.REJECTED ? t.reason() : null))
                .toList();
        if (opinions.isEmpty()) {
            return false; // every member was skipped: nothing to reply
        }
        boolean objection = opinions.stream().anyMatch(JointOpinionIssued.Opinion::objection);
        effects.add(workflow(seq -> new JointOpinionIssued(matterId, seq, group, objection, opinions, now)));
        if (objection) {
            List<JointOpinionIssued.Opinion> objections = opinions.stream().filter(JointOpinionIssued.Opinion::objection).toList();
            String reasons = objections.stream().map(o -> o.department() + ": " + o.reason())
                    .collect(Collectors.joining("; "));
            reject(objections.get(0).taskKey(), objections.get(0).department(), "joint review " + group + ": " + reasons,
                    now, effects);
        }
        return objection;
    }

    /** Starts each candidate no dependency holds back any more; a skipped task may unblock further tasks. */
    private void advance(Deque<TaskDefinition> queue, Instant now, WorkingCalendar calendar, List<Effect> effects) {
        while (!queue.isEmpty()) {
            TaskDefinition def = queue.poll();
            TaskState task = tasks.get(def.key());
            if (task.status() != TaskStatus.WAITING || task.pendingDependencies() > 0) {
                continue;
            }
            if (def.when().map(c -> !holds(c)).orElse(false)) {
                task.finished(TaskStatus.SKIPPED, Map.of(), now);
                openTasks--;
                effects.add(workflow(seq -> new TaskSkipped(matterId, seq, task.taskId(), def.key(), def.department(),
                        def.condition().text(), now)));
                if (!release(def, queue, now, effects)) {
                    return;
                }
                continue;
            }
            List<String> missing = missingMaterials(def);
            if (!missing.isEmpty()) {
                task.awaitingMaterial(now);
                Instant promisedBy = missing.stream().map(promisedMaterials::get).filter(java.util.Objects::nonNull)
                        .min(Instant::compareTo).orElse(null);
                effects.add(workflow(seq -> new TaskAwaitingMaterial(matterId, seq, task.taskId(), def.key(),
                        def.department(), missing, now, promisedBy)));
                continue;
            }
            dispatch(def, task, now, calendar, effects);
            if (def.byCommitment()) {
                task.committed(Map.of());
                openTasks--;
                effects.add(workflow(seq -> new TaskCompleted(matterId, seq, task.taskId(), def.key(), def.department(),
                        Map.of(), now, true)));
                if (!release(def, queue, now, effects)) {
                    return;
                }
            }
        }
        if (openTasks == 0 && status == MatterStatus.IN_PROGRESS) {
            requireAllTasks();
            status = MatterStatus.COMPLETED;
            finishedAt = now;
            List<MatterCompleted.DepartmentResult> results = tasks.values().stream()
                    .filter(t -> t.status() == TaskStatus.COMPLETED || t.status() == TaskStatus.COMMITTED)
                    .map(t -> new MatterCompleted.DepartmentResult(t.taskKey(), t.department(), t.outputs()))
                    .toList();
            effects.add(workflow(seq -> new MatterCompleted(matterId, seq, results, now)));
        }
    }

    /**
     * A task is done for its dependents: each of them has one dependency less to wait for. In a joint review
     * the dependents wait for the combined opinion instead, released by the last answer; returns false if
     * that opinion was an objection (the matter is rejected).
     */
    private boolean release(TaskDefinition def, Deque<TaskDefinition> queue, Instant now, List<Effect> effects) {
        if (def.jointReviewGroup().isEmpty()) {
            releaseDependents(def, queue);
            return true;
        }
        if (!groupAnswered(def.jointReview())) {
            return true;
        }
        if (issueJointOpinion(def.jointReview(), now, effects)) {
            return false;
        }
        graph.jointGroup(def.jointReview()).forEach(member -> releaseDependents(member, queue));
        return true;
    }

    private void releaseDependents(TaskDefinition def, Deque<TaskDefinition> queue) {
        for (TaskDefinition dependent : graph.dependentsOf(def.key())) {
            tasks.get(dependent.key()).dependencyReleased();
            queue.add(dependent);
        }
    }

    /** Decisions that look at every task run only on a fully loaded matter; a partial load there is a bug. */
    private void requireAllTasks() {
        if (!allTasksLoaded) {
            throw new IllegalStateException("matter " + matterId + " was loaded partially for a decision that needs all tasks");
        }
    }

    private void dispatch(TaskDefinition def, TaskState task, Instant now, WorkingCalendar calendar, List<Effect> effects) {
        Map<String, Object> inputs = inputsOf(def);
        Instant due = calendar.addWorkingDays(now, def.deadlineWorkingDays());
        task.dispatched(now, due);
        effects.add(new Effect.ToDepartment(def.department(), new DepartmentTaskAssigned(task.taskId(), matterId,
                definition.id(), def.key(), def.department(), def.title().zh(), def.title().en(), inputs,
                def.outputs(), now, due)));
        effects.add(workflow(seq -> new TaskDispatched(matterId, seq, task.taskId(), def.key(), def.department(),
                List.copyOf(inputs.keySet()), now, due)));
    }

    private Map<String, Object> inputsOf(TaskDefinition def) {
        return InputResolver.resolve(def, form, materials, outputsByTask());
    }

    /** 容缺受理: the may-follow-later materials this task needs that the applicant has not handed in yet. */
    private List<String> missingMaterials(TaskDefinition def) {
        return def.materialInputs().stream()
                .filter(m -> definition.material(m).map(s -> s.requirement() == MaterialRequirement.MAY_FOLLOW_LATER)
                        .orElse(false))
                .filter(m -> !materials.containsKey(m))
                .toList();
    }

    private void cancelUnfinishedTasks(String reason, Instant now, List<Effect> effects) {
        requireAllTasks();
        for (TaskState task : tasks.values()) {
            if (task.status().isFinal()) {
                continue;
            }
            boolean wasOut = task.status().reachedDepartment();
            task.finished(TaskStatus.CANCELLED, Map.of(), now);
            if (wasOut) {
                effects.add(new Effect.ToDepartment(task.department(),
                        new DepartmentTaskCancelled(task.taskId(), matterId, task.department(), reason, now)));
            }
            effects.add(workflow(seq -> new TaskCancelled(matterId, seq, task.taskId(), task.taskKey(),
                    task.department(), reason, now)));
        }
    }

    private boolean holds(Condition condition) {
        return condition.holdsFor(InputResolver.valueOf(condition.source(), form, materials, outputsByTask()));
    }

    /** A live view (no copy per dispatch: fanning out to n tasks stays linear). */
    private Map<String, Map<String, Object>> outputsByTask() {
        return new java.util.AbstractMap<>() {
            @Override
            public Map<String, Object> get(Object taskKey) {
                TaskState task = tasks.get(taskKey);
                return task == null ? null : task.outputs();
            }

            @Override
            public java.util.Set<Entry<String, Map<String, Object>>> entrySet() {
                java.util.Set<Entry<String, Map<String, Object>>> entries = new java.util.LinkedHashSet<>();
                tasks.values().forEach(t -> entries.add(Map.entry(t.taskKey(), t.outputs())));
                return entries;
            }
        };
    }

    /** Supplied fields replace the values at their paths; sibling fields of a nested object stay. */
    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, Map<String, Object> supplied) {
        supplied.forEach((key, value) -> {
            Object existing = target.get(key);
            if (value instanceof Map<?, ?> nested && existing instanceof Map<?, ?> old) {
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) old);
                mergeInto(copy, (Map<String, Object>) nested);
                target.put(key, copy);
            } else {
                target.put(key, value);
            }
        });
    }

    private static void leafPaths(String prefix, Map<String, Object> fields, List<String> paths) {
        fields.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> nested && !nested.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> map = (Map<String, Object>) nested;
                leafPaths(path, map, paths);
            } else {
                paths.add(path);
            }
        });
    }

    private Effect.Workflow workflow(LongFunction<WorkflowEvent> event) {
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

    /** 容缺受理: each material promised for later, with the deadline of the promise. */
    public Map<String, Instant> promisedMaterials() {
        return promisedMaterials;
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

    /** Tasks not yet done for their dependents (neither completed, approved on commitment, nor skipped). */
    public int openTasks() {
        return openTasks;
    }

    public Collection<TaskState> tasks() {
        return tasks.values();
    }

    public TaskState task(String taskKey) {
        return tasks.get(taskKey);
    }
}
