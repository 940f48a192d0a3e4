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
        List<Suggestion> suggests,
        String source) {

    public MatterDefinition {
        materials = List.copyOf(materials);
        tasks = List.copyOf(tasks);
        suggests = suggests == null ? List.of() : List.copyOf(suggests);
    }

    /** A definition that suggests no follow-up matter (the shape before proactive service existed). */
    public MatterDefinition(String id, int version, LocalizedText title, String leadDepartment,
                            int legalTimeLimitWorkingDays, JsonNode formSchema, List<MaterialSpec> materials,
                            List<TaskDefinition> tasks, String source) {
        this(id, version, title, leadDepartment, legalTimeLimitWorkingDays, formSchema, materials, tasks, List.of(),
                source);
    }

    public Optional<TaskDefinition> task(String key) {
        return tasks.stream().filter(t -> t.key().equals(key)).findFirst();
    }

    public Optional<MaterialSpec> material(String name) {
        return materials.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The tasks of one joint review (联合审查) group, in dependency order. */
    public List<TaskDefinition> jointReview(String group) {
        return tasks.stream().filter(t -> group.equals(t.jointReview())).toList();
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
