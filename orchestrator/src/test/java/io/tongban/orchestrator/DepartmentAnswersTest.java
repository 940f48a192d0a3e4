package io.tongban.orchestrator;

import static io.tongban.orchestrator.NewbornWorkflowTest.awaitTask;
import static io.tongban.orchestrator.NewbornWorkflowTest.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.evidence.HandOff;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestEvidence;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Departments answer every delivery of a task, repeats included: an identical repeat changes nothing, a different
 * answer for a finished task is a conflict (dead-lettered, never a second hand-off), an answer that breaks its
 * schema is refused naming what is wrong, and every refusal is reported back on the department's refused topic.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "orchestrator_test"))
class DepartmentAnswersTest {
    private static final String DB = NewbornWorkflowTest.DB;
    private static final String DEAD_LETTERS = "tongban.dept.results.dlq.orchestrator";
    private static final String TASK = "birth-certificate";

    private static String kafka() {
        return TestKafka.bootstrapServers();
    }

    private static String matterWaitingOnHealth() {
        String matterId = UUID.randomUUID().toString();
        submit(matterId);
        awaitTask("health", matterId, TASK);
        return matterId;
    }

    private static ObjectNode completed(String matterId, String certificateNo) {
        ObjectNode data = EventJson.mapper().createObjectNode().put("taskId", matterId + ":" + TASK)
                .put("matterId", matterId).put("department", "health").put("completedAt", Instant.now().toString());
        data.set("outputs", EventJson.mapper().valueToTree(Map.of("birthCertificateNo", certificateNo)));
        return data;
    }

    private static ObjectNode rejected(String matterId, String reason) {
        return EventJson.mapper().createObjectNode().put("taskId", matterId + ":" + TASK).put("matterId", matterId)
                .put("department", "health").put("reason", reason).put("rejectedAt", Instant.now().toString());
    }

    /** Writes a signed answer on health's results topic; returns its event id. */
    private static String answer(String type, String matterId, JsonNode data) {
        Map<String, String> headers = TestEvidence.resultHeaders(type, matterId, data.toString());
        TopicProbe.write(kafka(), Topics.resultsOf("health"), matterId, data.toString(), headers);
        return headers.get("ce_id");
    }

    private static void awaitProcessed(String eventId) {
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> DbProbe.count(DB,
                "select count(*) from processed_event where consumer = 'orchestrator.results' and event_id = '"
                        + eventId + "'") == 1);
    }

    private static long chainedAnswers(String matterId) {
        return DbProbe.count(DB, "select count(*) from hand_off where matter_id = '" + matterId
                + "' and kind = 'result' and task_id = '" + matterId + ":" + TASK + "'");
    }

    private static String deadLetterReason(String matterId) {
        return await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(kafka(), matterId, DEAD_LETTERS).stream()
                        .map(d -> d.header("dead-letter-reason")).findFirst().orElse(null), r -> r != null);
    }

    private static List<JsonNode> refusalsTo(String department, String matterKey, int atLeast) {
        return await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(kafka(), matterKey, Topics.refusedOf(department)).stream()
                        .filter(s -> EventTypes.DEPARTMENT_ANSWER_REFUSED.equals(s.header("ce_type")))
                        .map(s -> PlayedDepartments.json(s.value())).toList(),
                list -> list.size() >= atLeast);
    }

    @Test
    void anIdenticalRepeatAnswerWithANewEventIdChangesNothingAndIsNotChainedAgain() {
        String matterId = matterWaitingOnHealth();
        ObjectNode answer = completed(matterId, "BCN-1");
        awaitProcessed(answer(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId, answer));
        awaitTask("public-security", matterId, "household-registration");

        String repeat = answer(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId, answer.put("completedAt",
                Instant.now().toString()));
        awaitProcessed(repeat);

        assertThat(chainedAnswers(matterId)).isEqualTo(1);
        assertThat(PlayedDepartments.workflowTypes(matterId)).filteredOn(EventTypes.TASK_COMPLETED::equals).hasSize(1);
        assertThat(TopicProbe.readAllFor(kafka(), matterId, DEAD_LETTERS)).isEmpty();
    }

    @Test
    void aDifferentAnswerForACompletedTaskIsDeadLetteredAsAConflictAndNotChained() {
        String matterId = matterWaitingOnHealth();
        awaitProcessed(answer(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId, completed(matterId, "BCN-1")));

        answer(EventTypes.DEPARTMENT_TASK_REJECTED, matterId, rejected(matterId, "changed our mind"));

        String reason = deadLetterReason(matterId);
        assertThat(reason).contains("conflicts with the answer recorded at")
                .contains("(" + EventTypes.DEPARTMENT_TASK_COMPLETED + ")");
        assertThat(chainedAnswers(matterId)).isEqualTo(1);
        assertThat(PlayedDepartments.workflowTypes(matterId)).doesNotContain(EventTypes.TASK_REJECTED,
                EventTypes.MATTER_REJECTED);
    }

    @Test
    void aConflictIsReportedBackToTheDepartmentOnItsRefusedTopic() {
        String matterId = matterWaitingOnHealth();
        awaitProcessed(answer(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId, completed(matterId, "BCN-1")));

        String conflicting = answer(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId, completed(matterId, "BCN-2"));

        JsonNode refused = refusalsTo("health", matterId, 1).get(0);
        assertThat(refused.get("department").asText()).isEqualTo("health");
        assertThat(refused.get("taskId").asText()).isEqualTo(matterId + ":" + TASK);
        assertThat(refused.get("answerEventId").asText()).isEqualTo(conflicting);
        assertThat(refused.get("answerType").asText()).isEqualTo(EventTypes.DEPARTMENT_TASK_COMPLETED);
        assertThat(refused.get("reason").asText()).contains("conflicts with the answer recorded at");
    }

    @Test
    void aSignedAnswerMissingCompletedAtIsRefusedNamingTheField() {
        String matterId = matterWaitingOnHealth();
        ObjectNode answer = completed(matterId, "BCN-1");
        answer.remove("completedAt");

        answer(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId, answer);

        assertThat(deadLetterReason(matterId)).contains("does not match its schema").contains("completedAt");
        assertThat(refusalsTo("health", matterId, 1).get(0).get("reason").asText()).contains("completedAt");
        assertThat(chainedAnswers(matterId)).isZero();
        assertThat(DbProbe.count(DB, "select count(*) from task_instance where task_id = '" + matterId + ":" + TASK
                + "' and state = 'DISPATCHED'")).isEqualTo(1);
    }

    @Test
    void anAnswerWithoutDepartmentIsRefusedWithAClearReasonAndReportedToTheTopicsDepartment() {
        String matterId = matterWaitingOnHealth();
        ObjectNode answer = completed(matterId, "BCN-1");
        answer.remove("department");
        Map<String, String> headers = new LinkedHashMap<>(
                TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId));
        headers.put(EvidenceHeaders.SIGNER, "health");
        headers.put(EvidenceHeaders.SIGNATURE, TestEvidence.sign("health",
                HandOff.result(EventTypes.DEPARTMENT_TASK_COMPLETED, answer.toString())));

        TopicProbe.write(kafka(), Topics.resultsOf("health"), matterId, answer.toString(), headers);

        String reason = deadLetterReason(matterId);
        assertThat(reason).contains("department").doesNotContain("no public key of department");
        assertThat(refusalsTo("health", matterId, 1).get(0).get("reason").asText()).isEqualTo(reason);
    }

    @Test
    void aRefusedAnswerDeliveredTwiceIsDeadLetteredTwiceButReportedOnce() {
        String matterId = matterWaitingOnHealth();
        ObjectNode answer = completed(matterId, "BCN-1");
        answer.remove("completedAt");
        Map<String, String> headers = TestEvidence.resultHeaders(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId,
                answer.toString());

        TopicProbe.write(kafka(), Topics.resultsOf("health"), matterId, answer.toString(), headers);
        TopicProbe.write(kafka(), Topics.resultsOf("health"), matterId, answer.toString(), headers);

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(kafka(), matterId, DEAD_LETTERS).size() == 2);
        refusalsTo("health", matterId, 1);
        // a later record's report proves the relay had its chance to publish a second one
        String later = UUID.randomUUID().toString();
        ObjectNode other = completed(matterId, "BCN-1");
        other.remove("completedAt");
        Map<String, String> laterHeaders = new LinkedHashMap<>(TestEvidence.resultHeaders(
                EventTypes.DEPARTMENT_TASK_COMPLETED, matterId, other.toString()));
        laterHeaders.put("ce_id", later);
        TopicProbe.write(kafka(), Topics.resultsOf("health"), matterId, other.toString(), laterHeaders);
        refusalsTo("health", matterId, 2);
        assertThat(TopicProbe.readAllFor(kafka(), matterId, Topics.refusedOf("health")))
                .extracting(s -> PlayedDepartments.json(s.value()).get("answerEventId").asText())
                .containsExactlyInAnyOrder(headers.get("ce_id"), later);
    }

    @Test
    void aStalledTaskIsShownOnTheWorkflowAndALaterAnswerStillCompletesIt() {
        String matterId = matterWaitingOnHealth();
        Instant waitingSince = Instant.now().minusSeconds(3600);
        ObjectNode stalled = EventJson.mapper().createObjectNode().put("taskId", matterId + ":" + TASK)
                .put("matterId", matterId).put("department", "health").put("deliveries", 3)
                .put("waitingSince", waitingSince.toString()).put("stalledAt", Instant.now().toString());

        TopicProbe.write(kafka(), Topics.resultsOf("health"), matterId, stalled.toString(),
                TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_STALLED, matterId));

        List<TopicProbe.Seen> seen = PlayedDepartments.awaitWorkflow(matterId, EventTypes.TASK_STALLED);
        JsonNode event = PlayedDepartments.workflowEvent(seen, EventTypes.TASK_STALLED);
        assertThat(event.get("taskKey").asText()).isEqualTo(TASK);
        assertThat(event.get("department").asText()).isEqualTo("health");
        assertThat(event.get("deliveries").asInt()).isEqualTo(3);
        assertThat(Instant.parse(event.get("waitingSince").asText())).isEqualTo(waitingSince);
        assertThat(event.get("sequence").asLong()).isEqualTo(seen.size());

        answer(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId, completed(matterId, "BCN-1"));
        PlayedDepartments.awaitWorkflow(matterId, EventTypes.TASK_COMPLETED);
        assertThat(TopicProbe.readAllFor(kafka(), matterId, DEAD_LETTERS)).isEmpty();
    }

    @Test
    void aStalledReportForATaskAnsweredMeanwhileChangesNothing() {
        String matterId = matterWaitingOnHealth();
        awaitProcessed(answer(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId, completed(matterId, "BCN-1")));
        ObjectNode stalled = EventJson.mapper().createObjectNode().put("taskId", matterId + ":" + TASK)
                .put("matterId", matterId).put("department", "health").put("deliveries", 3)
                .put("waitingSince", Instant.now().minusSeconds(60).toString()).put("stalledAt", Instant.now().toString());
        Map<String, String> headers = TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_STALLED, matterId);

        TopicProbe.write(kafka(), Topics.resultsOf("health"), matterId, stalled.toString(), headers);

        awaitProcessed(headers.get("ce_id"));
        assertThat(PlayedDepartments.workflowTypes(matterId)).doesNotContain(EventTypes.TASK_STALLED);
        assertThat(TopicProbe.readAllFor(kafka(), matterId, DEAD_LETTERS)).isEmpty();
    }
}
