package io.tongban.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "tongban.simulator")
public interface SimulatorConfig {
    /** Base URL of the department gateway, whose callback endpoint receives the answers. */
    String gatewayUrl();

    /** How long a simulated department works on a task before answering. */
    @WithDefault("PT0.05S")
    Duration delay();

    /** Share of tasks refused (0 to 1), with a written reason. */
    @WithDefault("0")
    double rejectRate();
}
