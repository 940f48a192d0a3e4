package io.tongban.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.tongban.testsupport.Waits;
import java.util.Map;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaOnlyResource.class, restrictToAnnotatedClass = true)
@TestProfile(KafkaModeSupplementTest.AlwaysAsks.class)
class KafkaModeSupplementTest {
    public static class AlwaysAsks implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tongban.simulator.supplement-rate", "1");
        }
    }

    private static List<String> resultTypes(String matterId) {
        return TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, Topics.resultsOf("health")).stream()
                .map(r -> r.header("ce_type")).toList();
    }

    @Test
    void aDepartmentAsksOnceForASupplementAndCompletesWhenItArrives() {
        String matterId = UUID.randomUUID().toString();
        String taskId = KafkaModeTest.assign(matterId);
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> resultTypes(matterId),
                t -> t.contains(EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED));

        TopicProbe.write(TestKafka.bootstrapServers(), Topics.tasksOf("health"), matterId, """
                        {"taskId":"%s","matterId":"%s","department":"health","inputs":{"childName":"王小明"},
                         "supplementedAt":"%s"}""".formatted(taskId, matterId, Instant.now()),
                TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_SUPPLEMENTED, matterId));

        List<String> types = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> resultTypes(matterId),
                t -> t.contains(EventTypes.DEPARTMENT_TASK_COMPLETED));
        assertThat(types).containsExactly(EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED, EventTypes.DEPARTMENT_TASK_COMPLETED);
    }
}
