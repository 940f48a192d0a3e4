package io.tongban.catalogue;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a task's inputs from the form, the materials and earlier tasks' outputs — only what the task declares. */
public final class InputResolver {
    private InputResolver() {
    }

    /**
     * @param form          the applicant's form as plain maps and lists
     * @param materials     material name → reference (claim check) for what the applicant gave
     * @param outputsByTask task key → that task's outputs
     */
    public static Map<String, Object> resolve(TaskDefinition task, Map<String, Object> form,
                                              Map<String, Object> materials,
                                              Map<String, Map<String, Object>> outputsByTask) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        task.inputs().forEach((name, source) -> {
            Object value = valueOf(source, form, materials, outputsByTask);
            if (value != null) {
                inputs.put(name, value);
            }
        });
        return inputs;
    }

    public static Object valueOf(InputSource source, Map<String, Object> form, Map<String, Object> materials,
                                 Map<String, Map<String, Object>> outputsByTask) {
        return switch (source.kind()) {
            case FORM -> walk(form, source);
            case MATERIAL -> materials.get(source.path().get(0));
            case TASK_OUTPUT -> {
                Map<String, Object> outputs = outputsByTask.get(source.taskKey());
                yield outputs == null ? null : outputs.get(source.outputName());
            }
        };
    }

    private static Object walk(Map<String, Object> form, InputSource source) {
        Object node = form;
        for (String part : source.path()) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }
}
