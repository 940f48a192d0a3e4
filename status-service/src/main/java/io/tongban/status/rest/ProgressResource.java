package io.tongban.status.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventJson;
import io.tongban.status.persistence.MatterProgress;
import io.tongban.status.persistence.TaskProgress;
import io.tongban.status.persistence.TimelineEntry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

@Path("/api/matters")
@Produces(MediaType.APPLICATION_JSON)
public class ProgressResource {
    private static final Set<String> DONE = Set.of("COMPLETED", "SKIPPED");

    public record TaskView(String taskKey, String taskId, String department, String titleZh, String titleEn,
                           String state, List<String> dependsOn, List<String> waitingFor, Instant dispatchedAt,
                           Instant dueAt, Instant finishedAt, Map<String, Object> outputs, String reason) {
    }

    public record TimelineView(long sequence, String type, Instant at, String summary) {
    }

    public record Progress(String matterId, String matterType, Integer definitionVersion, String titleZh,
                           String titleEn, String state, int percentDone, Instant submittedAt, Instant acceptedAt,
                           Instant finishedAt, String reason, long lastSequence, List<TaskView> tasks,
                           List<TimelineView> timeline) {
    }

    @GET
    @Path("/{matterId}/progress")
    @Operation(summary = "One matter's progress: its state, each department task, and the timeline of every step")
    public Uni<Progress> progress(@PathParam("matterId") String matterId) {
        UUID id = parse(matterId);
        return Panache.withSession(() -> MatterProgress.<MatterProgress>findById(id).chain(matter -> {
            if (matter == null) {
                throw notFound(matterId);
            }
            return TaskProgress.<TaskProgress>list("matterId", id).chain(tasks ->
                    TimelineEntry.<TimelineEntry>list("matterId = ?1 order by sequence", id)
                            .map(timeline -> view(matter, tasks, timeline)));
        }));
    }

    private static Progress view(MatterProgress m, List<TaskProgress> tasks, List<TimelineEntry> timeline) {
        Map<String, String> stateByKey = new java.util.HashMap<>();
        tasks.forEach(t -> stateByKey.put(t.taskKey, t.state));
        List<TaskView> taskViews = tasks.stream()
                .sorted(java.util.Comparator.comparing((TaskProgress t) -> t.dispatchedAt == null ? Instant.MAX : t.dispatchedAt)
                        .thenComparing(t -> t.taskKey))
                .map(t -> {
                    List<String> deps = list(t.dependsOn);
                    List<String> waiting = "WAITING".equals(t.state)
                            ? deps.stream().filter(d -> !DONE.contains(stateByKey.get(d))).toList() : List.of();
                    return new TaskView(t.taskKey, t.taskId, t.department, t.titleZh, t.titleEn, t.state, deps, waiting,
                            t.dispatchedAt, t.dueAt, t.finishedAt, t.outputs == null ? Map.of() : map(t.outputs), t.reason);
                }).toList();
        long done = tasks.stream().filter(t -> DONE.contains(t.state)).count();
        int percent = tasks.isEmpty() ? 0 : (int) (100 * done / tasks.size());
        return new Progress(m.matterId.toString(), m.matterType, m.definitionVersion, m.titleZh, m.titleEn, m.state,
                percent, m.submittedAt, m.acceptedAt, m.finishedAt, m.outcomeReason, m.lastSequence, taskViews,
                timeline.stream().map(e -> new TimelineView(e.sequence, e.eventType, e.occurredAt, e.summary)).toList());
    }

    private static List<String> list(String json) {
        try {
            return EventJson.mapper().readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            return List.of();
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return EventJson.mapper().readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            return Map.of();
        }
    }

    private static UUID parse(String matterId) {
        try {
            return UUID.fromString(matterId);
        } catch (IllegalArgumentException e) {
            throw notFound(matterId);
        }
    }

    static WebApplicationException notFound(String matterId) {
        Map<String, Object> body = Map.of("type", "https://tongban.io/problems/not-found", "title", "Not Found",
                "status", 404, "detail", "no progress for matter " + matterId + " (yet)");
        return new WebApplicationException(Response.status(404).type("application/problem+json").entity(body).build());
    }
}
