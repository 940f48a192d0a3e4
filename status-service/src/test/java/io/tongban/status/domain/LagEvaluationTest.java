package io.tongban.status.domain;

import static io.tongban.status.domain.LagEvaluation.PartitionStatus.OK;
import static io.tongban.status.domain.LagEvaluation.PartitionStatus.REWIND;
import static io.tongban.status.domain.LagEvaluation.PartitionStatus.STALL;
import static io.tongban.status.domain.LagEvaluation.PartitionStatus.STOP;
import static io.tongban.status.domain.LagEvaluation.PartitionStatus.WARN;
import static org.assertj.core.api.Assertions.assertThat;

import io.tongban.status.domain.LagEvaluation.GroupStatus;
import io.tongban.status.domain.LagEvaluation.Sample;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagEvaluationTest {
    static final Instant T0 = Instant.parse("2026-11-27T02:00:00Z");

    /** Samples every 10 s: offsets and lags given pairwise. */
    static List<Sample> window(long... offsetLagPairs) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < offsetLagPairs.length; i += 2) {
            samples.add(new Sample(offsetLagPairs[i], offsetLagPairs[i + 1], T0.plusSeconds(5L * i)));
        }
        return samples;
    }

    static Instant justAfter(List<Sample> window) {
        return window.get(window.size() - 1).at().plusSeconds(1);
    }

    @Test
    void aConsumerThatCaughtUpInTheWindowIsOk() {
        List<Sample> w = window(10, 5, 15, 0, 20, 3);
        assertThat(LagEvaluation.partition(w, 3, justAfter(w))).isEqualTo(OK);
    }

    @Test
    void aPartitionWithoutLagIsOkEvenIfNobodyCommitsAnyMore() {
        List<Sample> w = window(10, 0, 10, 0);
        assertThat(LagEvaluation.partition(w, 0, T0.plusSeconds(3600))).isEqualTo(OK);
    }

    @Test
    void offsetsMovingWhileLagNeverDecreasesIsAWarning() {
        List<Sample> w = window(10, 5, 12, 6, 14, 6, 16, 9);
        assertThat(LagEvaluation.partition(w, 9, justAfter(w))).isEqualTo(WARN);
    }

    @Test
    void lagThatCameDownOnceIsOk() {
        List<Sample> w = window(10, 5, 12, 8, 20, 4, 22, 6);
        assertThat(LagEvaluation.partition(w, 6, justAfter(w))).isEqualTo(OK);
    }

    @Test
    void anOffsetThatDoesNotMoveWhileLagStaysIsStalled() {
        List<Sample> w = window(10, 5, 10, 5, 10, 7);
        assertThat(LagEvaluation.partition(w, 7, justAfter(w))).isEqualTo(STALL);
    }

    @Test
    void noCommitForLongerThanTheWindowSpansIsStopped() {
        List<Sample> w = window(10, 5, 12, 6, 14, 7); // spans 20 s
        assertThat(LagEvaluation.partition(w, 7, w.get(2).at().plusSeconds(21))).isEqualTo(STOP);
        assertThat(LagEvaluation.partition(w, 7, w.get(2).at().plusSeconds(19))).isEqualTo(WARN);
    }

    @Test
    void aSingleCommitWithLagThatIsNotFollowedByAnotherIsStopped() {
        List<Sample> w = window(3, 7);
        assertThat(LagEvaluation.partition(w, 7, justAfter(w))).isEqualTo(STOP);
    }

    @Test
    void anOffsetGoingBackwardsIsARewind() {
        List<Sample> w = window(10, 5, 4, 11, 6, 11);
        assertThat(LagEvaluation.partition(w, 11, justAfter(w))).isEqualTo(REWIND);
    }

    @Test
    void theGroupTakesItsWorstPartition() {
        assertThat(LagEvaluation.group(List.of(OK, OK))).isEqualTo(GroupStatus.OK);
        assertThat(LagEvaluation.group(List.of(OK, WARN))).isEqualTo(GroupStatus.WARN);
        assertThat(LagEvaluation.group(List.of(WARN, STALL))).isEqualTo(GroupStatus.ERR);
        assertThat(LagEvaluation.group(List.of(STOP))).isEqualTo(GroupStatus.ERR);
        assertThat(LagEvaluation.group(List.of(REWIND, OK))).isEqualTo(GroupStatus.ERR);
    }
}
