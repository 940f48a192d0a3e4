package io.tongban.orchestrator.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongban.contracts.EventTypes;
import io.tongban.messaging.IncomingEvent;
import io.tongban.messaging.PoisonEventException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResultSchemasTest {
    private static final ResultSchemas SCHEMAS = new ResultSchemas();
    private static final String COMPLETED = """
            {"taskId":"m-1:birth-certificate","matterId":"m-1","department":"health",
             "outputs":{"birthCertificateNo":"BCN-1"},"completedAt":"2026-11-29T08:15:30Z"}""";

    private static IncomingEvent event(String type, String json) {
        return new IncomingEvent("e-1", type, "/test", "m-1", Instant.now(), "tongban.dept.health.results", json);
    }

    @Test
    void aCompleteAnswerPasses() {
        assertThatCode(() -> SCHEMAS.check(event(EventTypes.DEPARTMENT_TASK_COMPLETED, COMPLETED))).doesNotThrowAnyException();
    }

    @Test
    void aMissingRequiredFieldIsNamed() {
        assertThatThrownBy(() -> SCHEMAS.check(event(EventTypes.DEPARTMENT_TASK_COMPLETED,
                COMPLETED.replace(",\"completedAt\":\"2026-11-29T08:15:30Z\"", ""))))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("does not match its schema")
                .hasMessageContaining("$: required property 'completedAt' not found");
    }

    @Test
    void aWrongTypeIsNamedWithItsPath() {
        assertThatThrownBy(() -> SCHEMAS.check(event(EventTypes.DEPARTMENT_TASK_COMPLETED,
                COMPLETED.replace("{\"birthCertificateNo\":\"BCN-1\"}", "\"BCN-1\""))))
                .isInstanceOf(PoisonEventException.class)
                .hasMessageContaining("$.outputs");
    }

    @Test
    void aStalledReportIsCheckedToo() {
        assertThatThrownBy(() -> SCHEMAS.check(event(EventTypes.DEPARTMENT_TASK_STALLED,
                "{\"taskId\":\"m-1:t\",\"matterId\":\"m-1\",\"department\":\"health\",\"deliveries\":0,"
                        + "\"waitingSince\":\"2026-11-29T08:15:30Z\",\"stalledAt\":\"2026-11-29T09:15:30Z\"}")))
                .hasMessageContaining("deliveries");
    }

    /** Validation runs on every results record: it must stay far below the record's database work (~ms). */
    @Test
    void checkingAnAnswerCostsMicroseconds() {
        IncomingEvent answer = event(EventTypes.DEPARTMENT_TASK_COMPLETED, COMPLETED);
        for (int i = 0; i < 20_000; i++) {
            SCHEMAS.check(answer); // warm-up
        }
        int n = 50_000;
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            SCHEMAS.check(answer);
        }
        double microsEach = (System.nanoTime() - started) / 1_000.0 / n;
        System.out.printf("ResultSchemas.check: %.1f µs per answer (%d answers)%n", microsEach, n);
        assertThat(microsEach).isLessThan(1_000);
    }
}
