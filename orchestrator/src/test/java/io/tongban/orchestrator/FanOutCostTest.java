package io.tongban.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.orchestrator.persistence.MatterInstances;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestEvidence;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A matter with 198 parallel tasks between a first and a final one (test-wide v1): applying one department
 * result loads a bounded number of task rows, not all 200 — the whole matter costs about n, not n².
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "orchestrator_test"))
class FanOutCostTest {
    static final String DB = "orchestrator_test";
    static final int PARALLEL = 198;

    @Inject
    MatterInstances matters;

    @Test
    void eachResultOfAWideFanOutLoadsABoundedNumberOfTaskRows() {
        String id = UUID.randomUUID().toString();
        PlayedDepartments.submit(id, "test-wide", 1, "{}");
        PlayedDepartments.awaitTask("market-regulation", id, "intake-check");
        PlayedDepartments.complete("market-regulation", id, "intake-check", Map.of());
        await().atMost(Waits.upTo(Duration.ofSeconds(120))).until(() -> count(id, "DISPATCHED") == PARALLEL);

        long before = matters.taskRowsLoaded();
        answerReviews(id, 0, PARALLEL - 1); // all but the last: the matter cannot complete with any of them
        await().atMost(Waits.upTo(Duration.ofSeconds(180))).until(() -> count(id, "COMPLETED") == PARALLEL - 1);
        long perResult = (matters.taskRowsLoaded() - before) / (PARALLEL - 1);

        // the answered task and the final task it counts down: 2 rows, whatever the width
        assertThat(perResult).isLessThanOrEqualTo(3);

        answerReviews(id, PARALLEL - 1, PARALLEL);
        PlayedDepartments.awaitTask("development-reform", id, "final-approval");
        PlayedDepartments.complete("development-reform", id, "final-approval", Map.of());
        PlayedDepartments.awaitWorkflow(id, EventTypes.MATTER_COMPLETED);
        long total = matters.taskRowsLoaded() - before;
        assertThat(total).as("task rows loaded for %d results", PARALLEL + 1).isLessThan(5L * (PARALLEL + 2));
    }

    private long count(String id, String state) {
        return DbProbe.count(DB, "select count(*) from task_instance where matter_id = '" + id + "' and state = '"
                + state + "' and task_key like 'review-%'");
    }

    /** One producer for the batch: writing 198 results one connection each would dominate the test. */
    private static void answerReviews(String id, int from, int to) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, PlayedDepartments.kafka());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = from; i < to; i++) {
                String taskId = id + ":review-%03d".formatted(i);
                String data = "{\"taskId\":\"%s\",\"matterId\":\"%s\",\"department\":\"tax\",\"outputs\":{},\"completedAt\":\"%s\"}"
                        .formatted(taskId, id, Instant.now());
                ProducerRecord<String, String> record = new ProducerRecord<>(Topics.resultsOf("tax"), id, data);
                TestEvidence.resultHeaders(EventTypes.DEPARTMENT_TASK_COMPLETED, id, data)
                        .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                producer.send(record);
            }
            producer.flush();
        }
    }
}
