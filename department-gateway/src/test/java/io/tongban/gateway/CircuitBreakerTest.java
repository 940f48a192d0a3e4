package io.tongban.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(DepartmentSystemStub.class)
@TestProfile(CircuitBreakerTest.TripsAfterTwoFailures.class)
class CircuitBreakerTest {
    static final String DB = GatewayDeliveryTest.DB;

    public static class TripsAfterTwoFailures implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tongban.gateway.circuit-breaker.request-volume-threshold", "2",
                    "tongban.gateway.circuit-breaker.failure-ratio", "1",
                    "tongban.gateway.circuit-breaker.delay", "PT60S");
        }
    }

    @Test
    void anOpenBreakerHoldsTheDepartmentsDeliveriesWithoutUsingUpTheirAttemptsAndSparesTheOthers() {
        List<String> tasks = IntStream.range(0, 3).mapToObj(i -> GatewayDeliveryTest.assign(DepartmentSystemStub.DOWN)).toList();
        String in = "'" + String.join("','", tasks) + "'";

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> DbProbe.count(DB, "select count(*) from delivery where task_id in ("
                + in + ") and state = 'PENDING' and last_error = 'circuit breaker open'") == 3);
        String other = GatewayDeliveryTest.assign("health");
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !DepartmentSystemStub.deliveriesOf(other).isEmpty());

        // without the breaker, 4 attempts 50 ms apart would have failed every one of them by now
        String attemptsUsed = "select coalesce(sum(attempts), 0) from delivery where task_id in (" + in + ")";
        long used = DbProbe.count(DB, attemptsUsed);
        assertThat(used).as("the two failures that opened the breaker, and no more than one per task before it").isBetween(2L, 4L);
        await().during(Duration.ofSeconds(2)).atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> DbProbe.count(DB, attemptsUsed) == used
                && DbProbe.count(DB, "select count(*) from delivery where task_id in (" + in + ") and state = 'FAILED'") == 0);
        assertThat(DbProbe.count(DB, "select count(*) from delivery where task_id in (" + in
                + ") and next_attempt_at > now() + interval '30 seconds'")).isEqualTo(3);
    }
}
