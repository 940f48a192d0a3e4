package io.tongban.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.SupplementItem;
import io.tongban.gateway.config.DepartmentMode;
import io.tongban.gateway.config.GatewayConfig;
import io.tongban.gateway.domain.DepartmentAnswer;
import io.tongban.gateway.persistence.Delivery;
import io.tongban.messaging.OutboxRelay;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;

/**
 * The work queue of departments without a system of their own: a clerk (JWT role {@code clerk}, claim
 * {@code department}) lists the department's open tasks, claims one, and completes, rejects or asks for a
 * supplement. Another department's task does not exist for this clerk (404).
 */
@Path("/api/clerk/tasks")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("clerk")
public class ClerkQueueResource {
    private static final Logger LOG = Logger.getLogger(ClerkQueueResource.class);
    private static final int PAGE = 100;

    @Inject
    JsonWebToken jwt;

    @Inject
    TaskAnswers answers;

    @Inject
    GatewayConfig config;

    @Inject
    OutboxRelay relay;

    /** A task as a clerk sees it: only what the task definition hands to this department. */
    public record QueuedTask(String taskId, String matterId, String matterType, String taskKey, String titleZh,
                             String titleEn, Map<String, Object> inputs, List<String> outputs, Instant assignedAt,
                             Instant dueAt, String state, String claimedBy) {
    }

    public record Completion(Map<String, Object> outputs) {
    }

    public record Rejection(String reason) {
    }

    public record SupplementRequest(List<SupplementItem> items) {
    }

    @GET
    @Operation(summary = "The clerk's department's tasks: state=open (not yet claimed), claimed, or all waiting (default)")
    public Uni<List<QueuedTask>> list(@QueryParam("state") String state) {
        List<String> states = "open".equalsIgnoreCase(state) ? List.of(Delivery.OPEN)
                : "claimed".equalsIgnoreCase(state) ? List.of(Delivery.CLAIMED) : List.of(Delivery.OPEN, Delivery.CLAIMED);
        return Panache.withSession(() -> Delivery.<Delivery>find(
                                "department = ?1 and state in ?2 order by createdAt", department(), states)
                        .page(0, PAGE).list())
                .map(list -> list.stream().map(ClerkQueueResource::view).toList());
    }

    @POST
    @Path("{taskId}/claim")
    @Operation(summary = "Take an open task; claiming one's own claimed task again is harmless")
    @APIResponse(responseCode = "404", description = "No such task in this clerk's department")
    @APIResponse(responseCode = "409", description = "Claimed by another clerk, or no longer open")
    public Uni<QueuedTask> claim(@PathParam("taskId") String taskId) {
        String clerk = jwt.getSubject();
        return withTask(taskId, task -> {
            if (Delivery.CLAIMED.equals(task.state) && clerk.equals(task.clerkId)) {
                return Uni.createFrom().item(view(task));
            }
            if (!Delivery.OPEN.equals(task.state)) {
                throw Problems.conflict("task " + taskId + " is " + task.state.toLowerCase() + ", not open");
            }
            task.state = Delivery.CLAIMED;
            task.clerkId = clerk;
            LOG.infof("matter %s: task %s claimed by a clerk of %s", task.matterId, taskId, task.department);
            return Uni.createFrom().item(view(task));
        });
    }

    @POST
    @Path("{taskId}/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Complete a claimed task with its outputs")
    public Uni<TaskAnswers.Receipt> complete(@PathParam("taskId") String taskId, Completion completion) {
        return answer(taskId, new DepartmentAnswer(taskId, DepartmentAnswer.COMPLETED,
                completion == null ? null : completion.outputs(), null, null));
    }

    @POST
    @Path("{taskId}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Refuse a claimed task, with the written reason the applicant will read")
    public Uni<TaskAnswers.Receipt> reject(@PathParam("taskId") String taskId, Rejection rejection) {
        return answer(taskId, new DepartmentAnswer(taskId, DepartmentAnswer.REJECTED, null,
                rejection == null ? null : rejection.reason(), null));
    }

    @POST
    @Path("{taskId}/supplement")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask the applicant for a supplement (fields or materials); the task reopens when it arrives")
    public Uni<TaskAnswers.Receipt> supplement(@PathParam("taskId") String taskId, SupplementRequest request) {
        return answer(taskId, new DepartmentAnswer(taskId, DepartmentAnswer.SUPPLEMENT_NEEDED, null, null,
                request == null ? null : request.items()));
    }

    private Uni<TaskAnswers.Receipt> answer(String taskId, DepartmentAnswer answer) {
        Problems.requireValid(answer);
        String clerk = jwt.getSubject();
        return withTask(taskId, task -> {
            boolean open = Delivery.OPEN.equals(task.state) || Delivery.CLAIMED.equals(task.state);
            if (open && !(Delivery.CLAIMED.equals(task.state) && clerk.equals(task.clerkId))) {
                throw Problems.conflict("claim task " + taskId + " before answering it");
            }
            return answers.record(task, answer);
        }).invoke(receipt -> TaskAnswers.logRecorded(receipt, department(), "a clerk")).invoke(relay::wake);
    }

    private <T> Uni<T> withTask(String taskId, Function<Delivery, Uni<T>> work) {
        if (!Problems.isPlainId(taskId)) {
            throw Problems.notFound("no task " + taskId.replaceAll("\\p{Cntrl}", "?") + " in this department's queue");
        }
        String department = department();
        return Panache.withTransaction(() -> Delivery.<Delivery>findById(taskId, LockModeType.PESSIMISTIC_WRITE)
                .chain(task -> {
                    // another department's task, or one not in a work queue, is simply not there for this clerk
                    if (task == null || !task.department.equals(department)
                            || !DepartmentMode.CLERK.equals(config.modeOf(department))) {
                        throw Problems.notFound("no task " + taskId + " in the work queue of " + department);
                    }
                    return work.apply(task);
                }));
    }

    private String department() {
        Object claim = jwt.getClaim("department");
        if (claim == null || claim.toString().isBlank()) {
            throw Problems.problem(403, "forbidden", "the token names no department");
        }
        return claim.toString().replace("\"", "");
    }

    private static QueuedTask view(Delivery d) {
        DepartmentTaskAssigned task;
        try {
            task = EventJson.mapper().readValue(d.payload, DepartmentTaskAssigned.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("recorded task is not JSON", e);
        }
        return new QueuedTask(d.taskId, task.matterId(), task.matterType(), task.taskKey(), task.titleZh(), task.titleEn(),
                task.inputs(), task.outputs(), task.assignedAt(), task.dueAt(), d.state, d.clerkId);
    }
}
