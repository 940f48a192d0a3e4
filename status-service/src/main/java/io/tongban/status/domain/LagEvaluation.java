package io.tongban.status.domain;

import java.time.Instant;
import java.util.List;

/**
 * Consumer lag evaluation after LinkedIn Burrow's rules, over a sliding window of offset samples per partition
 * (oldest first). A sample is one observed commit: the committed offset, the lag at that time and when it was
 * observed. In order, for a partition whose current lag is above zero:
 * <ol>
 *   <li>STOP — the consumer stopped committing: the time since the newest sample is longer than the window spans
 *       (a partition with no lag is never stopped: the consumer may just have nothing to do);</li>
 *   <li>REWIND — the committed offset went backwards within the window;</li>
 *   <li>OK — some sample in the window had lag zero (it caught up recently);</li>
 *   <li>STALL — the offset did not move over the window while lag stayed (the consumer commits but does not advance);</li>
 *   <li>WARN — the offset moves but the lag never decreased over the window (the consumer falls behind);</li>
 *   <li>otherwise OK.</li>
 * </ol>
 * A group is ERR when any partition is STOP, STALL or REWIND, WARN when any is WARN, else OK.
 */
public final class LagEvaluation {
    public enum PartitionStatus { OK, WARN, STALL, STOP, REWIND }

    public enum GroupStatus { OK, WARN, ERR }

    public record Sample(long offset, long lag, Instant at) {
    }

    private LagEvaluation() {
    }

    public static PartitionStatus partition(List<Sample> window, long currentLag, Instant now) {
        if (window.isEmpty() || currentLag <= 0) {
            return PartitionStatus.OK;
        }
        if (stopped(window, now)) {
            return PartitionStatus.STOP;
        }
        if (rewound(window)) {
            return PartitionStatus.REWIND;
        }
        if (window.stream().anyMatch(s -> s.lag() == 0)) {
            return PartitionStatus.OK;
        }
        if (window.size() > 1 && stalled(window)) {
            return PartitionStatus.STALL;
        }
        if (window.size() > 1 && lagNotDecreasing(window)) {
            return PartitionStatus.WARN;
        }
        return PartitionStatus.OK;
    }

    public static GroupStatus group(List<PartitionStatus> partitions) {
        GroupStatus status = GroupStatus.OK;
        for (PartitionStatus p : partitions) {
            if (p == PartitionStatus.STOP || p == PartitionStatus.STALL || p == PartitionStatus.REWIND) {
                return GroupStatus.ERR;
            }
            if (p == PartitionStatus.WARN) {
                status = GroupStatus.WARN;
            }
        }
        return status;
    }

    private static boolean stopped(List<Sample> window, Instant now) {
        Instant first = window.get(0).at();
        Instant last = window.get(window.size() - 1).at();
        long sinceLast = now.toEpochMilli() - last.toEpochMilli();
        long span = last.toEpochMilli() - first.toEpochMilli();
        return sinceLast > span;
    }

    private static boolean rewound(List<Sample> window) {
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).offset() < window.get(i - 1).offset()) {
                return true;
            }
        }
        return false;
    }

    private static boolean stalled(List<Sample> window) {
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).offset() != window.get(i - 1).offset()) {
                return false;
            }
        }
        return true;
    }

    private static boolean lagNotDecreasing(List<Sample> window) {
        for (int i = 1; i < window.size(); i++) {
            if (window.get(i).lag() < window.get(i - 1).lag()) {
                return false;
            }
        }
        return true;
    }
}
