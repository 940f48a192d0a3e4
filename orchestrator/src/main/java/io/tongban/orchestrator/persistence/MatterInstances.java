package io.tongban.orchestrator.persistence;

import io.smallrye.mutiny.Uni;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.contracts.EventJson;
import io.tongban.orchestrator.domain.MatterInstance;
import io.tongban.orchestrator.domain.MatterStatus;
import io.tongban.orchestrator.domain.TaskState;
import io.tongban.orchestrator.domain.TaskStatus;
import io.tongban.orchestrator.domain.EscalationLevel;
import io.tongban.catalogue.WorkingCalendar;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import io.tongban.orchestrator.domain.TaskGraph;

/**
 * Loads a matter with its tasks (row-locked, so events of one matter arriving on different topics or at
 * different instances are applied one after the other) and writes the domain state back.
 * Must run inside a transaction.
 */
@ApplicationScoped
public class MatterInstances {
    private final LongAdder taskRowsLoaded = new LongAdder();

    @Inject
    MatterCatalogue catalogue;

    @Inject
    WorkingCalendar calendar;

    @Inject
    List<EscalationLevel> escalationLevels;

    /** A loaded matter: the domain object and the managed rows it was built from. */
    public record Loaded(MatterInstance matter, MatterInstanceEntity row, Map<String, TaskInstanceEntity> taskRows) {
    }

    public Uni<Boolean> exists(UUID matterId) {
        return MatterInstanceEntity.count("id", matterId).map(n -> n > 0);
    }

    /** The matter with all its tasks, locked. */
    public Uni<Loaded> lockAndLoad(UUID matterId) {
        return MatterInstanceEntity.<MatterInstanceEntity>findById(matterId, LockModeType.PESSIMISTIC_WRITE)
                .chain(row -> row == null ? Uni.createFrom().nullItem() : loadAll(row));
    }

    /**
     * The matter, locked, with only the tasks a completion of {@code taskKey} can touch — unless the matter
     * may complete with it (then all tasks, for the applicant's results). Keeps a result's cost independent
     * of the number of tasks in the matter.
     */
    public Uni<Loaded> lockAndLoadForCompletionOf(UUID matterId, String taskKey) {
        return MatterInstanceEntity.<MatterInstanceEntity>findById(matterId, LockModeType.PESSIMISTIC_WRITE)
                .chain(row -> {
                    if (row == null) {
                        return Uni.createFrom().nullItem();
                    }
                    MatterDefinition definition = definitionOf(row);
                    Set<String> touched = TaskGraph.of(definition).tasksToLoadForCompletionOf(taskKey, row.openTasks)
                            .orElse(null);
                    if (touched == null) {
                        return loadAll(row);
                    }
                    List<String> ids = touched.stream().map(k -> TaskState.taskIdOf(row.id.toString(), k)).toList();
                    return TaskInstanceEntity.<TaskInstanceEntity>list("taskId in ?1", ids).chain(tasks ->
                            tasks.stream().anyMatch(t -> t.pendingDependencies == null)
                                    ? loadAll(row)
                                    : Uni.createFrom().item(toDomain(row, definition, tasks)));
                });
    }

    private Uni<Loaded> loadAll(MatterInstanceEntity row) {
        return TaskInstanceEntity.<TaskInstanceEntity>list("matterId", row.id)
                .map(tasks -> toDomain(row, definitionOf(row), tasks));
    }

    /** Task rows loaded so far by this instance: what applying results costs (fan-out test, ops). */
    public long taskRowsLoaded() {
        return taskRowsLoaded.sum();
    }

    public Uni<Void> insert(MatterInstance matter, Instant acceptedAt, int partition) {
        MatterInstanceEntity row = new MatterInstanceEntity();
        row.id = UUID.fromString(matter.matterId());
        row.matterType = matter.definition().id();
        row.definitionVersion = matter.definition().version();
        row.applicantId = matter.applicantId();
        row.form = EventJson.write(matter.form());
        row.materials = EventJson.write(matter.materials());
        row.submittedAt = matter.submittedAt();
        row.acceptedAt = acceptedAt;
        row.partition = partition;
        Map<String, TaskInstanceEntity> taskRows = new LinkedHashMap<>();
        for (TaskState task : matter.tasks()) {
            TaskInstanceEntity t = new TaskInstanceEntity();
            t.taskId = task.taskId();
            t.matterId = row.id;
            t.taskKey = task.taskKey();
            t.department = task.department();
            taskRows.put(task.taskKey(), t);
        }
        Loaded loaded = new Loaded(matter, row, taskRows);
        writeBack(loaded);
        return row.persist().chain(() -> TaskInstanceEntity.persist(taskRows.values().stream()));
    }

    /** Copies the domain state into the managed rows; Hibernate flushes what changed at commit. */
    public void writeBack(Loaded loaded) {
        MatterInstance m = loaded.matter();
        loaded.row().state = m.status().name();
        loaded.row().sequence = m.sequence();
        loaded.row().openTasks = m.openTasks();
        loaded.row().finishedAt = m.finishedAt();
        loaded.row().form = EventJson.write(m.form());
        loaded.row().materials = EventJson.write(m.materials());
        loaded.row().promisedMaterials = m.promisedMaterials().isEmpty() ? null
                : EventJson.write(m.promisedMaterials());
        loaded.row().promiseDueAt = m.nextPromiseDue();
        for (TaskState task : m.tasks()) {
            TaskInstanceEntity t = loaded.taskRows().get(task.taskKey());
            t.state = task.status().name();
            t.outputs = EventJson.write(task.outputs());
            t.dispatchedAt = task.dispatchedAt();
            t.finishedAt = task.finishedAt();
            t.dueAt = task.dueAt();
            t.reason = task.reason();
            t.pendingDependencies = task.pendingDependencies();
            t.overdueLevel = task.overdueLevel();
            t.pausedAt = task.pausedAt();
            t.nextEscalationAt = m.nextEscalationAt(task, calendar, escalationLevels);
        }
    }

    /**
     * Matters with a task whose next escalation level is reached, among the given tongban.matters partitions
     * (those this instance owns).
     */
    public Uni<List<UUID>> withEscalationDue(java.util.Set<Integer> partitions, Instant now, int limit) {
        if (partitions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(session -> session.createQuery(
                        "select distinct t.matterId from TaskInstanceEntity t, MatterInstanceEntity m"
                                + " where m.id = t.matterId and t.nextEscalationAt <= :now and m.partition in (:partitions)",
                        UUID.class)
                .setParameter("now", now).setParameter("partitions", partitions).setMaxResults(limit).getResultList());
    }

    /**
     * Matters with a promised material (容缺受理) whose deadline has passed, among the given tongban.matters
     * partitions (those this instance owns).
     */
    public Uni<List<UUID>> withPromiseDue(Set<Integer> partitions, Instant now, int limit) {
        if (partitions.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(session -> session.createQuery(
                        "select m.id from MatterInstanceEntity m where m.promiseDueAt <= :now and m.partition in (:partitions)",
                        UUID.class)
                .setParameter("now", now).setParameter("partitions", partitions).setMaxResults(limit).getResultList());
    }

    private MatterDefinition definitionOf(MatterInstanceEntity row) {
        return catalogue.find(row.matterType, row.definitionVersion).orElseThrow(() ->
                new IllegalStateException("matter " + row.id + " runs on " + row.matterType + " v"
                        + row.definitionVersion + ", which is not in the catalogue"));
    }

    private Loaded toDomain(MatterInstanceEntity row, MatterDefinition definition, List<TaskInstanceEntity> taskRows) {
        taskRowsLoaded.add(taskRows.size());
        Map<String, TaskInstanceEntity> byKey = new LinkedHashMap<>();
        taskRows.forEach(t -> byKey.put(t.taskKey, t));
        List<TaskState> states = definition.tasks().stream().filter(d -> byKey.containsKey(d.key()))
                .map(d -> {
                    TaskInstanceEntity t = byKey.get(d.key());
                    int pending = t.pendingDependencies != null ? t.pendingDependencies
                            : (int) d.dependsOn().stream().filter(dep -> !TaskStatus.valueOf(byKey.get(dep).state)
                                    .satisfiesDependents()).count();
                    return new TaskState(t.taskKey, t.taskId, t.department, TaskStatus.valueOf(t.state),
                            EventJson.readMap(t.outputs), t.dispatchedAt, t.finishedAt, t.dueAt, t.reason,
                            t.overdueLevel, t.pausedAt, pending);
                })
                .toList();
        MatterInstance matter = new MatterInstance(row.id.toString(), definition, row.applicantId,
                EventJson.readMap(row.form), EventJson.readMap(row.materials), promises(row.promisedMaterials),
                row.submittedAt, MatterStatus.valueOf(row.state), row.sequence, row.finishedAt, row.openTasks, states);
        return new Loaded(matter, row, byKey);
    }

    /** Null (matters accepted before promises had deadlines) reads as no promise. */
    private static Map<String, Instant> promises(String json) {
        Map<String, Instant> promised = new LinkedHashMap<>();
        if (json != null) {
            EventJson.readMap(json).forEach((material, due) -> promised.put(material, Instant.parse(due.toString())));
        }
        return promised;
    }
}
