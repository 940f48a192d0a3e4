package io.tongban.status.rest;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.status.domain.Percentiles;
import io.tongban.catalogue.WorkingCalendar;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Figures for ops teams and for the policy goals (减时限, 减跑动, 好差评). Windows are [from, to), ISO instants. */
@Path("/api/ops")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("ops")
public class OpsFiguresResource {
    private static final String RUNNING = "('DISPATCHED', 'WAITING_FOR_SUPPLEMENT', 'AWAITING_MATERIAL', 'DELIVERY_FAILED')";

    public record OverdueTask(String matterId, String taskKey, String state, Instant dueAt, String overdueLevel,
                              int workingDaysOverdue) {
    }

    public record DepartmentOverdue(String department, int count, List<OverdueTask> tasks) {
    }

    public record StalledTask(String matterId, String taskKey, String taskId, String state, Instant waitingSince,
                              Instant stalledAt, Integer deliveries) {
    }

    public record DepartmentStalled(String department, int count, List<StalledTask> tasks) {
    }

    public record DeadLetter(String key, String eventType, String reason, String originalTopic, Instant at) {
    }

    public record DeadLetterTopic(String topic, long count, List<DeadLetter> latest) {
    }

    public record DepartmentFigures(String department, long openTasks, long handledTasks, Double medianHandlingHours,
                                    Double p90HandlingHours, Double deadlineCompliance) {
    }

    public record MatterTypeFigures(String matterType, long completed, Double medianWorkingDays,
                                    Integer legalTimeLimitWorkingDays, Double shareWithinLegalLimit, Double averageRating,
                                    long ratings, long badRatings) {
    }

    @Inject
    WorkingCalendar calendar;

    @Inject
    MatterCatalogue catalogue;

    @Inject
    Clock clock;

    @GET
    @Path("/overdue-tasks")
    @Operation(summary = "超时督办: running tasks past their due time (or flagged overdue by the orchestrator), by department")
    public Uni<List<DepartmentOverdue>> overdue() {
        Instant now = clock.instant();
        return query("""
                select department, matter_id, task_key, state, due_at, overdue_level from task_progress
                where state in %s and (due_at < ?1 or overdue_level is not null)
                order by department, due_at""".formatted(RUNNING), now)
                .map(rows -> {
                    Map<String, List<OverdueTask>> byDepartment = new TreeMap<>();
                    for (Object[] r : rows) {
                        Instant due = Timestamps.instant(r[4]);
                        int overdueDays = due == null ? 0 : Math.max(0, -calendar.workingDaysBetween(now, due));
                        byDepartment.computeIfAbsent((String) r[0], d -> new ArrayList<>()).add(new OverdueTask(
                                r[1].toString(), (String) r[2], (String) r[3], due, (String) r[5], overdueDays));
                    }
                    List<DepartmentOverdue> result = new ArrayList<>();
                    byDepartment.forEach((d, tasks) -> result.add(new DepartmentOverdue(d, tasks.size(), tasks)));
                    return result;
                });
    }

    @GET
    @Path("/stalled-tasks")
    @Operation(summary = "Tasks a department took but did not answer through every re-delivery (the gateway's answer "
            + "timeout), by department, longest waiting first; a later answer clears them")
    public Uni<List<DepartmentStalled>> stalled() {
        return query("""
                select department, matter_id, task_key, task_id, state, stalled_since, stalled_at, stalled_deliveries
                from task_progress where stalled_since is not null
                order by department, stalled_since""")
                .map(rows -> {
                    Map<String, List<StalledTask>> byDepartment = new TreeMap<>();
                    for (Object[] r : rows) {
                        byDepartment.computeIfAbsent((String) r[0], d -> new ArrayList<>()).add(new StalledTask(
                                r[1].toString(), (String) r[2], (String) r[3], (String) r[4], Timestamps.instant(r[5]),
                                Timestamps.instant(r[6]), r[7] == null ? null : ((Number) r[7]).intValue()));
                    }
                    List<DepartmentStalled> result = new ArrayList<>();
                    byDepartment.forEach((d, tasks) -> result.add(new DepartmentStalled(d, tasks.size(), tasks)));
                    return result;
                });
    }

    @GET
    @Path("/dead-letters")
    @Operation(summary = "Dead letters per topic: how many, and the latest 20 with their reasons")
    public Uni<List<DeadLetterTopic>> deadLetters(@QueryParam("topic") String topic) {
        return query("""
                select topic, record_key, event_type, reason, original_topic, recorded_at,
                       count(*) over (partition by topic), row_number() over (partition by topic order by recorded_at desc)
                from dead_letter where (?1 = '' or topic = ?1) order by topic, recorded_at desc""",
                topic == null ? "" : topic)
                .map(rows -> {
                    Map<String, DeadLetterTopic> byTopic = new LinkedHashMap<>();
                    for (Object[] r : rows) {
                        DeadLetterTopic t = byTopic.computeIfAbsent((String) r[0],
                                k -> new DeadLetterTopic(k, ((Number) r[6]).longValue(), new ArrayList<>()));
                        if (((Number) r[7]).longValue() <= 20) {
                            t.latest().add(new DeadLetter((String) r[1], (String) r[2], (String) r[3], (String) r[4],
                                    Timestamps.instant(r[5])));
                        }
                    }
                    return List.copyOf(byTopic.values());
                });
    }

    @GET
    @Path("/departments/figures")
    @Operation(summary = "Per department: open tasks now; for tasks finished in [from, to): median and p90 handling "
            + "time (dispatch to finish, hours) and deadline compliance (share finished by their due time)")
    public Uni<List<DepartmentFigures>> departments(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant[] window = window(from, to);
        return query("""
                select department, state, dispatched_at, finished_at, due_at from task_progress
                where state in %s or (state in ('COMPLETED', 'REJECTED') and dispatched_at is not null
                                      and finished_at >= ?1 and finished_at < ?2)""".formatted(RUNNING),
                window[0], window[1])
                .map(rows -> {
                    Map<String, List<Object[]>> byDepartment = new TreeMap<>();
                    rows.forEach(r -> byDepartment.computeIfAbsent((String) r[0], d -> new ArrayList<>()).add(r));
                    List<DepartmentFigures> result = new ArrayList<>();
                    byDepartment.forEach((department, tasks) -> {
                        long open = tasks.stream().filter(r -> !"COMPLETED".equals(r[1]) && !"REJECTED".equals(r[1])).count();
                        List<Object[]> handled = tasks.stream()
                                .filter(r -> "COMPLETED".equals(r[1]) || "REJECTED".equals(r[1])).toList();
                        List<Double> hours = handled.stream().map(r -> Duration.between(Timestamps.instant(r[2]),
                                Timestamps.instant(r[3])).toSeconds() / 3600.0).toList();
                        List<Object[]> withDue = handled.stream().filter(r -> r[4] != null).toList();
                        Double compliance = withDue.isEmpty() ? null : withDue.stream()
                                .filter(r -> !Timestamps.instant(r[3]).isAfter(Timestamps.instant(r[4]))).count()
                                / (double) withDue.size();
                        result.add(new DepartmentFigures(department, open, handled.size(), Percentiles.of(hours, 50),
                                Percentiles.of(hours, 90), compliance));
                    });
                    return result;
                });
    }

    @GET
    @Path("/matter-types/figures")
    @Operation(summary = "Per matter type, for matters completed in [from, to): median working days from submission to "
            + "completion against the legal time limit (减时限), and the average rating (好差评; 1-2 are bad)")
    public Uni<List<MatterTypeFigures>> matterTypes(@QueryParam("from") String from, @QueryParam("to") String to) {
        Instant[] window = window(from, to);
        return query("""
                select m.matter_type, m.submitted_at, m.finished_at, r.grade from matter_progress m
                left join matter_rating r on r.matter_id = m.matter_id
                where m.state = 'COMPLETED' and m.submitted_at is not null and m.finished_at >= ?1 and m.finished_at < ?2
                order by m.matter_type""", window[0], window[1])
                .map(rows -> {
                    Map<String, List<Object[]>> byType = new TreeMap<>();
                    rows.forEach(r -> byType.computeIfAbsent((String) r[0], t -> new ArrayList<>()).add(r));
                    List<MatterTypeFigures> result = new ArrayList<>();
                    byType.forEach((type, matters) -> {
                        List<Double> days = matters.stream().map(r -> (double) calendar.workingDaysBetween(
                                Timestamps.instant(r[1]), Timestamps.instant(r[2]))).toList();
                        Integer limit = catalogue.latest(type).map(MatterDefinition::legalTimeLimitWorkingDays)
                                .filter(l -> l > 0).orElse(null);
                        Double within = limit == null ? null : days.stream().filter(d -> d <= limit).count() / (double) days.size();
                        List<Integer> grades = matters.stream().filter(r -> r[3] != null)
                                .map(r -> ((Number) r[3]).intValue()).toList();
                        Double average = grades.isEmpty() ? null : grades.stream().mapToInt(Integer::intValue).average().orElse(0);
                        result.add(new MatterTypeFigures(type, matters.size(), Percentiles.of(days, 50), limit, within,
                                average, grades.size(), grades.stream().filter(g -> g <= 2).count()));
                    });
                    return result;
                });
    }

    private Instant[] window(String from, String to) {
        try {
            Instant end = to == null ? clock.instant() : Instant.parse(to);
            Instant start = from == null ? end.minus(Duration.ofDays(30)) : Instant.parse(from);
            if (!start.isBefore(end)) {
                throw Problems.badRequest("from must be before to");
            }
            return new Instant[] {start, end};
        } catch (DateTimeParseException e) {
            throw Problems.badRequest("from and to are ISO-8601 instants, e.g. 2026-11-01T00:00:00Z");
        }
    }

    private static Uni<List<Object[]>> query(String sql, Object... params) {
        return Panache.withSession(() -> Panache.getSession().chain(s -> {
            var q = s.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            return q.getResultList();
        }));
    }
}
