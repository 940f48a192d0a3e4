package io.tongban.gateway.config;

/** How a department takes its tasks ({@code tongban.gateway.departments."<dept>".mode}). */
public final class DepartmentMode {
    /** The gateway posts each task to the department's REST endpoint. */
    public static final String HTTP = "http";
    /** No system: the department's clerks work the tasks from the gateway's work queue. */
    public static final String CLERK = "clerk";
    /** The department consumes its task topic itself; the gateway leaves its tasks alone. */
    public static final String KAFKA = "kafka";

    private DepartmentMode() {
    }
}
