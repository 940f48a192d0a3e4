package io.tongban.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A matter type at one version: the applicant's form (JSON Schema), the materials, and the DAG of
 * department tasks. A submitted matter pins the version it started on.
 */
public record MatterDefinition(
        String id,
        int version,
        LocalizedText title,
        String leadDepartment,
        int legalTimeLimitWorkingDays,
        JsonNode formSchema,
        List<MaterialSpec> materials,
        List<TaskDefinition> tasks,
        String source) {

    public MatterDefinition {
        materials = List.copyOf(materials);
        tasks = List.copyOf(tasks);
    }

    public Optional<TaskDefinition> task(String key) {
        return tasks.stream().filter(t -> t.key().equals(key)).findFirst();
    }

    public Optional<MaterialSpec> material(String name) {
        return materials.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public List<String> departments() {
        return tasks.stream().map(TaskDefinition::department).distinct().toList();
    }

    /** The expected number of working days along the longest chain of dependent tasks. */
    public int expectedWorkingDays() {
        java.util.Map<String, Integer> finish = new java.util.HashMap<>();
        for (TaskDefinition task : tasks) { // tasks are stored in dependency order by the loader
            int start = task.dependsOn().stream().mapToInt(finish::get).max().orElse(0);
            finish.put(task.key(), start + task.deadlineWorkingDays());
        }
        return finish.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }
}
