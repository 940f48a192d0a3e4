package io.tongban.intake;

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
import io.tongban.contracts.workflow.TaskDispatched;

/** Issue 8, bad input on Kafka: {@link PoisonRecords} for every consumer of intake. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class PoisonRecordsTest {
    static final String DB = "intake_test";

    static List<Consumer> consumers() {
        Instant now = Instant.parse("2026-11-29T08:00:00Z");
        return List.of(
                new Consumer("intake-service.workflow", Topics.WORKFLOW, "tongban.workflow.dlq.intake-service",
                        EventTypes.MATTER_COMPLETED, id -> new TaskDispatched(id, 2, id + ":birth-certificate",
                                "birth-certificate", "health", List.of("childName"), now, now.plusSeconds(86400))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consumers")
    void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndTheNextRecordIsProcessed(Consumer consumer) {
        PoisonRecords.assertDeadLetteredWithReasonsAndTheNextProcessed(DB, consumer);
    }
}
