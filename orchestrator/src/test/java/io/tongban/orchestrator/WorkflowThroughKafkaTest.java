package io.tongban.orchestrator;

import static io.tongban.orchestrator.PlayedDepartments.awaitOnTasksTopic;
import static io.tongban.orchestrator.PlayedDepartments.awaitTask;
import static io.tongban.orchestrator.PlayedDepartments.awaitWorkflow;
import static io.tongban.orchestrator.PlayedDepartments.complete;
import static io.tongban.orchestrator.PlayedDepartments.needSupplement;
import static io.tongban.orchestrator.PlayedDepartments.reject;
import static io.tongban.orchestrator.PlayedDepartments.submit;
import static io.tongban.orchestrator.PlayedDepartments.supplement;
import static io.tongban.orchestrator.PlayedDepartments.tasksTopicTypes;
import static io.tongban.orchestrator.PlayedDepartments.withdraw;
import static io.tongban.orchestrator.PlayedDepartments.workflowEvent;
import static io.tongban.orchestrator.PlayedDepartments.workflowTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.contracts.EventTypes;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each workflow feature driven end to end through the real broker and database, departments played by the test. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "orchestrator_test"))
class WorkflowThroughKafkaTest {
    static final String NEWBORN_FORM = """
            {"child":{"name":"王小明","sex":"male","birthDate":"2026-11-20"},"hospital":"市第一人民医院",
             "mother":{"name":"李芳","idCard":"11010519491231002X"},
             "father":{"name":"王强","idCard":"110105194912310037"},"householdAddress":"北京市朝阳区建国路1号"}""";
    static final String FEATURES_FORM = """
            {"name":"小店","hasSign":false,"address":{"city":"北京","street":"长安街"}}""";

    @Inject
    TestClock clock;

    private static String newMatter() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aRejectionRejectsTheMatterAndCancelsTheRunningTasksOnTheirDepartmentTopics() {
        String id = newMatter();
        submit(id, "test-features", 1, FEATURES_FORM, "licence");
        awaitTask("market-regulation", id, "check");
        complete("market-regulation", id, "check", Map.of("checkNo", "C-1"));
        awaitTask("market-regulation", id, "permit");
        awaitTask("fire-rescue", id, "fire");

        reject("market-regulation", id, "permit", "kitchen too small");

        List<TopicProbe.Seen> seen = awaitWorkflow(id, EventTypes.MATTER_REJECTED);
        assertThat(workflowEvent(seen, EventTypes.MATTER_REJECTED).get("reason").asText()).isEqualTo("kitchen too small");
        JsonNode cancel = awaitOnTasksTopic("fire-rescue", id, EventTypes.DEPARTMENT_TASK_CANCELLED, "fire");
        assertThat(cancel.get("reason").asText()).contains("rejected");
    }

    @Test
    void aSupplementLoopPausesTheTaskAndSendsItsCorrectedInputsBackToTheDepartment() {
        String id = newMatter();
        submit(id, "newborn", 1, NEWBORN_FORM);
        awaitTask("health", id, "birth-certificate");

        needSupplement("health", id, "birth-certificate", "child.name", "does not match the hospital record");
        awaitWorkflow(id, EventTypes.SUPPLEMENT_REQUESTED);
        supplement(id, "{\"child\":{\"name\":\"王晓明\"}}");

        JsonNode resumed = awaitOnTasksTopic("health", id, EventTypes.DEPARTMENT_TASK_SUPPLEMENTED, "birth-certificate");
        assertThat(resumed.at("/inputs/childName").asText()).isEqualTo("王晓明");
        assertThat(resumed.at("/inputs/childSex").asText()).isEqualTo("male");
        assertThat(resumed.at("/inputs").has("motherIdCard")).isFalse();
        complete("health", id, "birth-certificate", Map.of("birthCertificateNo", "O1"));
        JsonNode police = awaitTask("public-security", id, "household-registration");
        assertThat(police.at("/inputs/childName").asText()).isEqualTo("王晓明");
        assertThat(workflowTypes(id)).contains(EventTypes.SUPPLEMENT_RECEIVED);
    }

    @Test
    void aWithdrawalCancelsTheRunningTaskAtItsDepartment() {
        String id = newMatter();
        submit(id, "newborn", 1, NEWBORN_FORM);
        awaitTask("health", id, "birth-certificate");

        withdraw(id);

        awaitOnTasksTopic("health", id, EventTypes.DEPARTMENT_TASK_CANCELLED, "birth-certificate");
        assertThat(awaitWorkflow(id, EventTypes.MATTER_CANCELLED)).extracting(s -> s.header("ce_type"))
                .containsSubsequence(EventTypes.TASK_CANCELLED, EventTypes.MATTER_CANCELLED);
    }

    @Test
    void aTaskPastItsDeadlineIsEscalatedOncePerLevel() {
        String id = newMatter();
        submit(id, "newborn", 1, NEWBORN_FORM, "householdBooklet"); // nothing promised for later: only escalation
        awaitTask("health", id, "birth-certificate");
        try {
            clock.advance(Duration.ofDays(12)); // past the 1-working-day deadline and 2 more working days

            List<TopicProbe.Seen> seen = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                    () -> TopicProbe.readAllFor(PlayedDepartments.kafka(), id, io.tongban.contracts.Topics.WORKFLOW),
                    s -> s.stream().filter(e -> EventTypes.TASK_OVERDUE.equals(e.header("ce_type"))).count() == 2);
            assertThat(seen.stream().filter(e -> EventTypes.TASK_OVERDUE.equals(e.header("ce_type")))
                    .map(e -> PlayedDepartments.json(e.value()).get("level").asText()))
                    .containsExactly("yellow", "red");
            await().during(Duration.ofSeconds(3)).atMost(Waits.upTo(Duration.ofSeconds(60))).until(() ->
                    workflowTypes(id).stream().filter(EventTypes.TASK_OVERDUE::equals).count() == 2);
        } finally {
            clock.reset();
        }
    }

    @Test
    void aTaskWhoseConditionDoesNotHoldIsSkippedAndACommitmentTaskLetsTheMatterComplete() {
        String id = newMatter();
        submit(id, "test-features", 1, FEATURES_FORM, "licence");
        awaitTask("market-regulation", id, "check");
        complete("market-regulation", id, "check", Map.of("checkNo", "C-1"));
        awaitTask("fire-rescue", id, "fire"); // dispatched for the after-the-fact check
        awaitTask("market-regulation", id, "permit");
        complete("market-regulation", id, "permit", Map.of("permitNo", "P-1"));

        List<TopicProbe.Seen> seen = awaitWorkflow(id, EventTypes.MATTER_COMPLETED);
        assertThat(seen).extracting(s -> s.header("ce_type")).contains(EventTypes.TASK_SKIPPED);
        assertThat(seen.stream().filter(s -> EventTypes.TASK_COMPLETED.equals(s.header("ce_type")))
                .map(s -> PlayedDepartments.json(s.value()))
                .filter(e -> e.get("taskKey").asText().equals("fire")).findFirst().orElseThrow()
                .get("byCommitment").asBoolean()).isTrue();
        assertThat(tasksTopicTypes("city-management", id)).isEmpty();
    }

    @Test
    void aTaskNeedingALaterMaterialWaitsUntilTheApplicantHandsItIn() {
        String id = newMatter();
        submit(id, "test-features", 1, FEATURES_FORM); // licence may follow later
        awaitTask("market-regulation", id, "check");
        complete("market-regulation", id, "check", Map.of("checkNo", "C-1"));
        awaitTask("fire-rescue", id, "fire");
        awaitWorkflow(id, EventTypes.TASK_AWAITING_MATERIAL);
        assertThat(tasksTopicTypes("market-regulation", id)).hasSize(1);

        supplement(id, "{}", "licence");

        JsonNode permit = awaitTask("market-regulation", id, "permit");
        assertThat(permit.at("/inputs/licence").asText()).isEqualTo("materials/licence");
    }

    @Test
    void aPromisedMaterialNotSuppliedByItsDeadlineRejectsTheMatterAndCancelsTheTasksAtTheirDepartments() {
        String id = newMatter();
        submit(id, "test-features", 1, FEATURES_FORM); // licence may follow later: promised for 5 working days
        awaitTask("market-regulation", id, "check");
        complete("market-regulation", id, "check", Map.of("checkNo", "C-1"));
        awaitTask("fire-rescue", id, "fire");
        JsonNode waiting = workflowEvent(awaitWorkflow(id, EventTypes.TASK_AWAITING_MATERIAL),
                EventTypes.TASK_AWAITING_MATERIAL);
        String promisedBy = Instant.parse(waiting.get("promisedBy").asText()).atZone(ZoneId.of("Asia/Shanghai"))
                .toLocalDate().toString();
        try {
            clock.advance(Duration.ofDays(10)); // past the fifth working day

            List<TopicProbe.Seen> seen = awaitWorkflow(id, EventTypes.MATTER_REJECTED);
            assertThat(workflowEvent(seen, EventTypes.MATTER_REJECTED).get("reason").asText())
                    .isEqualTo("promised material licence not supplied by " + promisedBy + " (容缺受理)");
            JsonNode cancel = awaitOnTasksTopic("fire-rescue", id, EventTypes.DEPARTMENT_TASK_CANCELLED, "fire");
            assertThat(cancel.get("reason").asText()).contains("licence not supplied");
            await().during(Duration.ofSeconds(3)).atMost(Waits.upTo(Duration.ofSeconds(60))).until(() ->
                    workflowTypes(id).stream().filter(EventTypes.MATTER_REJECTED::equals).count() == 1);
        } finally {
            clock.reset();
        }
    }

    @Test
    void aPromisedMaterialSuppliedInTimeLetsTheMatterRunPastThePromiseDeadline() {
        String id = newMatter();
        submit(id, "test-features", 1, FEATURES_FORM);
        awaitTask("market-regulation", id, "check");
        supplement(id, "{}", "licence");
        awaitWorkflow(id, EventTypes.SUPPLEMENT_RECEIVED);
        try {
            clock.advance(Duration.ofDays(10));

            await().during(Duration.ofSeconds(3)).atMost(Waits.upTo(Duration.ofSeconds(60)))
                    .until(() -> !workflowTypes(id).contains(EventTypes.MATTER_REJECTED));
            complete("market-regulation", id, "check", Map.of("checkNo", "C-1"));
            JsonNode permit = awaitTask("market-regulation", id, "permit");
            assertThat(permit.at("/inputs/licence").asText()).isEqualTo("materials/licence");
        } finally {
            clock.reset();
        }
    }

    @Test
    void aJointReviewCombinesEveryOpinionAndAnObjectionRejectsTheMatter() {
        String id = newMatter();
        submit(id, "test-joint", 1, "{}");
        awaitTask("natural-resources", id, "planning");
        awaitTask("ecology-environment", id, "ecology");

        reject("natural-resources", id, "planning", "not in the land-use plan");
        await().during(Duration.ofSeconds(2)).atMost(Waits.upTo(Duration.ofSeconds(60)))
                .until(() -> !workflowTypes(id).contains(EventTypes.MATTER_REJECTED));
        reject("ecology-environment", id, "ecology", "protected wetland");

        List<TopicProbe.Seen> seen = awaitWorkflow(id, EventTypes.MATTER_REJECTED);
        JsonNode opinion = workflowEvent(seen, EventTypes.JOINT_OPINION_ISSUED);
        assertThat(opinion.get("objection").asBoolean()).isTrue();
        assertThat(opinion.get("opinions")).hasSize(2);
        assertThat(workflowEvent(seen, EventTypes.MATTER_REJECTED).get("reason").asText())
                .contains("not in the land-use plan").contains("protected wetland");
    }

    @Test
    void aRunningMatterFinishesOnTheDefinitionVersionItStartedWith() {
        String onV1 = newMatter();
        String onV2 = newMatter();
        submit(onV1, "test-pinned", 1, "{}");
        submit(onV2, "test-pinned", 2, "{}");
        awaitTask("market-regulation", onV1, "first");
        awaitTask("market-regulation", onV2, "first");

        complete("market-regulation", onV1, "first", Map.of());
        complete("market-regulation", onV2, "first", Map.of());

        awaitTask("tax", onV1, "old-second");
        awaitTask("tax", onV2, "new-second");
        assertThat(tasksTopicTypes("tax", onV1)).hasSize(1);
    }
}
