package io.tongban.orchestrator.domain;

import io.tongban.catalogue.WorkingCalendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongban.catalogue.CatalogueLoader;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.DepartmentTaskCancelled;
import io.tongban.contracts.workflow.MatterAccepted;
import io.tongban.contracts.workflow.MatterCancelled;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.MatterRejected;
import io.tongban.contracts.workflow.TaskCancelled;
import io.tongban.contracts.workflow.TaskCompleted;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.contracts.workflow.TaskSkipped;
import io.tongban.contracts.workflow.WorkflowEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MatterInstanceTest {
    static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z"); // a Friday, 10:00 in Beijing
    static final WorkingCalendar CALENDAR = WorkingCalendar.weekendsOnly(ZoneId.of("Asia/Shanghai"));
    static final MatterDefinition NEWBORN = CatalogueLoader.loadBuiltInCatalogue().find("newborn", 1).orElseThrow();
    static final Map<String, Object> FORM = Map.of(
            "child", Map.of("name", "王小明", "sex", "male", "birthDate", "2026-11-20"),
            "mother", Map.of("name", "李芳", "idCard", "11010519491231002X"),
            "father", Map.of("name", "王强", "idCard", "110105194912310037"),
            "hospital", "市第一人民医院", "householdAddress", "北京市朝阳区建国路1号");

    private final List<Effect> effects = new ArrayList<>();

    private MatterInstance acceptNewborn() {
        return MatterInstance.accept("m-1", NEWBORN, "applicant-1", FORM, Map.of(), NOW, NOW, CALENDAR, effects);
    }

    @Test
    void acceptingDispatchesOnlyTheTasksWithoutDependencies() {
        MatterInstance matter = acceptNewborn();

        assertThat(workflowEvents(effects)).hasExactlyElementsOfTypes(MatterAccepted.class, TaskDispatched.class);
        DepartmentTaskAssigned assigned = assigned(effects).get(0);
        assertThat(assigned.department()).isEqualTo("health");
        assertThat(assigned.taskId()).isEqualTo("m-1:birth-certificate");
        assertThat(assigned.inputs()).containsEntry("childName", "王小明").doesNotContainKey("motherIdCard");
        assertThat(matter.task("household-registration").status()).isEqualTo(TaskStatus.WAITING);
    }

    @Test
    void deadlineCountsWorkingDaysOnly() {
        acceptNewborn();

        // 1 working day after a Friday is the Monday
        assertThat(assigned(effects).get(0).dueAt()).isEqualTo(Instant.parse("2026-11-30T02:00:00Z"));
    }

    @Test
    void theCertificateNumberIsPassedToTheNextDepartment() {
        MatterInstance matter = acceptNewborn();

        List<Effect> next = matter.completeTask("birth-certificate", Map.of("birthCertificateNo", "O110123"), NOW, CALENDAR);

        DepartmentTaskAssigned police = assigned(next).get(0);
        assertThat(police.department()).isEqualTo("public-security");
        assertThat(police.inputs()).containsEntry("birthCertificateNo", "O110123").containsEntry("motherIdCard",
                "11010519491231002X");
    }

    @Test
    void theMatterCompletesWhenEveryTaskIsDoneWithAllResultsAndGaplessSequence() {
        MatterInstance matter = acceptNewborn();
        List<Effect> all = new ArrayList<>(effects);

        all.addAll(matter.completeTask("birth-certificate", Map.of("birthCertificateNo", "O1"), NOW, CALENDAR));
        all.addAll(matter.completeTask("household-registration",
                Map.of("householdRegistrationNo", "H1", "citizenIdNo", "110105202611200011"), NOW, CALENDAR));
        all.addAll(matter.completeTask("medical-insurance", Map.of("insuranceEnrolmentNo", "M1"), NOW, CALENDAR));

        assertThat(matter.status()).isEqualTo(MatterStatus.COMPLETED);
        List<WorkflowEvent> events = workflowEvents(all);
        assertThat(events).extracting(WorkflowEvent::sequence).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
        MatterCompleted completed = (MatterCompleted) events.get(events.size() - 1);
        assertThat(completed.results()).extracting(MatterCompleted.DepartmentResult::taskKey)
                .containsExactly("birth-certificate", "household-registration", "medical-insurance");
        assertThat(assigned(all).get(2).inputs()).containsEntry("householdRegistrationNo", "H1");
    }

    @Test
    void aRejectedTaskRejectsTheMatterAndCancelsTheRest() {
        MatterInstance matter = acceptNewborn();

        List<Effect> out = matter.rejectTask("birth-certificate", "no birth record", NOW);

        assertThat(matter.status()).isEqualTo(MatterStatus.REJECTED);
        assertThat(workflowEvents(out)).last().isInstanceOf(MatterRejected.class);
        assertThat(workflowEvents(out)).filteredOn(TaskCancelled.class::isInstance).hasSize(2);
        assertThat(matter.task("medical-insurance").status()).isEqualTo(TaskStatus.CANCELLED);
        // the waiting tasks never reached a department: no cancel message goes out for them
        assertThat(out).noneMatch(e -> e instanceof Effect.ToDepartment);
    }

    @Test
    void withdrawalCancelsTheRunningTaskAtItsDepartment() {
        MatterInstance matter = acceptNewborn();

        List<Effect> out = matter.withdraw("changed my mind", NOW);

        assertThat(matter.status()).isEqualTo(MatterStatus.CANCELLED);
        assertThat(out).filteredOn(e -> e instanceof Effect.ToDepartment d && d.event() instanceof DepartmentTaskCancelled)
                .hasSize(1);
        assertThat(workflowEvents(out)).last().isInstanceOf(MatterCancelled.class);
        assertThat(matter.withdraw("again", NOW)).isEmpty();
    }

    @Test
    void aResultForATaskThatIsNotOutChangesNothing() {
        MatterInstance matter = acceptNewborn();
        matter.completeTask("birth-certificate", Map.of("birthCertificateNo", "O1"), NOW, CALENDAR);
        long sequence = matter.sequence();

        assertThat(matter.completeTask("birth-certificate", Map.of("birthCertificateNo", "O2"), NOW, CALENDAR)).isEmpty();
        assertThat(matter.completeTask("medical-insurance", Map.of("insuranceEnrolmentNo", "M"), NOW, CALENDAR)).isEmpty();
        assertThat(matter.sequence()).isEqualTo(sequence);
        assertThat(matter.task("birth-certificate").outputs()).containsEntry("birthCertificateNo", "O1");
    }

    @Test
    void aCompletionWithoutTheDeclaredOutputsIsRefused() {
        MatterInstance matter = acceptNewborn();

        assertThatThrownBy(() -> matter.completeTask("birth-certificate", Map.of("other", 1), NOW, CALENDAR))
                .isInstanceOf(IllegalResultException.class)
                .hasMessageContaining("birthCertificateNo");
        assertThatThrownBy(() -> matter.completeTask("no-such-task", Map.of(), NOW, CALENDAR))
                .isInstanceOf(IllegalResultException.class);
    }

    @Test
    void aTaskWhoseConditionDoesNotHoldIsSkippedAndUnblocksItsDependents() {
        MatterDefinition d = CatalogueLoader.parse("sample.yaml", """
                id: sample
                version: 1
                title: {zh: 样例, en: Sample}
                form: {type: object, properties: {hasSign: {type: boolean}}}
                tasks:
                  - key: sign
                    department: city-management
                    title: {zh: 招牌, en: Sign}
                    condition: form.hasSign == true
                  - key: final
                    department: market-regulation
                    title: {zh: 终, en: Final}
                    dependsOn: [sign]
                """);

        MatterInstance matter = MatterInstance.accept("m-2", d, "a", Map.of("hasSign", false), Map.of(), NOW, NOW,
                CALENDAR, effects);

        assertThat(matter.task("sign").status()).isEqualTo(TaskStatus.SKIPPED);
        assertThat(matter.task("final").status()).isEqualTo(TaskStatus.DISPATCHED);
        assertThat(workflowEvents(effects)).hasExactlyElementsOfTypes(MatterAccepted.class, TaskSkipped.class,
                TaskDispatched.class);
    }

    static List<WorkflowEvent> workflowEvents(List<Effect> effects) {
        return effects.stream().filter(Effect.Workflow.class::isInstance).map(e -> ((Effect.Workflow) e).event()).toList();
    }

    static List<DepartmentTaskAssigned> assigned(List<Effect> effects) {
        return effects.stream().filter(e -> e instanceof Effect.ToDepartment d && d.event() instanceof DepartmentTaskAssigned)
                .map(e -> (DepartmentTaskAssigned) ((Effect.ToDepartment) e).event()).toList();
    }
}
