package io.tongban.orchestrator;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.PoisonRecords;
import io.tongban.testsupport.PoisonRecords.Consumer;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import io.tongban.contracts.department.DepartmentTaskReceived;
import io.tongban.contracts.matters.MatterRated;

/** Issue 8, bad input on Kafka: {@link PoisonRecords} for every consumer of the orchestrator. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "orchestrator_test"))
class PoisonRecordsTest {
    static final String DB = "orchestrator_test";

    static List<Consumer> consumers() {
        Instant now = Instant.parse("2026-11-29T08:00:00Z");
        return List.of(
                new Consumer("orchestrator.matters", Topics.MATTERS, "tongban.matters.dlq.orchestrator",
                        EventTypes.MATTER_SUBMITTED, id -> new MatterRated(id, "applicant-poison", 5, null, now)),
                new Consumer("orchestrator.results", Topics.resultsOf("health"), "tongban.dept.results.dlq.orchestrator",
                        EventTypes.DEPARTMENT_TASK_COMPLETED,
                        id -> new DepartmentTaskReceived(id + ":birth-certificate", id, "health", now)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consumers")
    void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndTheNextRecordIsProcessed(Consumer consumer) {
        PoisonRecords.assertDeadLetteredWithReasonsAndTheNextProcessed(DB, consumer);
    }
}
