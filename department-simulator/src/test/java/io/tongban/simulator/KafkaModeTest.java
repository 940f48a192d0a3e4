package io.tongban.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
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

        List<TopicProbe.Seen> results = await().atMost(Duration.ofSeconds(30)).until(
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
}
