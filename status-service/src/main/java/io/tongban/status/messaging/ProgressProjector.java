package io.tongban.status.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventCatalog;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.contracts.department.SupplementItem;
import io.tongban.contracts.matters.MatterRated;
import io.tongban.contracts.workflow.CommitmentRevoked;
import io.tongban.contracts.workflow.JointOpinionIssued;
import io.tongban.contracts.workflow.MatterAccepted;
import io.tongban.contracts.workflow.SupplementReceived;
import io.tongban.contracts.workflow.SupplementRequested;
import io.tongban.contracts.workflow.TaskAwaitingMaterial;
import io.tongban.contracts.workflow.TaskDeliveryFailed;
import io.tongban.contracts.workflow.TaskStalled;
import io.tongban.contracts.workflow.TaskOverdue;
import io.tongban.contracts.workflow.MatterCancelled;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.MatterRejected;
import io.tongban.contracts.workflow.TaskCancelled;
import io.tongban.contracts.workflow.TaskCompleted;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.contracts.workflow.TaskRejected;
import io.tongban.contracts.workflow.TaskSkipped;
import io.tongban.contracts.workflow.WorkflowEvent;
import io.tongban.catalogue.WorkingCalendar;
import io.tongban.messaging.PoisonEventException;
import io.tongban.status.domain.SequenceRule;
import io.tongban.status.domain.Summaries;
import io.tongban.status.persistence.MatterProgress;
import io.tongban.status.persistence.TaskProgress;
import io.tongban.status.persistence.TimelineEntry;
import io.tongban.contracts.EventTypes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
    @Inject
    Suggestions suggestions;

    @Inject
    WorkingCalendar calendar;

    private static final Logger LOG = Logger.getLogger(ProgressProjector.class);
    /**
     * The row of a matter, created if absent: its submission (tongban.matters) and its acceptance (tongban.workflow)
     * come through two consumers and may both be first at the same moment; the loser's insert changes nothing.
     */
    private static final String CREATE_IF_ABSENT = """
            insert into matter_progress (matter_id, matter_type, definition_version, applicant_id, state, submitted_at,
                                         updated_at)
            values (?1, ?2, ?3, ?4, 'SUBMITTED', ?5, ?6) on conflict (matter_id) do nothing""";
    private static final String HOLD = """
            insert into held_event (matter_id, sequence, event_type, payload, held_at)
            values (?1, ?2, ?3, ?4, now()) on conflict do nothing""";

    /** A submission shows as SUBMITTED until the orchestrator's decisions arrive. */
    public Uni<Void> submitted(MatterSubmitted submitted) {
        UUID id = matterId(submitted.matterId());
        return createIfAbsent(id, submitted.matterType(), submitted.definitionVersion(), submitted.applicantId(),
                submitted.submittedAt()).chain(row -> {
            // when the orchestrator's acceptance came first (another topic), the view still shows the submission
            row.submittedAt = submitted.submittedAt();
            return submittedEntry(id, submitted).chain(() -> suggestions.rememberForm(submitted));
        });
    }

    /**
     * Inserts the row unless it exists, then loads it locked: no duplicate key when two consumers race. Each caller
     * sets the submission time from its event on the loaded row (a missing one is not a typed SQL null here).
     */
    private static Uni<MatterProgress> createIfAbsent(UUID id, String matterType, int definitionVersion,
                                                      String applicantId, Instant submittedAt) {
        Instant now = Instant.now();
        return Panache.getSession().chain(s -> s.createNativeQuery(CREATE_IF_ABSENT)
                        .setParameter(1, id).setParameter(2, matterType).setParameter(3, definitionVersion)
                        .setParameter(4, applicantId).setParameter(5, submittedAt != null ? submittedAt : now)
                        .setParameter(6, now)
                        .executeUpdate())
                .chain(() -> MatterProgress.<MatterProgress>findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    /** Timeline entry 0, whichever topic's event arrived first; a repeat changes nothing. */
    private static Uni<Void> submittedEntry(UUID id, MatterSubmitted submitted) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into timeline_entry (matter_id, sequence, event_type, occurred_at, summary)
                        values (?1, 0, ?2, ?3, 'submitted') on conflict do nothing""")
                .setParameter(1, id).setParameter(2, EventTypes.MATTER_SUBMITTED).setParameter(3, submitted.submittedAt())
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * The matter's view after the event, or null when it did not change: a repeat or an event held for a gap
     * changes nothing a watcher could see.
     */
    public Uni<MatterProgress> workflow(String type, WorkflowEvent event) {
        UUID id = matterId(event.matterId());
        return MatterProgress.<MatterProgress>findById(id, LockModeType.PESSIMISTIC_WRITE).chain(row -> {
            long last = row == null ? 0 : row.lastSequence;
            return switch (SequenceRule.decide(last, event.sequence())) {
                case IGNORE -> Uni.createFrom().nullItem();
                case HOLD -> hold(id, type, event, last).replaceWith((MatterProgress) null);
                case APPLY -> apply(row, type, event).call(applied -> releaseHeld(applied));
            };
        });
    }

    private Uni<Void> hold(UUID id, String type, WorkflowEvent event, long last) {
        LOG.warnf("matter %s: workflow event #%d arrived before #%d; held until the gap closes", id, event.sequence(),
                last + 1);
        return Panache.getSession().chain(s -> s.createNativeQuery(HOLD)
                .setParameter(1, id).setParameter(2, event.sequence()).setParameter(3, type)
                .setParameter(4, EventJson.write(event)).executeUpdate()).replaceWithVoid();
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
        return createIfAbsent(id, accepted.matterType(), accepted.definitionVersion(), accepted.applicantId(),
                accepted.submittedAt());
    }

    private Uni<Void> change(MatterProgress row, WorkflowEvent event) {
        if (event instanceof MatterAccepted a) {
            return accepted(row, a);
        } else if (event instanceof TaskDispatched d) {
            return task(row, d.taskKey(), t -> {
                t.taskId = d.taskId();
                t.state = "DISPATCHED";
                t.dispatchedAt = d.dispatchedAt();
                t.notStalled();
                t.dueAt = d.dueAt();
                t.inputNames = EventJson.write(d.inputNames());
                t.waitingFor = null;
                t.promisedBy = null;
            }).chain(() -> disclosure(row, d));
        } else if (event instanceof SupplementRequested s) {
            return task(row, s.taskKey(), t -> {
                t.state = "WAITING_FOR_SUPPLEMENT";
                t.notStalled();
                t.waitingFor = EventJson.write(s.items());
            });
        } else if (event instanceof SupplementReceived s) {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (String taskKey : s.resumedTasks()) {
                chain = chain.chain(() -> task(row, taskKey, t -> {
                    t.state = t.dispatchedAt == null ? "WAITING" : "DISPATCHED";
                    t.waitingFor = null;
                    t.promisedBy = null;
                }));
            }
            return chain;
        } else if (event instanceof TaskAwaitingMaterial a) {
            return task(row, a.taskKey(), t -> {
                t.state = "AWAITING_MATERIAL";
                t.promisedBy = a.promisedBy();
                String promise = a.promisedBy() == null ? "promised to follow later (容缺受理)"
                        : "promised to follow later, by " + a.promisedBy().atZone(calendar.zone()).toLocalDate()
                        + " (容缺受理)";
                t.waitingFor = EventJson.write(a.materials().stream()
                        .map(m -> new SupplementItem(SupplementItem.MATERIAL, m, promise)).toList());
            });
        } else if (event instanceof TaskOverdue o) {
            return task(row, o.taskKey(), t -> t.overdueLevel = o.level());
        } else if (event instanceof TaskStalled s) {
            return task(row, s.taskKey(), t -> {
                t.stalledSince = s.waitingSince();
                t.stalledAt = s.stalledAt();
                t.stalledDeliveries = s.deliveries();
            });
        } else if (event instanceof TaskDeliveryFailed f) {
            return task(row, f.taskKey(), t -> {
                t.state = "DELIVERY_FAILED";
                t.notStalled();
                t.reason = f.reason();
            });
        } else if (event instanceof CommitmentRevoked r) {
            return task(row, r.taskKey(), t -> {
                t.state = "REVOKED";
                t.notStalled();
                t.finishedAt = r.revokedAt();
                t.reason = r.reason();
            });
        } else if (event instanceof TaskCompleted c) {
            return task(row, c.taskKey(), t -> {
                t.state = "COMPLETED";
                t.notStalled();
                t.finishedAt = c.completedAt();
                t.outputs = EventJson.write(c.outputs());
            });
        } else if (event instanceof TaskRejected r) {
            return task(row, r.taskKey(), t -> {
                t.state = "REJECTED";
                t.notStalled();
                t.finishedAt = r.rejectedAt();
                t.reason = r.reason();
            });
        } else if (event instanceof TaskCancelled c) {
            return task(row, c.taskKey(), t -> {
                t.state = "CANCELLED";
                t.notStalled();
                t.finishedAt = c.cancelledAt();
                t.reason = c.reason();
            });
        } else if (event instanceof TaskSkipped s) {
            return task(row, s.taskKey(), t -> {
                t.state = "SKIPPED";
                t.notStalled();
                t.finishedAt = s.skippedAt();
                t.reason = "not needed: " + s.condition();
            });
        } else if (event instanceof MatterCompleted c) {
            return finish(row, "COMPLETED", c.completedAt(), null).chain(() -> suggestions.matterCompleted(row));
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
            t.dependsOn = EventJson.write(p.dependsOn());
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

    /** Who saw my data: the department, the task and the names of what it received — never the values. */
    private static Uni<Void> disclosure(MatterProgress row, TaskDispatched d) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into data_disclosure (matter_id, sequence, task_key, task_id, department, input_names, sent_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7) on conflict do nothing""")
                .setParameter(1, row.matterId).setParameter(2, d.sequence()).setParameter(3, d.taskKey())
                .setParameter(4, d.taskId()).setParameter(5, d.department())
                .setParameter(6, EventJson.write(d.inputNames()))
                .setParameter(7, d.dispatchedAt()).executeUpdate()).replaceWithVoid();
    }

    /**
     * The evidence chain's hash of a task hand-off (header of its TaskDispatched event): stored apart from the
     * sequenced projection, so that it holds whatever order events arrive in; the first one counts.
     */
    public Uni<Void> handOffHash(TaskDispatched d, String hash) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into hand_off_hash (matter_id, task_id, hash) values (?1, ?2, ?3) on conflict do nothing")
                .setParameter(1, matterId(d.matterId())).setParameter(2, d.taskId()).setParameter(3, hash)
                .executeUpdate()).replaceWithVoid();
    }

    /** 好差评: the latest grade counts (an applicant may revise a rating). */
    public Uni<Void> rated(MatterRated rated) {
        UUID id = matterId(rated.matterId());
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                        insert into matter_rating (matter_id, grade, rated_at) values (?1, ?2, ?3)
                        on conflict (matter_id) do update set grade = excluded.grade, rated_at = excluded.rated_at
                        where matter_rating.rated_at <= excluded.rated_at""")
                .setParameter(1, id).setParameter(2, rated.grade()).setParameter(3, rated.ratedAt())
                .executeUpdate()).replaceWithVoid();
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
        } else if (event instanceof SupplementRequested s) {
            return s.requestedAt();
        } else if (event instanceof SupplementReceived s) {
            return s.receivedAt();
        } else if (event instanceof TaskAwaitingMaterial a) {
            return a.since();
        } else if (event instanceof TaskOverdue o) {
            return o.detectedAt();
        } else if (event instanceof TaskDeliveryFailed f) {
            return f.failedAt();
        } else if (event instanceof TaskStalled s) {
            return s.stalledAt();
        } else if (event instanceof JointOpinionIssued j) {
            return j.issuedAt();
        } else if (event instanceof CommitmentRevoked r) {
            return r.revokedAt();
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

    private static UUID matterId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PoisonEventException("not a matter id: " + text);
        }
    }
}
