package io.tongban.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "tongban.gateway")
public interface GatewayConfig {
    /** Endpoint for departments without their own entry; {@code {department}} is replaced by the department id. */
    String defaultEndpoint();

    /**
     * Per-department settings, keyed by department id: every registered department (matter-catalogue
     * {@code departments.yaml}, see {@link RegisteredDepartments}), with configuration and environment on top.
     */
    Map<String, Department> departments();

    /**
     * A folder of extra matter definitions (the {@code catalogue-dir} of intake and the orchestrator): its
     * {@code departments.yaml} registers departments beyond the built-in ones. Read by
     * {@link RegisteredDepartmentsFactory} before this mapping exists; declared here so it may be set.
     */
    Optional<Path> catalogueDir();

    Delivery delivery();

    CircuitBreaker circuitBreaker();

    Callback callback();

    interface Department {
        /** {@code http} (deliver to {@link #endpoint()}), {@code clerk} (work queue) or {@code kafka} (reads its topic itself). */
        @WithDefault("http")
        String mode();

        /** The department system's task endpoint (HTTP POST). */
        Optional<String> endpoint();

        /**
         * Our field (dotted path, e.g. {@code inputs.childName}) → the department's field (dotted path).
         * Fields not listed are not sent; with no mapping at all our JSON is sent as it is.
         */
        Map<String, String> fieldMapping();

        // From the department registry (RegisteredDepartments), overridable like every setting here.

        /** Deliveries in flight to this department at once (registry {@code inFlightLimit}). */
        Optional<Integer> inFlightLimit();

        /** Overrides {@link Reconciliation#answerTimeout()} for this department (registry {@code answerTimeout}). */
        Optional<Duration> answerTimeout();

        /** Overrides {@link Reconciliation#maxDeliveries()} for this department (registry {@code maxDeliveries}). */
        Optional<Integer> maxDeliveries();

        /** The name of its Ed25519 key files in the evidence keys folder (registry {@code evidenceKey}). */
        Optional<String> evidenceKey();

        /** The name of its HMAC callback secret in the secrets file (registry {@code callbackSecret}). */
        Optional<String> callbackSecret();
    }

    Reconciliation reconciliation();

    /**
     * A delivered task that stays unanswered: re-delivered after the answer timeout (same Idempotency-Key), reported
     * stalled after the last delivery. Defaults here; per department under {@code departments."<dept>"}.
     */
    interface Reconciliation {
        /** How long a department may take to answer a delivered task before it is delivered again. */
        @WithDefault("PT30M")
        Duration answerTimeout();

        /** Deliveries of a task (the first included) before it is reported stalled. */
        @WithDefault("3")
        int maxDeliveries();

        /** How often delivered, unanswered tasks are looked at (read by the scheduler, here for the documentation). */
        @WithDefault("5s")
        String scanInterval();

        /** The first scan waits this long after start-up. */
        @WithDefault("5s")
        String scanDelay();

        /** How many waiting tasks one scan looks at (the next scan takes the rest). */
        @WithDefault("200")
        int batch();
    }

    interface Delivery {
        /** Attempts before a delivery is given up as failed. */
        @WithDefault("8")
        int maxAttempts();

        /** First retry delay; doubled per attempt, with jitter. */
        @WithDefault("PT0.5S")
        Duration initialBackoff();

        @WithDefault("PT60S")
        Duration maxBackoff();

        /** How long an HTTP delivery may take. */
        @WithDefault("PT10S")
        Duration timeout();

        /** How often pending deliveries and stale claims are looked at (read by the scheduler; declared so it may be set). */
        @WithDefault("1s")
        String sweepInterval();

        /** Deliveries in flight at once per gateway instance (bounded memory). */
        @WithDefault("32")
        int concurrency();

        /** Deliveries in flight at once per department (unless its registry entry sets an in-flight limit), so one slow department cannot take every slot. */
        @WithDefault("8")
        int perDepartmentConcurrency();
    }

    interface CircuitBreaker {
        /** Calls in the rolling window the breaker judges. */
        @WithDefault("10")
        int requestVolumeThreshold();

        /** Share of failed calls in the window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker stays open before a trial call. */
        @WithDefault("PT10S")
        Duration delay();
    }

    interface Callback {
        /** Properties file {@code <department>=<secret>}: the HMAC secrets of the result callbacks. */
        Optional<String> secretsFile();

        /** Secrets given directly (tests, or a single department); they win over the file. */
        Map<String, String> secrets();

        /** How far a callback's timestamp may be from our clock; request ids are remembered this long. */
        @WithDefault("PT5M")
        Duration window();
    }

    default Optional<Department> department(String department) {
        return Optional.ofNullable(departments().get(department));
    }

    default String modeOf(String department) {
        return department(department).map(Department::mode).orElse(DepartmentMode.HTTP);
    }

    default String endpointOf(String department) {
        return department(department).flatMap(Department::endpoint)
                .orElse(defaultEndpoint()).replace("{department}", department);
    }

    default Duration answerTimeout(String department) {
        return department(department).flatMap(Department::answerTimeout).orElse(reconciliation().answerTimeout());
    }

    default int maxDeliveries(String department) {
        return Math.max(1, department(department).flatMap(Department::maxDeliveries)
                .orElse(reconciliation().maxDeliveries()));
    }

    /** The shortest answer timeout of any department: a scan need not look at tasks delivered more recently. */
    default Duration shortestAnswerTimeout() {
        return departments().values().stream().map(Department::answerTimeout).flatMap(Optional::stream)
                .reduce(reconciliation().answerTimeout(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
    }

    /** What its evidence key files are called: the registry's reference, else the department id. */
    default String evidenceKeyOf(String department) {
        return department(department).flatMap(Department::evidenceKey).orElse(department);
    }

    /** What its callback secret is called: the registry's reference, else the department id. */
    default String callbackSecretOf(String department) {
        return department(department).flatMap(Department::callbackSecret).orElse(department);
    }

    default Map<String, String> fieldMappingOf(String department) {
        return department(department).map(Department::fieldMapping).orElse(Map.of());
    }
}
