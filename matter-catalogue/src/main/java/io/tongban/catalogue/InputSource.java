package io.tongban.catalogue;

import java.util.Arrays;
import java.util.List;

/**
 * Where a task input comes from: {@code form.<path>}, {@code tasks.<taskKey>.<output>} or
 * {@code materials.<name>}. Parsed once when the catalogue loads.
 */
public record InputSource(Kind kind, List<String> path) {

    public enum Kind { FORM, TASK_OUTPUT, MATERIAL }

    public static InputSource parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("empty input source");
        }
        List<String> parts = Arrays.asList(expression.trim().split("\\."));
        if (parts.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("malformed input source '" + expression + "'");
        }
        String head = parts.get(0);
        List<String> rest = parts.subList(1, parts.size());
        return switch (head) {
            case "form" -> requireLength(expression, Kind.FORM, rest, 1);
            case "tasks" -> requireExactly(expression, Kind.TASK_OUTPUT, rest, 2);
            case "materials" -> requireExactly(expression, Kind.MATERIAL, rest, 1);
            default -> throw new IllegalArgumentException(
                    "input source '" + expression + "' must start with form., tasks. or materials.");
        };
    }

    /** For a task output: the task it comes from. */
    public String taskKey() {
        return path.get(0);
    }

    /** For a task output: the output's name. */
    public String outputName() {
        return path.get(1);
    }

    private static InputSource requireLength(String expression, Kind kind, List<String> rest, int min) {
        if (rest.size() < min) {
            throw new IllegalArgumentException("input source '" + expression + "' names no field");
        }
        return new InputSource(kind, List.copyOf(rest));
    }

    private static InputSource requireExactly(String expression, Kind kind, List<String> rest, int size) {
        if (rest.size() != size) {
            throw new IllegalArgumentException("input source '" + expression + "' must have " + (size + 1) + " parts");
        }
        return new InputSource(kind, List.copyOf(rest));
    }
}
