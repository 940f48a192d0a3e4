package io.tongban.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The fault schedule of issue 13, short: load at 1 matter/s; kill -9 PostgreSQL; 20 s later kill -9 the broker;
 * 20 s later kill -9 the orchestrator and the gateway at the same moment; 15 s later kill -9 the gateway while
 * the departments answer; each restarted at once. Every accepted matter must be decided or wait for its
 * applicant, each department answer recorded once, none stuck, none lost; the recovery time of each fault is
 * printed. The long run is {@code reliability-tests/run --schedule outage --rate 3 --load-seconds 180}.
 *
 * <p>Runs on every build ({@code reliability-tests/pom.xml} sets {@code tongban.faults.schedule=true});
 * {@code -Dtongban.faults.schedule=false} skips it.
 */
@EnabledIfSystemProperty(named = "tongban.faults.schedule", matches = "true")
@ExtendWith(RunningPlatform.class)
class FaultScheduleIT {
    static FaultSuite.Counts counts;

    @BeforeAll
    static void runTheShortSchedule() throws Exception {
        FaultSuite.Options options = new FaultSuite.Options();
        options.schedule = "outage";
        options.rate = Double.parseDouble(System.getProperty("tongban.faults.schedule.rate", "1"));
        options.loadSeconds = Long.getLong("tongban.faults.schedule.load-seconds", 75);
        options.firstFaultSeconds = Long.getLong("tongban.faults.schedule.first-fault-seconds", 5);
        options.pauseSeconds = Long.getLong("tongban.faults.schedule.pause-seconds", 20);
        options.answeringPauseSeconds = Long.getLong("tongban.faults.schedule.answering-pause-seconds", 15);
        options.withdrawRate = 0;
        options.settleSeconds = Long.getLong("tongban.faults.schedule.settle-seconds", 240);
        options.types = MatterForms.KNOWN_TYPES;
        counts = new FaultSuite(RunningPlatform.platform(), options).run();
        System.out.println(counts.table());
    }

    @Test
    void everyAcceptedMatterIsDecidedOrWaitsForItsApplicant() {
        assertThat(counts.accepted()).isPositive();
        assertThat(counts.lost()).as(String.join("\n", counts.examples())).isZero();
    }

    @Test
    void noMatterIsStuckAtADepartmentTask() {
        assertThat(counts.stuck()).as(String.join("\n", counts.examples())).isZero();
    }

    @Test
    void eachDepartmentAnswerIsRecordedOnceInTheHandOffChain() {
        assertThat(counts.answersRecordedTwice()).as(String.join("\n", counts.examples())).isZero();
    }

    @Test
    void everyValidSubmissionIsAccepted() {
        assertThat(counts.accepted()).as(String.join("\n", counts.examples())).isEqualTo(counts.submitted());
    }

    @Test
    void nothingSitsInADeadLetterTopic() {
        assertThat(counts.deadLetters()).as(String.join("\n", counts.examples())).isZero();
    }

    @Test
    void theProgressViewEqualsTheOrchestratorsStateForEveryMatter() {
        assertThat(counts.viewMismatches()).as(String.join("\n", counts.examples())).isZero();
    }
}
