package io.tongban.contracts;

import java.util.regex.Pattern;

/** Topic names shared by every service (ARCHITECTURE §2). The record key is always the matter id. */
public final class Topics {
    public static final String MATTERS = "tongban.matters";
    public static final String WORKFLOW = "tongban.workflow";
    /** Regex for every department's task topic, for consumers that serve all departments. */
    public static final String ALL_TASKS_PATTERN = "tongban\\.dept\\..+\\.tasks";
    /** Regex for every department's result topic. */
    public static final String ALL_RESULTS_PATTERN = "tongban\\.dept\\..+\\.results";

    private static final Pattern DEPARTMENT_ID = Pattern.compile("[a-z][a-z0-9-]{1,40}");

    private Topics() {
    }

    public static String tasksOf(String department) {
        return "tongban.dept." + checkedDepartment(department) + ".tasks";
    }

    public static String resultsOf(String department) {
        return "tongban.dept." + checkedDepartment(department) + ".results";
    }

    /** Where the orchestrator tells a department which of its answers it refused, and why. */
    public static String refusedOf(String department) {
        return "tongban.dept." + checkedDepartment(department) + ".refused";
    }

    public static String deadLetterOf(String topic, String consumer) {
        return topic + ".dlq." + consumer;
    }

    public static boolean isValidDepartmentId(String department) {
        return department != null && DEPARTMENT_ID.matcher(department).matches();
    }

    private static String checkedDepartment(String department) {
        if (!isValidDepartmentId(department)) {
            throw new IllegalArgumentException("not a department id: " + department);
        }
        return department;
    }
}
