package io.tongban.simulator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

@ConfigMapping(prefix = "tongban.simulator")
public interface SimulatorConfig {
    /** {@code http}: departments behind the gateway's HTTP adapter; {@code kafka}: departments that read their topics. */
    @WithDefault("http")
    String mode();

    /** Base URL of the department gateway, whose callback endpoint receives the answers (HTTP mode). */
    String gatewayUrl();

    /** Kafka brokers (Kafka mode). */
    @WithDefault("127.0.0.1:9092")
    String kafkaBootstrapServers();

    /** How long a simulated department works on a task before answering. */
    @WithDefault("PT0.05S")
    Duration delay();

    /** Share of tasks refused (0 to 1), with a written reason. */
    @WithDefault("0")
    double rejectRate();

    /** Share of tasks (0 to 1) for which the department first asks for one supplement item, then completes. */
    @WithDefault("0")
    double supplementRate();

    /** Properties file {@code <department>=<secret>} for signing callbacks (HTTP mode). */
    Optional<String> secretsFile();

    /** Callback secrets given directly; they win over the file. */
    Map<String, String> secrets();

    /** Retries of a callback the gateway did not answer 2xx (HTTP mode). */
    CallbackRetries callbackRetry();

    interface CallbackRetries {
        /** First wait; doubled per attempt up to {@link #maxBackoff()}, with jitter. */
        @WithDefault("PT0.2S")
        Duration initialBackoff();

        @WithDefault("PT30S")
        Duration maxBackoff();

        /** How long an answer is retried before it is given up (logged as an error). */
        @WithDefault("PT10M")
        Duration giveUpAfter();
    }
}
