package io.tongban.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "tongban.gateway")
public interface GatewayConfig {
    /** Endpoint for departments without their own entry; {@code {department}} is replaced by the department id. */
    String defaultEndpoint();

    /** Per-department settings, keyed by department id. */
    Map<String, Department> departments();

    Delivery delivery();

    interface Department {
        /** The department system's task endpoint (HTTP POST). */
        Optional<String> endpoint();
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

        /** Deliveries in flight at once per gateway instance (bounded memory). */
        @WithDefault("32")
        int concurrency();
    }

    default String endpointOf(String department) {
        return Optional.ofNullable(departments().get(department)).flatMap(Department::endpoint)
                .orElse(defaultEndpoint()).replace("{department}", department);
    }
}
