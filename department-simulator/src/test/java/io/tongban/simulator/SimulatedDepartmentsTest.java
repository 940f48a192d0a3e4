package io.tongban.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongban.contracts.department.DepartmentTaskAssigned;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SimulatedDepartmentsTest {
    private static final DepartmentTaskAssigned TASK = new DepartmentTaskAssigned("m:t", "m", "newborn", "t", "health",
            "t", "t", Map.of("childName", "王小明"), List.of("birthCertificateNo"), Instant.now(), null);

    @Test
    void madeUpNumbersLookLikeDocumentNumbers() {
        assertThat(SimulatedDepartments.madeUpNumber("birthCertificateNo")).matches("BCN[0-9]{9}");
        assertThat(SimulatedDepartments.madeUpNumber("citizenIdNo")).matches("CIN[0-9]{9}");
        assertThat(SimulatedDepartments.madeUpNumber("x")).matches("X[0-9]{9}");
    }

    @Test
    void atRatesOfZeroEveryTaskIsCompletedWithEachDeclaredOutput() {
        Decision decision = Decision.about(TASK, 0, 0);

        assertThat(decision.outcome()).isEqualTo(Decision.COMPLETED);
        assertThat(decision.outputs()).containsOnlyKeys("birthCertificateNo");
    }

    @Test
    void atARejectRateOfOneEveryTaskIsRefusedWithAReason() {
        Decision decision = Decision.about(TASK, 1, 0);

        assertThat(decision.outcome()).isEqualTo(Decision.REJECTED);
        assertThat(decision.reason()).isNotBlank();
    }

    @Test
    void atASupplementRateOfOneTheDepartmentAsksForOneOfTheTasksFields() {
        Decision decision = Decision.about(TASK, 0, 1);

        assertThat(decision.outcome()).isEqualTo(Decision.SUPPLEMENT_NEEDED);
        assertThat(decision.items()).singleElement().satisfies(item -> {
            assertThat(item.kind()).isEqualTo("field");
            assertThat(item.name()).isEqualTo("childName");
        });
        assertThat(decision.callbackBody("m:t")).containsEntry("outcome", "supplement-needed").containsKey("items");
    }
}
