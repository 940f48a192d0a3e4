package io.tongban.status.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventCatalog;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.contracts.workflow.MatterAccepted;
import io.tongban.contracts.workflow.MatterCancelled;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.MatterRejected;
import io.tongban.contracts.workflow.TaskCancelled;
import io.tongban.contracts.workflow.TaskCompleted;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.contracts.workflow.TaskRejected;
import io.tongban.contracts.workflow.TaskSkipped;
import io.tongban.contracts.workflow.WorkflowEvent;
import io.tongban.messaging.PoisonEventException;
import io.tongban.status.domain.SequenceRule;
import io.tongban.status.domain.Summaries;
import io.tongban.status.persistence.MatterProgress;
import io.tongban.status.persistence.TaskProgress;
import io.tongban.status.persistence.TimelineEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Folds workflow events into the progress view, in each matter's sequence order (see {@link SequenceRule}).
 * Runs inside the consumer's transaction.
 */
@ApplicationScoped
public class ProgressProjector {
    private static final Logger LOG = Logger.getLogger(ProgressProjector.class);
    private static final String HOLD = """
            insert into held_event (matter_id, sequence, event_type, payload, held_at)
            values (?1, ?2, ?3, ?4, now()) on conflict do nothing""";

    /** A submission shows as SUBMITTED until the orchestrator's decisions arrive. */
    public Uni<Void> submitted(MatterSubmitted submitted) {
        UUID id = matterId(submitted.matterId());
        return MatterProgress.<MatterProgress>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(row -> {
            if (row == null) {
                row = new MatterProgress();
                row.matterId = id;
                row.matterType = submitted.matterType();
                row.definitionVersion = submitted.definitionVersion();
                row.applicantId = submitted.applicantId();
                row.state = "SUBMITTED";
                row.submittedAt = submitted.submittedAt();
                row.updatedAt = Instant.now();
                return row.persist().chain(() -> timeline(id, 0, "tongban.matter.submitted.v1",
                        submitted.submittedAt(), "submitted"));
            }
            row.submittedAt = submitted.submittedAt();
            return Uni.createFrom().voidItem();
        });
    }

    public Uni<Void> workflow(String type, WorkflowEvent event) {
        UUID id = matterId(event.matterId());
        return MatterProgress.<MatterProgress>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(row -> {
            long last = row == null ? 0 : row.lastSequence;
            return switch (SequenceRule.decide(last, event.sequence())) {
                case IGNORE -> Uni.createFrom().voidItem();
                case HOLD -> hold(id, type, event, last);
                case APPLY -> apply(row, type, event).chain(applied -> releaseHeld(applied));
            };
        });
    }

    private Uni<Void> hold(UUID id, String type, WorkflowEvent event, long last) {
        LOG.warnf("matter %s: workflow event #%d arrived before #%d; held until the gap closes", id, event.sequence(),
                last + 1);
        return Panache.getSession().chain(s -> s.createNativeQuery(HOLD)
                .setParameter(1, id).setParameter(2, event.sequence()).setParameter(3, type)
                .setParameter(4, json(event)).executeUpdate()).replaceWithVoid();
    }

    /** After an event is applied, the next held one (if any) may now follow. */
    private Uni<Void> releaseHeld(MatterProgress row) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "delete from held_event where matter_id = ?1 and sequence = ?2 returning event_type, payload", Object[].class)
                .setParameter(1, row.matterId).setParameter(2, row.lastSequence + 1)
                .getResultList())
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().voidItem();
                    }
                    String type = (String) rows.get(0)[0];
                    WorkflowEvent next = parse(type, (String) rows.get(0)[1]);
                    return apply(row, type, next).chain(this::releaseHeld);
                });
    }

    private Uni<MatterProgress> apply(MatterProgress existing, String type, WorkflowEvent event) {
        UUID id = matterId(event.matterId());
        Instant at = occurredAt(event);
        Uni<MatterProgress> rowUni = existing != null ? Uni.createFrom().item(existing) : create(id, event);
        return rowUni.chain(row -> {
            row.lastSequence = event.sequence();
            row.updatedAt = Instant.now();
            return change(row, event)
                    .chain(() -> timeline(id, event.sequence(), type, at, Summaries.of(event)))
                    .replaceWith(row);
        });
    }

    private Uni<MatterProgress> create(UUID id, WorkflowEvent event) {
        if (!(event instanceof MatterAccepted accepted)) {
            throw new IllegalStateException("matter " + id + " has no progress row before event #" + event.sequence());
        }
        MatterProgress row = new MatterProgress();
        row.matterId = id;
        row.matterType = accepted.matterType();
        row.applicantId = accepted.applicantId();
        row.state = "SUBMITTED";
        row.updatedAt = Instant.now();
        return row.persist();
    }

    private Uni<Void> change(MatterProgress row, WorkflowEvent event) {
        if (event instanceof MatterAccepted a) {
            return accepted(row, a);
        } else if (event instanceof TaskDispatched d) {
            return task(row, d.taskKey(), t -> {
                t.taskId = d.taskId();
                t.state = "DISPATCHED";
                t.dispatchedAt = d.dispatchedAt();
                t.dueAt = d.dueAt();
                t.inputNames = json(d.inputNames());
            });
        } else if (event instanceof TaskCompleted c) {
            return task(row, c.taskKey(), t -> {
                t.state = "COMPLETED";
                t.finishedAt = c.completedAt();
                t.outputs = json(c.outputs());
            });
        } else if (event instanceof TaskRejected r) {
            return task(row, r.taskKey(), t -> {
                t.state = "REJECTED";
                t.finishedAt = r.rejectedAt();
                t.reason = r.reason();
            });
        } else if (event instanceof TaskCancelled c) {
            return task(row, c.taskKey(), t -> {
                t.state = "CANCELLED";
                t.finishedAt = c.cancelledAt();
                t.reason = c.reason();
            });
        } else if (event instanceof TaskSkipped s) {
            return task(row, s.taskKey(), t -> {
                t.state = "SKIPPED";
                t.finishedAt = s.skippedAt();
                t.reason = "not needed: " + s.condition();
            });
        } else if (event instanceof MatterCompleted c) {
            return finish(row, "COMPLETED", c.completedAt(), null);
        } else if (event instanceof MatterRejected r) {
            return finish(row, "REJECTED", r.rejectedAt(), r.reason());
        } else if (event instanceof MatterCancelled c) {
            return finish(row, "CANCELLED", c.cancelledAt(), c.reason());
        }
        // a decision this view does not show yet: it still counts in the sequence and the timeline
        return Uni.createFrom().voidItem();
    }

    private Uni<Void> accepted(MatterProgress row, MatterAccepted a) {
        row.matterType = a.matterType();
        row.definitionVersion = a.definitionVersion();
        row.applicantId = a.applicantId();
        row.titleZh = a.titleZh();
        row.titleEn = a.titleEn();
        row.state = "IN_PROGRESS";
        row.submittedAt = a.submittedAt();
        row.acceptedAt = a.acceptedAt();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (MatterAccepted.PlannedTask p : a.tasks()) {
            TaskProgress t = new TaskProgress();
            t.matterId = row.matterId;
            t.taskKey = p.taskKey();
            t.department = p.department();
            t.titleZh = p.titleZh();
            t.titleEn = p.titleEn();
            t.dependsOn = json(p.dependsOn());
            t.deadlineWorkingDays = p.deadlineWorkingDays();
            t.state = "WAITING";
            chain = chain.chain(() -> t.persist().replaceWithVoid());
        }
        return chain;
    }

    private Uni<Void> task(MatterProgress row, String taskKey, java.util.function.Consumer<TaskProgress> change) {
        TaskProgress.Key key = new TaskProgress.Key();
        key.matterId = row.matterId;
        key.taskKey = taskKey;
        return TaskProgress.<TaskProgress>findById(key).invoke(t -> {
            if (t == null) {
                throw new PoisonEventException("matter " + row.matterId + " has no planned task " + taskKey);
            }
            change.accept(t);
        }).replaceWithVoid();
    }

    private static Uni<Void> finish(MatterProgress row, String state, Instant at, String reason) {
        row.state = state;
        row.finishedAt = at;
        row.outcomeReason = reason;
        return Uni.createFrom().voidItem();
    }

    private static Uni<Void> timeline(UUID id, long sequence, String type, Instant at, String summary) {
        TimelineEntry entry = new TimelineEntry();
        entry.matterId = id;
        entry.sequence = sequence;
        entry.eventType = type;
        entry.occurredAt = at;
        entry.summary = summary;
        return entry.persist().replaceWithVoid();
    }

    private static Instant occurredAt(WorkflowEvent event) {
        if (event instanceof MatterAccepted a) {
            return a.acceptedAt();
        } else if (event instanceof TaskDispatched d) {
            return d.dispatchedAt();
        } else if (event instanceof TaskCompleted c) {
            return c.completedAt();
        } else if (event instanceof TaskRejected r) {
            return r.rejectedAt();
        } else if (event instanceof TaskCancelled c) {
            return c.cancelledAt();
        } else if (event instanceof TaskSkipped s) {
            return s.skippedAt();
        } else if (event instanceof MatterCompleted c) {
            return c.completedAt();
        } else if (event instanceof MatterRejected r) {
            return r.rejectedAt();
        } else if (event instanceof MatterCancelled c) {
            return c.cancelledAt();
        }
        return Instant.now();
    }

    static WorkflowEvent parse(String type, String payload) {
        Class<?> dataClass = EventCatalog.dataClassOf(type)
                .filter(WorkflowEvent.class::isAssignableFrom)
                .orElseThrow(() -> new PoisonEventException("not a workflow event type: " + type));
        try {
            return (WorkflowEvent) EventJson.mapper().readValue(payload, dataClass);
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("malformed " + type + ": " + e.getOriginalMessage());
        }
    }

    private static String json(Object value) {
        try {
            return EventJson.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static UUID matterId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PoisonEventException("not a matter id: " + text);
        }
    }
}
