package io.tongban.orchestrator.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.contracts.EventJson;
import io.tongban.orchestrator.domain.MatterInstance;
import io.tongban.orchestrator.domain.MatterStatus;
import io.tongban.orchestrator.domain.TaskState;
import io.tongban.orchestrator.domain.TaskStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Loads a matter with its tasks (row-locked, so events of one matter arriving on different topics or at
 * different instances are applied one after the other) and writes the domain state back.
 * Must run inside a transaction.
 */
@ApplicationScoped
public class MatterInstances {
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    @Inject
    MatterCatalogue catalogue;

    /** A loaded matter: the domain object and the managed rows it was built from. */
    public record Loaded(MatterInstance matter, MatterInstanceEntity row, Map<String, TaskInstanceEntity> taskRows) {
    }

    public Uni<Boolean> exists(UUID matterId) {
        return MatterInstanceEntity.count("id", matterId).map(n -> n > 0);
    }

    public Uni<Loaded> lockAndLoad(UUID matterId) {
        return MatterInstanceEntity.<MatterInstanceEntity>findById(matterId, LockModeType.PESSIMISTIC_WRITE)
                .chain(row -> row == null
                        ? Uni.createFrom().nullItem()
                        : TaskInstanceEntity.<TaskInstanceEntity>list("matterId", matterId).map(tasks -> toDomain(row, tasks)));
    }

    public Uni<Void> insert(MatterInstance matter, Instant acceptedAt) {
        MatterInstanceEntity row = new MatterInstanceEntity();
        row.id = UUID.fromString(matter.matterId());
        row.matterType = matter.definition().id();
        row.definitionVersion = matter.definition().version();
        row.applicantId = matter.applicantId();
        row.form = json(matter.form());
        row.materials = json(matter.materials());
        row.submittedAt = matter.submittedAt();
        row.acceptedAt = acceptedAt;
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
        loaded.row().finishedAt = m.finishedAt();
        for (TaskState task : m.tasks()) {
            TaskInstanceEntity t = loaded.taskRows().get(task.taskKey());
            t.state = task.status().name();
            t.outputs = json(task.outputs());
            t.dispatchedAt = task.dispatchedAt();
            t.finishedAt = task.finishedAt();
            t.dueAt = task.dueAt();
        }
    }

    private Loaded toDomain(MatterInstanceEntity row, List<TaskInstanceEntity> taskRows) {
        MatterDefinition definition = catalogue.find(row.matterType, row.definitionVersion).orElseThrow(() ->
                new IllegalStateException("matter " + row.id + " runs on " + row.matterType + " v"
                        + row.definitionVersion + ", which is not in the catalogue"));
        Map<String, TaskInstanceEntity> byKey = new LinkedHashMap<>();
        taskRows.forEach(t -> byKey.put(t.taskKey, t));
        List<TaskState> states = definition.tasks().stream().map(d -> byKey.get(d.key()))
                .map(t -> new TaskState(t.taskKey, t.taskId, t.department, TaskStatus.valueOf(t.state), map(t.outputs),
                        t.dispatchedAt, t.finishedAt, t.dueAt))
                .toList();
        MatterInstance matter = new MatterInstance(row.id.toString(), definition, row.applicantId, map(row.form),
                map(row.materials), row.submittedAt, MatterStatus.valueOf(row.state), row.sequence, row.finishedAt, states);
        return new Loaded(matter, row, byKey);
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return EventJson.mapper().readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
