package io.tongban.status;

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
import io.tongban.contracts.matters.MatterWithdrawn;

/** Issue 8, bad input on Kafka: {@link PoisonRecords} for every consumer of the status service. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "status_test"))
class PoisonRecordsTest {
    static final String DB = "status_test";

    static List<Consumer> consumers() {
        Instant now = Instant.parse("2026-11-29T08:00:00Z");
        return List.of(
                new Consumer("status-service.workflow", Topics.WORKFLOW, "tongban.workflow.dlq.status-service",
                        EventTypes.TASK_DISPATCHED, ProgressProjectionTest::accepted),
                new Consumer("status-service.matters", Topics.MATTERS, "tongban.matters.dlq.status-service",
                        EventTypes.MATTER_SUBMITTED, id -> new MatterWithdrawn(id, "applicant-poison", "changed my mind", now)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consumers")
    void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndTheNextRecordIsProcessed(Consumer consumer) {
        PoisonRecords.assertDeadLetteredWithReasonsAndTheNextProcessed(DB, consumer);
    }
}
