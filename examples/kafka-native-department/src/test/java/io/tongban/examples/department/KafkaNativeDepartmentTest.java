package io.tongban.examples.department;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.evidence.HandOff;
import io.tongban.contracts.evidence.HandOffSignature;
import io.tongban.testsupport.TestEvidence;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The example department against a real broker: it completes its tasks as the contract says. */
class KafkaNativeDepartmentTest {
    private static final String DEPARTMENT = "health";
    private String group;
    private KafkaNativeDepartment department;
    private Thread loop;

    @BeforeEach
    void start() {
        group = "example-" + UUID.randomUUID();
        department = new KafkaNativeDepartment(TestKafka.bootstrapServers(), DEPARTMENT, group,
                new AnswerSignature(TestEvidence.keys().privateKeyOf(DEPARTMENT).orElseThrow()));
        loop = new Thread(department, "example-department");
        loop.start();
    }

    @AfterEach
    void stop() throws InterruptedException {
        department.close();
        loop.join(10_000);
    }

    @AfterAll
    static void stopBroker() {
        TestKafka.stop();
    }

    private static String assign(String matterId) {
        String taskId = matterId + ":birth-certificate";
        TopicProbe.write(TestKafka.bootstrapServers(), KafkaNativeDepartment.tasksTopic(DEPARTMENT), matterId, """
                        {"taskId":"%s","matterId":"%s","matterType":"newborn","taskKey":"birth-certificate",
                         "department":"health","titleZh":"签发出生医学证明","titleEn":"Issue the birth medical certificate",
                         "inputs":{"childName":"王小明"},"outputs":["birthCertificateNo"],"assignedAt":"%s"}"""
                        .formatted(taskId, matterId, Instant.now()),
                TopicProbe.cloudEventHeaders(KafkaNativeDepartment.ASSIGNED, matterId));
        return taskId;
    }

    private static List<TopicProbe.Seen> answersFor(String matterId) {
        return TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, KafkaNativeDepartment.resultsTopic(DEPARTMENT));
    }

    @Test
    void aKafkaNativeDepartmentCompletesItsTasksAsCloudEvents() {
        String matterId = UUID.randomUUID().toString();
        String taskId = assign(matterId);

        List<TopicProbe.Seen> answers = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> answersFor(matterId),
                a -> !a.isEmpty());
        TopicProbe.Seen answer = answers.get(0);
        assertThat(answer.key()).isEqualTo(matterId);
        assertThat(answer.header("ce_type")).isEqualTo(KafkaNativeDepartment.COMPLETED);
        assertThat(answer.header("ce_specversion")).isEqualTo("1.0");
        assertThat(answer.header("ce_subject")).isEqualTo(matterId);
        assertThat(answer.header("ce_source")).isEqualTo("/department/health");
        assertThat(answer.header("ce_id")).isNotBlank();
        assertThat(answer.value()).contains("\"taskId\":\"" + taskId + "\"").contains("\"birthCertificateNo\"");
    }

    @Test
    void aTaskReadTwiceIsAnsweredTwiceWithTheSameAnswer() {
        String matterId = UUID.randomUUID().toString();
        assign(matterId);
        assign(matterId);

        List<TopicProbe.Seen> answers = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> answersFor(matterId),
                a -> a.size() == 2);
        assertThat(answers.get(1).value()).isEqualTo(answers.get(0).value());
        assertThat(answers.get(1).header("ce_id")).isEqualTo(answers.get(0).header("ce_id"));
        assertThat(answers.get(1).header(EvidenceHeaders.SIGNATURE)).isEqualTo(answers.get(0).header(EvidenceHeaders.SIGNATURE));
        await().during(Duration.ofSeconds(2)).atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> answersFor(matterId).size() == 2);
    }

    @Test
    void offsetsAreCommittedOnceTheTasksAreAnswered() {
        String matterId = UUID.randomUUID().toString();
        assign(matterId);

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> answersFor(matterId), a -> !a.isEmpty());
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(this::committedToTheEnd);
    }

    private boolean committedToTheEnd() throws Exception {
        try (Admin admin = TestKafka.admin(TestKafka.bootstrapServers())) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(List.of(KafkaNativeDepartment.tasksTopic(DEPARTMENT))).allTopicNames().get(10, TimeUnit.SECONDS)
                    .values().forEach(d -> d.partitions().forEach(p ->
                            latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                    .get(10, TimeUnit.SECONDS);
            return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                    || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() == e.getValue().offset()));
        }
    }

    @Test
    void itsAnswersCarryASignatureThePlatformVerifiesWithTheDepartmentsPublicKey() {
        String matterId = UUID.randomUUID().toString();
        assign(matterId);

        TopicProbe.Seen answer = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> answersFor(matterId),
                a -> !a.isEmpty()).get(0);
        assertThat(answer.header(EvidenceHeaders.SIGNER)).isEqualTo(DEPARTMENT);
        assertThat(HandOffSignature.verify(TestEvidence.keys().publicKeyOf(DEPARTMENT).orElseThrow(),
                HandOff.result(answer.header("ce_type"), answer.value()), answer.header(EvidenceHeaders.SIGNATURE))).isTrue();
    }
}
