package io.tongban.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The short fault suite every build runs: a few hundred mixed matters while each service is killed once, the
 * broker and PostgreSQL restart once and the departments' endpoint is away for a while. The full run is
 * {@code reliability-tests/run --matters 20000}.
 */
@ExtendWith(RunningPlatform.class)
class FaultSuiteIT {
    static FaultSuite.Counts counts;

    @BeforeAll
    static void runTheShortSuite() throws Exception {
        FaultSuite.Options options = new FaultSuite.Options();
        options.matters = Integer.getInteger("tongban.faults.matters", 400);
        options.rate = Double.parseDouble(System.getProperty("tongban.faults.rate", "2"));
        options.rounds = 1;
        options.faults = Set.of("services", "kafka", "postgres", "department");
        options.gapSeconds = 1;
        options.departmentOutageSeconds = 8;
        options.settleSeconds = 150;
        options.types = MatterForms.KNOWN_TYPES;
        counts = new FaultSuite(RunningPlatform.platform(), options).run();
        System.out.println(counts.table());
    }

    @Test
    void everyAcceptedMatterReachesAFinalStateOrWaitsForTheApplicant() {
        assertThat(counts.accepted()).isPositive();
        assertThat(counts.lost()).as(String.join("\n", counts.examples())).isZero();
    }

    @Test
    void noDepartmentReceivesTheSameTaskTwice() {
        assertThat(counts.duplicatedDeliveries()).isZero();
    }

    @Test
    void theProgressViewEqualsTheOrchestratorsStateForEveryMatter() {
        assertThat(counts.viewMismatches()).as(String.join("\n", counts.examples())).isZero();
    }

    @Test
    void nothingSitsInADeadLetterTopic() {
        assertThat(counts.deadLetters()).as(String.join("\n", counts.examples())).isZero();
    }

    @Test
    void noPersonalNumberAppearsInAnyLogLine() {
        assertThat(counts.personalNumbersInLogs()).as(String.join("\n", counts.examples())).isZero();
    }

    @Test
    void everyValidSubmissionIsAccepted() {
        assertThat(counts.accepted()).as(String.join("\n", counts.examples())).isEqualTo(counts.submitted());
    }

    static List<String> examples() {
        return counts.examples();
    }
}
