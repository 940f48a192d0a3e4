package io.tongban.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CallbackRetryTest {
    private final CallbackRetry retry = new CallbackRetry(Duration.ofMillis(200), Duration.ofSeconds(30),
            Duration.ofMinutes(10));

    @Test
    void aRefusedConnectionAndServerErrorsAreRetriedWithGrowingJitteredWaits() {
        assertThat(retry.next(1, 0, null, Duration.ZERO)).hasValueSatisfying(
                w -> assertThat(w).isBetween(Duration.ofMillis(100), Duration.ofMillis(200)));
        assertThat(retry.next(5, 500, null, Duration.ZERO)).hasValueSatisfying(
                w -> assertThat(w).isBetween(Duration.ofMillis(1600), Duration.ofMillis(3200)));
        assertThat(retry.next(30, 0, null, Duration.ZERO)).hasValueSatisfying(
                w -> assertThat(w).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30)));
    }

    @Test
    void retryAfterOfTheGatewayWins() {
        assertThat(retry.next(1, 503, "7", Duration.ZERO)).hasValue(Duration.ofSeconds(7));
        assertThat(retry.next(1, 429, "2", Duration.ZERO)).hasValue(Duration.ofSeconds(2));
    }

    @Test
    void anAnswerTheGatewayRefusesAsItsOwnFaultIsNotRetried() {
        assertThat(retry.next(1, 401, null, Duration.ZERO)).isEmpty();
        assertThat(retry.next(1, 409, null, Duration.ZERO)).isEmpty();
        assertThat(retry.next(1, 422, null, Duration.ZERO)).isEmpty();
    }

    @Test
    void retriesStopAfterTheConfiguredTime() {
        assertThat(retry.next(40, 503, "5", Duration.ofMinutes(9).plusSeconds(56))).isEmpty();
        assertThat(retry.next(40, 503, "5", Duration.ofMinutes(9))).isPresent();
    }
}
