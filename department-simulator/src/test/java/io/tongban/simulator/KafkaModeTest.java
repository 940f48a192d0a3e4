package io.tongban.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import io.tongban.contracts.evidence.HandOffSignature;
import io.tongban.testsupport.TestEvidence;
import io.tongban.contracts.evidence.HandOff;
import io.tongban.contracts.evidence.EvidenceHeaders;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = KafkaOnlyResource.class, restrictToAnnotatedClass = true)
class KafkaModeTest {

    static String assign(String matterId) {
        String taskId = matterId + ":birth-certificate";
        TopicProbe.write(TestKafka.bootstrapServers(), Topics.tasksOf("health"), matterId, """
                        {"taskId":"%s","matterId":"%s","matterType":"newborn","taskKey":"birth-certificate",
                         "department":"health","titleZh":"t","titleEn":"t","inputs":{"childName":"王小明"},
                         "outputs":["birthCertificateNo"],"assignedAt":"%s"}""".formatted(taskId, matterId, Instant.now()),
                TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_ASSIGNED, matterId));
        return taskId;
    }

    @Test
    void aSimulatedDepartmentReadsItsTaskTopicAndAnswersOnItsResultTopic() {
        String matterId = UUID.randomUUID().toString();
        String taskId = assign(matterId);

        List<TopicProbe.Seen> results = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, Topics.resultsOf("health")),
                r -> !r.isEmpty());
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.header("ce_type")).isEqualTo(EventTypes.DEPARTMENT_TASK_COMPLETED);
            assertThat(r.header("ce_subject")).isEqualTo(matterId);
            assertThat(HandOffSignature.verify(
                    TestEvidence.keys().publicKeyOf("health").orElseThrow(),
                    HandOff.result(r.header("ce_type"), r.value()),
                    r.header(EvidenceHeaders.SIGNATURE))).isTrue();
            assertThat(r.value()).contains(taskId).contains("birthCertificateNo");
        });
    }

    @Test
    void aTaskRecordReadAgainIsAnsweredAgainWithTheSameAnswerRecord() {
        String matterId = UUID.randomUUID().toString();
        String taskId = assign(matterId);
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, Topics.resultsOf("health")),
                r -> r.size() == 1);

        assign(matterId);

        List<TopicProbe.Seen> results = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, Topics.resultsOf("health")),
                r -> r.size() == 2);
        assertThat(results.get(1).value()).isEqualTo(results.get(0).value()).contains(taskId);
        assertThat(results.get(1).header("ce_id")).isEqualTo(results.get(0).header("ce_id"));
        assertThat(results.get(1).header(EvidenceHeaders.SIGNATURE)).isEqualTo(results.get(0).header(EvidenceHeaders.SIGNATURE));
    }

    /** Issue 8, bad input on Kafka: the simulated departments' own consumer dead-letters what it cannot use. */
    @Test
    void badTaskRecordsGoToTheDeadLetterTopicWithTheirReasonAndTheNextTaskIsAnswered() {
        String kafka = TestKafka.bootstrapServers();
        String matterId = UUID.randomUUID().toString();
        String topic = Topics.tasksOf("health");
        String truncated = "{\"matterId\": \"" + matterId + "\",";
        TopicProbe.write(kafka, topic, matterId, truncated, java.util.Map.of());
        TopicProbe.write(kafka, topic, matterId, truncated,
                TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_ASSIGNED, matterId));
        TopicProbe.write(kafka, topic, matterId, "{}", TopicProbe.cloudEventHeaders("tongban.matter.teleported.v1", matterId));
        TopicProbe.write(kafka, topic, matterId, "{}",
                TopicProbe.cloudEventHeaders("tongban.department-task.assigned.v2", matterId));
        assign(matterId);

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(kafka, matterId, Topics.resultsOf("health")), r -> !r.isEmpty());
        List<String> reasons = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(kafka, matterId, KafkaDepartments.DEAD_LETTERS).stream()
                        .map(d -> d.header("dead-letter-reason")).toList(), r -> r.size() >= 4);
        assertThat(reasons).hasSize(4);
        assertThat(reasons.get(0)).contains("not a CloudEvent");
        assertThat(reasons.get(1)).contains("malformed").contains(EventTypes.DEPARTMENT_TASK_ASSIGNED);
        assertThat(reasons.get(2)).contains("tongban.matter.teleported.v1");
        assertThat(reasons.get(3)).isEqualTo(
                "schema version v2 of tongban.department-task.assigned is newer than this consumer understands (v1)");
    }
}
