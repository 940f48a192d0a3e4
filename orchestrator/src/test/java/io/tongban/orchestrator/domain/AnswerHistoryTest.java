package io.tongban.orchestrator.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongban.contracts.EventTypes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerHistoryTest {
    private static final String COMPLETED = EventTypes.DEPARTMENT_TASK_COMPLETED;
    private static final String REJECTED = EventTypes.DEPARTMENT_TASK_REJECTED;
    private static final String SUPPLEMENT = EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED;
    private static final Instant AT = Instant.parse("2026-03-02T08:00:00Z");

    private static AnswerHistory.Recorded recorded(String type, String hash) {
        return new AnswerHistory.Recorded(type, hash, AT);
    }

    @Test
    void theFirstAnswerIsFresh() {
        assertThat(AnswerHistory.judge(List.of(), COMPLETED, "a", TaskStatus.DISPATCHED))
                .isInstanceOf(AnswerHistory.Fresh.class);
    }

    @Test
    void theSameAnswerAgainIsARepeat() {
        assertThat(AnswerHistory.judge(List.of(recorded(COMPLETED, "a")), COMPLETED, "a", TaskStatus.COMPLETED))
                .isInstanceOf(AnswerHistory.Repeat.class);
    }

    @Test
    void aDifferentAnswerAfterACompletionIsAConflictNamingTheRecordedOne() {
        AnswerHistory.Verdict verdict = AnswerHistory.judge(List.of(recorded(COMPLETED, "a")), REJECTED, "b",
                TaskStatus.COMPLETED);

        assertThat(verdict).isInstanceOf(AnswerHistory.Conflict.class);
        assertThat(((AnswerHistory.Conflict) verdict).reason())
                .isEqualTo("conflicts with the answer recorded at 2026-03-02T08:00:00Z (" + COMPLETED + ")");
    }

    @Test
    void aDifferentAnswerAfterARejectionIsAConflict() {
        assertThat(AnswerHistory.judge(List.of(recorded(REJECTED, "r")), COMPLETED, "c", TaskStatus.REJECTED))
                .isInstanceOf(AnswerHistory.Conflict.class);
    }

    @Test
    void theDepartmentMayDecideAfterAskingForASupplement() {
        assertThat(AnswerHistory.judge(List.of(recorded(SUPPLEMENT, "s")), COMPLETED, "c",
                TaskStatus.AWAITING_SUPPLEMENT)).isInstanceOf(AnswerHistory.Fresh.class);
    }

    @Test
    void anotherSupplementRequestWhileTheFirstIsOpenIsAConflict() {
        assertThat(AnswerHistory.judge(List.of(recorded(SUPPLEMENT, "s1")), SUPPLEMENT, "s2",
                TaskStatus.AWAITING_SUPPLEMENT)).isInstanceOf(AnswerHistory.Conflict.class);
    }

    @Test
    void theSameSupplementRequestAfterTheApplicantSuppliedIsAskedAgain() {
        assertThat(AnswerHistory.judge(List.of(recorded(SUPPLEMENT, "s")), SUPPLEMENT, "s", TaskStatus.DISPATCHED))
                .isInstanceOf(AnswerHistory.Fresh.class);
    }

    @Test
    void aLateRepeatOfAnAnswerTheTaskMovedPastIsARepeatNotAConflict() {
        List<AnswerHistory.Recorded> history = List.of(recorded(SUPPLEMENT, "s"), recorded(COMPLETED, "c"));

        assertThat(AnswerHistory.judge(history, SUPPLEMENT, "s", TaskStatus.COMPLETED))
                .isInstanceOf(AnswerHistory.Repeat.class);
    }
}
