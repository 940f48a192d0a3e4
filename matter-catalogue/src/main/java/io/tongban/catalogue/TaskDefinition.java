package io.tongban.catalogue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One department's part of a matter. {@code inputs} maps the name the department sees to where the
 * value comes from; a department receives nothing else (data minimisation).
 */
public record TaskDefinition(
        String key,
        String department,
        LocalizedText title,
        Map<String, InputSource> inputs,
        List<String> outputs,
        List<String> dependsOn,
        Condition condition,
        int deadlineWorkingDays) {

    public TaskDefinition {
        inputs = Map.copyOf(inputs);
        outputs = List.copyOf(outputs);
        dependsOn = List.copyOf(dependsOn);
    }

    public Optional<Condition> when() {
        return Optional.ofNullable(condition);
    }
}
