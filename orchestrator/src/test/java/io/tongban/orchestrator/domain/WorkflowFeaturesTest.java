package io.tongban.orchestrator.domain;

import io.tongban.catalogue.WorkingCalendar;

import static io.tongban.orchestrator.domain.MatterInstanceTest.assigned;
import static io.tongban.orchestrator.domain.MatterInstanceTest.workflowEvents;
import static org.assertj.core.api.Assertions.assertThat;

import io.tongban.catalogue.CatalogueLoader;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.contracts.department.DepartmentTaskCancelled;
import io.tongban.contracts.department.DepartmentTaskSupplemented;
import io.tongban.contracts.department.SupplementItem;
import io.tongban.contracts.workflow.CommitmentRevoked;
import io.tongban.contracts.workflow.JointOpinionIssued;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.MatterRejected;
import io.tongban.contracts.workflow.SupplementReceived;
import io.tongban.contracts.workflow.SupplementRequested;
import io.tongban.contracts.workflow.TaskAwaitingMaterial;
import io.tongban.contracts.workflow.TaskCompleted;
import io.tongban.contracts.workflow.TaskDeliveryFailed;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.contracts.workflow.TaskOverdue;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 补正, 容缺受理, 告知承诺制, 联合审查, 超时督办 and failed deliveries, on small inline definitions. */
class WorkflowFeaturesTest {
    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z"); // a Monday, 10:00 in Beijing
    static final WorkingCalendar CALENDAR = WorkingCalendar.weekendsOnly(ZoneId.of("Asia/Shanghai"));
    static final List<EscalationLevel> LEVELS = List.of(new EscalationLevel("yellow", 0), new EscalationLevel("red", 2));

    static final MatterDefinition FEATURES = CatalogueLoader.parse("features.yaml", """
            id: features
            version: 1
            title: {zh: 特性, en: Features}
            form:
              type: object
              properties:
                name: {type: string}
                address: {type: object, properties: {city: {type: string}, street: {type: string}}}
            materials:
              - name: licence
                title: {zh: 执照, en: Licence}
                requirement: may-follow-later
            tasks:
              - key: check
                department: market-regulation
                title: {zh: 核验, en: Check}
                inputs: {name: form.name, city: form.address.city}
                outputs: [checkNo]
                deadlineWorkingDays: 2
              - key: permit
                department: market-regulation
                title: {zh: 许可, en: Permit}
                dependsOn: [check]
                inputs: {licence: materials.licence, checkNo: tasks.check.checkNo}
              - key: fire
                department: fire-rescue
                title: {zh: 消防, en: Fire}
                dependsOn: [check]
                byCommitment: true
              - key: sign
                department: city-management
                title: {zh: 招牌, en: Sign}
                dependsOn: [fire]
            """);

    static final MatterDefinition JOINT = CatalogueLoader.parse("joint.yaml", """
            id: joint
            version: 1
            title: {zh: 联审, en: Joint}
            form: {type: object}
            tasks:
              - key: planning
                department: natural-resources
                title: {zh: 规划, en: Planning}
                jointReview: site
              - key: ecology
                department: ecology-environment
                title: {zh: 环评, en: Ecology}
                jointReview: site
              - key: water
                department: water-resources
                title: {zh: 水保, en: Water}
                jointReview: site
              - key: approval
                department: development-reform
                title: {zh: 核准, en: Approval}
                dependsOn: [planning, ecology, water]
            """);

    private final List<Effect> effects = new ArrayList<>();

    private MatterInstance accept(MatterDefinition d, Map<String, Object> materials) {
        return MatterInstance.accept("m-1", d, "a", Map.of("name", "小店", "address", Map.of("city", "北京", "street", "长安街")),
                materials, NOW, NOW, CALENDAR, effects);
    }

    @Test
    void aSupplementRequestPausesTheTaskAndTheSupplementResumesItWithMergedInputsAndAMovedDeadline() {
        MatterInstance matter = accept(FEATURES, Map.of("licence", "ref-1"));
        Instant due = matter.task("check").dueAt();

        List<Effect> asked = matter.requestSupplement("check",
                List.of(new SupplementItem(SupplementItem.FIELD, "address.city", "unreadable")), NOW);
        assertThat(workflowEvents(asked)).hasExactlyElementsOfTypes(SupplementRequested.class);
        assertThat(matter.task("check").status()).isEqualTo(TaskStatus.AWAITING_SUPPLEMENT);

        Instant later = NOW.plus(Duration.ofHours(30));
        List<Effect> resumed = matter.supplementProvided(Map.of("address", Map.of("city", "上海")), Map.of(), later, CALENDAR);

        SupplementReceived received = (SupplementReceived) workflowEvents(resumed).get(0);
        assertThat(received.fields()).containsExactly("address.city");
        assertThat(received.resumedTasks()).containsExactly("check");
        DepartmentTaskSupplemented again = (DepartmentTaskSupplemented) ((Effect.ToDepartment) resumed.get(1)).event();
        assertThat(again.inputs()).containsEntry("city", "上海").containsEntry("name", "小店");
        assertThat(matter.form()).containsEntry("address", Map.of("city", "上海", "street", "长安街"));
        assertThat(matter.task("check").status()).isEqualTo(TaskStatus.DISPATCHED);
        assertThat(matter.task("check").dueAt()).isEqualTo(due.plus(Duration.ofHours(30)));
    }

    @Test
    void aTaskNeedingAMissingMayFollowLaterMaterialWaitsAndTheRestRuns() {
        MatterInstance matter = accept(FEATURES, Map.of());

        List<Effect> out = matter.completeTask("check", Map.of("checkNo", "C1"), NOW, CALENDAR);

        assertThat(matter.task("permit").status()).isEqualTo(TaskStatus.AWAITING_MATERIAL);
        TaskAwaitingMaterial waiting = workflowEvents(out).stream().filter(TaskAwaitingMaterial.class::isInstance)
                .map(TaskAwaitingMaterial.class::cast).findFirst().orElseThrow();
        assertThat(waiting.materials()).containsExactly("licence");
        assertThat(matter.task("sign").status()).isEqualTo(TaskStatus.DISPATCHED);

        List<Effect> supplied = matter.supplementProvided(Map.of(), Map.of("licence", "ref-9"), NOW, CALENDAR);

        assertThat(matter.task("permit").status()).isEqualTo(TaskStatus.DISPATCHED);
        assertThat(assigned(supplied)).singleElement().satisfies(a -> assertThat(a.inputs()).containsEntry("licence", "ref-9"));
    }

    @Test
    void aMayFollowLaterMaterialLeftOutIsPromisedForFiveWorkingDaysAndTheWaitingTaskSaysUntilWhen() {
        MatterInstance matter = accept(FEATURES, Map.of());
        Instant promisedBy = Instant.parse("2026-11-30T02:00:00Z"); // five working days after Monday: next Monday

        List<Effect> out = matter.completeTask("check", Map.of("checkNo", "C1"), NOW, CALENDAR);

        assertThat(matter.promisedMaterials()).containsExactly(Map.entry("licence", promisedBy));
        assertThat(matter.nextPromiseDue()).isEqualTo(promisedBy);
        assertThat(workflowEvents(out)).filteredOn(TaskAwaitingMaterial.class::isInstance).singleElement()
                .satisfies(e -> assertThat(((TaskAwaitingMaterial) e).promisedBy()).isEqualTo(promisedBy));
    }

    @Test
    void aPromisedMaterialNotSuppliedByItsDeadlineEndsTheMatterAndCancelsTheTasksOut() {
        MatterInstance matter = accept(FEATURES, Map.of());
        matter.completeTask("check", Map.of("checkNo", "C1"), NOW, CALENDAR);
        Instant due = matter.nextPromiseDue();

        assertThat(matter.endIfPromiseBroken(due.minusSeconds(1), CALENDAR)).isEmpty();
        List<Effect> out = matter.endIfPromiseBroken(due, CALENDAR);

        MatterRejected rejected = (MatterRejected) workflowEvents(out).get(workflowEvents(out).size() - 1);
        assertThat(rejected.reason()).isEqualTo("promised material licence not supplied by 2026-11-30 (容缺受理)");
        assertThat(rejected.taskKey()).isEqualTo("permit");
        assertThat(matter.status()).isEqualTo(MatterStatus.REJECTED);
        assertThat(matter.task("permit").status()).isEqualTo(TaskStatus.CANCELLED);
        assertThat(out).filteredOn(e -> e instanceof Effect.ToDepartment d && d.event() instanceof DepartmentTaskCancelled)
                .extracting(e -> ((DepartmentTaskCancelled) ((Effect.ToDepartment) e).event()).taskId())
                .containsExactlyInAnyOrder("m-1:fire", "m-1:sign"); // out with their departments; permit never was
        assertThat(matter.nextPromiseDue()).isNull();
    }

    @Test
    void aPromisedMaterialSuppliedInTimeKeepsItsPromise() {
        MatterInstance matter = accept(FEATURES, Map.of());
        Instant due = matter.nextPromiseDue();

        matter.supplementProvided(Map.of(), Map.of("licence", "ref-9"), due.minusSeconds(60), CALENDAR);

        assertThat(matter.nextPromiseDue()).isNull();
        assertThat(matter.endIfPromiseBroken(due.plus(Duration.ofDays(30)), CALENDAR)).isEmpty();
        assertThat(matter.status()).isEqualTo(MatterStatus.IN_PROGRESS);
    }

    @Test
    void aPromisedMaterialArrivingAfterItsDeadlineComesTooLate() {
        MatterInstance matter = accept(FEATURES, Map.of());
        Instant due = matter.nextPromiseDue();

        List<Effect> out = matter.supplementProvided(Map.of(), Map.of("licence", "ref-9"), due.plusSeconds(1), CALENDAR);

        assertThat(workflowEvents(out)).last().isInstanceOf(MatterRejected.class);
        assertThat(matter.materials()).doesNotContainKey("licence");
    }

    @Test
    void aCommitmentTaskIsDispatchedForTheLaterCheckAndCountsAsDoneAtOnce() {
        MatterInstance matter = accept(FEATURES, Map.of("licence", "ref-1"));

        List<Effect> out = matter.completeTask("check", Map.of("checkNo", "C1"), NOW, CALENDAR);

        assertThat(assigned(out)).extracting(a -> a.taskKey()).containsExactlyInAnyOrder("permit", "fire", "sign");
        TaskCompleted committed = workflowEvents(out).stream().filter(TaskCompleted.class::isInstance)
                .map(TaskCompleted.class::cast).filter(TaskCompleted::byCommitment).findFirst().orElseThrow();
        assertThat(committed.taskKey()).isEqualTo("fire");
        assertThat(matter.task("fire").status()).isEqualTo(TaskStatus.COMMITTED);

        // the department's confirmation changes nothing for the dependents
        assertThat(matter.completeTask("fire", Map.of(), NOW, CALENDAR)).isEmpty();
        assertThat(matter.task("fire").status()).isEqualTo(TaskStatus.COMPLETED);
    }

    @Test
    void aFalseCommitmentFoundWhileTheMatterRunsRevokesItAndRejectsTheMatter() {
        MatterInstance matter = accept(FEATURES, Map.of("licence", "ref-1"));
        matter.completeTask("check", Map.of("checkNo", "C1"), NOW, CALENDAR);

        List<Effect> out = matter.rejectTask("fire", "exits blocked", NOW);

        assertThat(workflowEvents(out).get(0)).isInstanceOf(CommitmentRevoked.class);
        assertThat(workflowEvents(out)).last().isInstanceOf(MatterRejected.class);
        assertThat(matter.status()).isEqualTo(MatterStatus.REJECTED);
        assertThat(out).filteredOn(e -> e instanceof Effect.ToDepartment d && d.event() instanceof DepartmentTaskCancelled)
                .hasSize(2); // permit and sign were out
    }

    @Test
    void aFalseCommitmentFoundAfterCompletionIsRecordedAndTheMatterStaysCompleted() {
        MatterInstance matter = accept(FEATURES, Map.of("licence", "ref-1"));
        matter.completeTask("check", Map.of("checkNo", "C1"), NOW, CALENDAR);
        matter.completeTask("permit", Map.of(), NOW, CALENDAR);
        List<Effect> done = matter.completeTask("sign", Map.of(), NOW, CALENDAR);
        assertThat(workflowEvents(done)).last().isInstanceOf(MatterCompleted.class);

        List<Effect> out = matter.rejectTask("fire", "exits blocked", NOW);

        assertThat(workflowEvents(out)).hasExactlyElementsOfTypes(CommitmentRevoked.class);
        assertThat(matter.status()).isEqualTo(MatterStatus.COMPLETED);
        assertThat(matter.task("fire").status()).isEqualTo(TaskStatus.REVOKED);
    }

    @Test
    void aJointReviewWaitsForEveryOpinionAndAnObjectionRejectsWithEveryReason() {
        MatterInstance matter = accept(JOINT, Map.of());

        List<Effect> first = matter.rejectTask("planning", "not in the plan", NOW);
        assertThat(matter.status()).isEqualTo(MatterStatus.IN_PROGRESS);
        assertThat(first).noneMatch(e -> e instanceof Effect.ToDepartment);
        matter.completeTask("ecology", Map.of(), NOW, CALENDAR);
        List<Effect> last = matter.rejectTask("water", "erosion risk", NOW);

        JointOpinionIssued opinion = (JointOpinionIssued) workflowEvents(last).get(1);
        assertThat(opinion.objection()).isTrue();
        assertThat(opinion.opinions()).hasSize(3);
        MatterRejected rejected = (MatterRejected) workflowEvents(last).get(workflowEvents(last).size() - 1);
        assertThat(rejected.reason()).contains("not in the plan").contains("erosion risk");
        assertThat(matter.task("approval").status()).isEqualTo(TaskStatus.CANCELLED);
    }

    @Test
    void aJointReviewWithoutObjectionLetsTheDependentsGoOn() {
        MatterInstance matter = accept(JOINT, Map.of());
        matter.completeTask("planning", Map.of(), NOW, CALENDAR);
        assertThat(matter.completeTask("ecology", Map.of(), NOW, CALENDAR)).hasSize(1);

        List<Effect> last = matter.completeTask("water", Map.of(), NOW, CALENDAR);

        assertThat(workflowEvents(last)).hasExactlyElementsOfTypes(TaskCompleted.class, JointOpinionIssued.class,
                TaskDispatched.class);
        assertThat(((JointOpinionIssued) workflowEvents(last).get(1)).objection()).isFalse();
    }

    @Test
    void anOverdueTaskRaisesEachEscalationLevelOnceWhenReached() {
        MatterInstance matter = accept(FEATURES, Map.of("licence", "ref-1"));
        Instant due = matter.task("check").dueAt(); // Wednesday

        assertThat(matter.raiseOverdue(due.minusSeconds(1), CALENDAR, LEVELS)).isEmpty();
        List<Effect> yellow = matter.raiseOverdue(due, CALENDAR, LEVELS);
        assertThat(workflowEvents(yellow)).singleElement().satisfies(e -> assertThat(((TaskOverdue) e).level()).isEqualTo("yellow"));
        assertThat(matter.raiseOverdue(due.plus(Duration.ofDays(1)), CALENDAR, LEVELS)).isEmpty();
        assertThat(matter.nextEscalationAt(matter.task("check"), CALENDAR, LEVELS)).isEqualTo(due.plus(Duration.ofDays(2)));
        List<Effect> red = matter.raiseOverdue(due.plus(Duration.ofDays(2)), CALENDAR, LEVELS);
        assertThat(workflowEvents(red)).singleElement().satisfies(e -> assertThat(((TaskOverdue) e).level()).isEqualTo("red"));
        assertThat(matter.raiseOverdue(due.plus(Duration.ofDays(30)), CALENDAR, LEVELS)).isEmpty();
        assertThat(matter.nextEscalationAt(matter.task("check"), CALENDAR, LEVELS)).isNull();
    }

    @Test
    void aTaskWaitingForASupplementIsNotOverdue() {
        MatterInstance matter = accept(FEATURES, Map.of("licence", "ref-1"));
        matter.requestSupplement("check", List.of(), NOW);

        assertThat(matter.raiseOverdue(NOW.plus(Duration.ofDays(30)), CALENDAR, LEVELS)).isEmpty();
    }

    @Test
    void aFailedDeliveryIsShownAndTheMatterStaysOpenForALateAnswer() {
        MatterInstance matter = accept(FEATURES, Map.of("licence", "ref-1"));

        List<Effect> out = matter.deliveryFailed("check", "connection refused", NOW);

        assertThat(workflowEvents(out)).hasExactlyElementsOfTypes(TaskDeliveryFailed.class);
        assertThat(matter.task("check").status()).isEqualTo(TaskStatus.DELIVERY_FAILED);
        assertThat(matter.status()).isEqualTo(MatterStatus.IN_PROGRESS);
        assertThat(matter.completeTask("check", Map.of("checkNo", "C1"), NOW, CALENDAR)).isNotEmpty();
    }
}
