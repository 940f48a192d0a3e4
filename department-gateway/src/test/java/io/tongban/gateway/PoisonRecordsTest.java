package io.tongban.gateway;

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
import io.tongban.contracts.department.DepartmentTaskCancelled;

/** Issue 8, bad input on Kafka: {@link PoisonRecords} for every consumer of the department gateway. */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "gateway_test"))
@QuarkusTestResource(DepartmentSystemStub.class)
class PoisonRecordsTest {
    static final String DB = "gateway_test";

    static List<Consumer> consumers() {
        Instant now = Instant.parse("2026-11-29T08:00:00Z");
        return List.of(
                new Consumer("department-gateway.tasks", Topics.tasksOf("health"), "tongban.dept.tasks.dlq.department-gateway",
                        EventTypes.DEPARTMENT_TASK_ASSIGNED, id -> new DepartmentTaskCancelled(id + ":birth-certificate", id,
                                "health", "withdrawn", now)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("consumers")
    void badRecordsGoToTheDeadLetterTopicWithTheirReasonAndTheNextRecordIsProcessed(Consumer consumer) {
        PoisonRecords.assertDeadLetteredWithReasonsAndTheNextProcessed(DB, consumer);
    }
}
