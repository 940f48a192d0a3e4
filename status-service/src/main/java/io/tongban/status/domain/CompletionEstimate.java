package io.tongban.status.domain;

import io.tongban.catalogue.WorkingCalendar;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * When a matter can be expected to finish: the end of the longest remaining chain of deadlines. A finished
 * task ends when it finished; a running one at its due time (or now, when that has passed); a waiting one
 * its deadline in working days after the last of its dependencies ends.
 */
public final class CompletionEstimate {
    private static final Set<String> ENDED = Set.of("COMPLETED", "SKIPPED", "REJECTED", "CANCELLED", "REVOKED");

    public record PlannedTask(String taskKey, List<String> dependsOn, String state, Instant dispatchedAt,
                              Instant dueAt, Instant finishedAt, int deadlineWorkingDays) {
    }

    private CompletionEstimate() {
    }

    public static Optional<Instant> expectedCompletion(List<PlannedTask> tasks, Instant start, Instant now,
                                                       WorkingCalendar calendar) {
        if (tasks.isEmpty()) {
            return Optional.empty();
        }
        Map<String, PlannedTask> byKey = new HashMap<>();
        tasks.forEach(t -> byKey.put(t.taskKey(), t));
        Map<String, Instant> ends = new HashMap<>();
        Instant latest = null;
        for (PlannedTask t : tasks) {
            Instant end = end(t, byKey, ends, start, now, calendar, 0);
            latest = latest == null || end.isAfter(latest) ? end : latest;
        }
        return Optional.ofNullable(latest);
    }

    private static Instant end(PlannedTask t, Map<String, PlannedTask> byKey, Map<String, Instant> ends,
                               Instant start, Instant now, WorkingCalendar calendar, int depth) {
        Instant known = ends.get(t.taskKey());
        if (known != null) {
            return known;
        }
        Instant end;
        if (ENDED.contains(t.state()) && t.finishedAt() != null) {
            end = t.finishedAt();
        } else if (t.dispatchedAt() != null) {
            Instant due = t.dueAt() != null ? t.dueAt() : calendar.addWorkingDays(t.dispatchedAt(), t.deadlineWorkingDays());
            end = due.isBefore(now) ? now : due;
        } else {
            Instant ready = now.isAfter(start) ? now : start;
            if (depth < byKey.size()) { // a cycle cannot happen in a valid plan; the depth bound keeps it finite anyway
                for (String dep : t.dependsOn()) {
                    PlannedTask d = byKey.get(dep);
                    if (d != null) {
                        Instant depEnd = end(d, byKey, ends, start, now, calendar, depth + 1);
                        ready = depEnd.isAfter(ready) ? depEnd : ready;
                    }
                }
            }
            end = calendar.addWorkingDays(ready, t.deadlineWorkingDays());
        }
        ends.put(t.taskKey(), end);
        return end;
    }
}
