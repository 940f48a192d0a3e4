package io.tongban.status.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.department.SupplementItem;
import io.tongban.status.domain.CompletionEstimate;
import io.tongban.catalogue.WorkingCalendar;
import io.tongban.status.persistence.MatterProgress;
import io.tongban.status.persistence.TaskProgress;
import io.tongban.status.persistence.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Builds the applicant's view of one matter from the projection tables (inside a session). */
@ApplicationScoped
public class ProgressViews {
    private static final Set<String> DONE = Set.of("COMPLETED", "SKIPPED");
    private static final java.time.format.DateTimeFormatter WAITING_SINCE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");
    private static final Set<String> RUNNING = Set.of("DISPATCHED", "WAITING_FOR_SUPPLEMENT", "AWAITING_MATERIAL",
            "DELIVERY_FAILED");

    /**
     * Something a task waits for: a {@code dependency} (task key), a {@code field} or a {@code material};
     * {@code dueBy}: for a material promised to follow later (容缺受理), the deadline of the promise, else null.
     */
    public record WaitItem(String kind, String name, String reason, Instant dueBy) {
    }

    public record TaskView(String taskKey, String taskId, String department, String titleZh, String titleEn,
                           String state, List<String> dependsOn, List<WaitItem> waitingFor, Instant dispatchedAt,
                           Instant dueAt, Integer remainingWorkingDays, String overdueLevel, Instant finishedAt,
                           Map<String, Object> outputs, String reason, Instant stalledSince, String waitingNote) {
    }

    public record TimelineView(long sequence, String type, Instant at, String summary) {
    }

    public record Progress(String matterId, String matterType, Integer definitionVersion, String titleZh,
                           String titleEn, String state, int percentDone, Instant submittedAt, Instant acceptedAt,
                           Instant finishedAt, Instant expectedCompletion, String reason, long lastSequence,
                           List<TaskView> tasks, List<TimelineView> timeline) {
    }

    @Inject
    WorkingCalendar calendar;

    @Inject
    Clock clock;

    public Uni<Progress> load(MatterProgress matter) {
        UUID id = matter.matterId;
        return TaskProgress.<TaskProgress>list("matterId", id).chain(tasks ->
                TimelineEntry.<TimelineEntry>list("matterId = ?1 order by sequence", id)
                        .map(timeline -> view(matter, tasks, timeline)));
    }

    Progress view(MatterProgress m, List<TaskProgress> tasks, List<TimelineEntry> timeline) {
        Instant now = clock.instant();
        Map<String, String> stateByKey = new HashMap<>();
        tasks.forEach(t -> stateByKey.put(t.taskKey, t.state));
        List<TaskView> taskViews = tasks.stream()
                .sorted(Comparator.comparing((TaskProgress t) -> t.dispatchedAt == null ? Instant.MAX : t.dispatchedAt)
                        .thenComparing(t -> t.taskKey))
                .map(t -> task(t, stateByKey, now)).toList();
        long done = tasks.stream().filter(t -> DONE.contains(t.state)).count();
        int percent = tasks.isEmpty() ? 0 : (int) (100 * done / tasks.size());
        Instant expected = m.finishedAt != null ? m.finishedAt : CompletionEstimate.expectedCompletion(
                tasks.stream().map(t -> new CompletionEstimate.PlannedTask(t.taskKey, list(t.dependsOn), t.state,
                        t.dispatchedAt, t.dueAt, t.finishedAt, t.deadlineWorkingDays)).toList(),
                m.acceptedAt != null ? m.acceptedAt : now, now, calendar).orElse(null);
        return new Progress(m.matterId.toString(), m.matterType, m.definitionVersion, m.titleZh, m.titleEn, m.state,
                percent, m.submittedAt, m.acceptedAt, m.finishedAt, expected, m.outcomeReason, m.lastSequence, taskViews,
                timeline.stream().map(e -> new TimelineView(e.sequence, e.eventType, e.occurredAt, e.summary)).toList());
    }

    private TaskView task(TaskProgress t, Map<String, String> stateByKey, Instant now) {
        List<String> deps = list(t.dependsOn);
        List<WaitItem> waiting = new ArrayList<>();
        if ("WAITING".equals(t.state)) {
            deps.stream().filter(d -> !DONE.contains(stateByKey.get(d)))
                    .forEach(d -> waiting.add(new WaitItem("dependency", d, "waits for " + d + " to finish", null)));
        }
        if (t.waitingFor != null) {
            items(t.waitingFor).forEach(i -> waiting.add(new WaitItem(i.kind(), i.name(), i.reason(),
                    SupplementItem.MATERIAL.equals(i.kind()) ? t.promisedBy : null)));
        }
        Integer remaining = RUNNING.contains(t.state) && t.dueAt != null
                ? calendar.workingDaysBetween(now, t.dueAt) : null;
        return new TaskView(t.taskKey, t.taskId, t.department, t.titleZh, t.titleEn, t.state, deps, waiting,
                t.dispatchedAt, t.dueAt, remaining, t.overdueLevel, t.finishedAt,
                t.outputs == null ? Map.of() : EventJson.readMapOrEmpty(t.outputs), t.reason, t.stalledSince,
                t.stalledSince == null ? null : waitingNote(t.department, t.stalledSince));
    }

    /** What the applicant reads: whom the matter waits on, since when (local time of the service's calendar). */
    private String waitingNote(String department, Instant since) {
        return "waiting for " + department + " since " + WAITING_SINCE.format(since.atZone(calendar.zone()));
    }

    static List<String> list(String json) {
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return List.of();
        }
    }

    private static List<SupplementItem> items(String json) {
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<SupplementItem>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }
}
