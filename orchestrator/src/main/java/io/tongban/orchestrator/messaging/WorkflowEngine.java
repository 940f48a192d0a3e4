package io.tongban.orchestrator.messaging;

import io.smallrye.mutiny.Uni;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.contracts.Topics;
import io.tongban.contracts.department.DepartmentTaskCompleted;
import io.tongban.contracts.department.DepartmentTaskRejected;
import io.tongban.contracts.department.DepartmentTaskDeliveryFailed;
import io.tongban.contracts.department.DepartmentTaskStalled;
import io.tongban.contracts.department.DepartmentTaskSupplementNeeded;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.contracts.matters.MatterSupplementProvided;
import io.tongban.contracts.matters.MatterWithdrawn;
import io.tongban.contracts.workflow.WorkflowEvent;
import io.tongban.messaging.Outbox;
import io.tongban.messaging.OutgoingEvent;
import io.tongban.messaging.PoisonEventException;
import io.tongban.orchestrator.domain.Effect;
import io.tongban.orchestrator.domain.EscalationLevel;
import io.tongban.orchestrator.domain.IllegalResultException;
import io.tongban.orchestrator.domain.MatterInstance;
import io.tongban.catalogue.WorkingCalendar;
import io.tongban.orchestrator.persistence.MatterInstances;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies one incoming event to its matter inside the caller's transaction: load (locked), decide
 * (domain), write back, and put the owed events in the outbox.
 */
@ApplicationScoped
public class WorkflowEngine {
    private static final Logger LOG = Logger.getLogger(WorkflowEngine.class);

    @Inject
    MatterCatalogue catalogue;

    @Inject
    MatterInstances matters;

    @Inject
    Outbox outbox;

    @Inject
    HandOffEvidence evidence;

    @Inject
    WorkingCalendar calendar;

    @Inject
    Clock clock;

    @Inject
    List<EscalationLevel> escalationLevels;

    public Uni<Void> accept(MatterSubmitted submitted, int partition) {
        UUID id = matterId(submitted.matterId());
        MatterDefinition definition = catalogue.find(submitted.matterType(), submitted.definitionVersion())
                .orElseThrow(() -> new PoisonEventException("matter " + id + " names " + submitted.matterType() + " v"
                        + submitted.definitionVersion() + ", which is not in the catalogue"));
        return matters.exists(id).chain(exists -> {
            if (exists) {
                return Uni.createFrom().voidItem();
            }
            Instant now = now();
            List<Effect> effects = new ArrayList<>();
            Map<String, Object> materials = new HashMap<>();
            if (submitted.materials() != null) {
                submitted.materials().forEach(m -> materials.put(m.name(), m.reference()));
            }
            MatterInstance matter = MatterInstance.accept(submitted.matterId(), definition, submitted.applicantId(),
                    submitted.form() == null ? Map.of() : submitted.form(), materials, submitted.submittedAt(), now,
                    calendar, effects);
            LOG.infof("matter %s accepted: %s v%d, %d tasks", id, definition.id(), definition.version(),
                    definition.tasks().size());
            return matters.insert(matter, now, partition).chain(() -> publish(effects));
        });
    }

    public Uni<Void> complete(DepartmentTaskCompleted result) {
        return apply(result.matterId(), result.taskId(), true, (matter, taskKey) ->
                matter.completeTask(taskKey, result.outputs(), now(), calendar));
    }

    public Uni<Void> reject(DepartmentTaskRejected result) {
        return apply(result.matterId(), result.taskId(), (matter, taskKey) ->
                matter.rejectTask(taskKey, result.reason(), now()));
    }

    public Uni<Void> supplementNeeded(DepartmentTaskSupplementNeeded request) {
        return apply(request.matterId(), request.taskId(), (matter, taskKey) ->
                matter.requestSupplement(taskKey, request.items(), now()));
    }

    public Uni<Void> deliveryFailed(DepartmentTaskDeliveryFailed failure) {
        return apply(failure.matterId(), failure.taskId(), (matter, taskKey) ->
                matter.deliveryFailed(taskKey, "not delivered after " + failure.attempts() + " attempts: "
                        + failure.lastError(), now()));
    }

    /** The gateway re-delivered the task through its tries and got no answer: shown, the task stays open. */
    public Uni<Void> stalled(DepartmentTaskStalled stalled) {
        return apply(stalled.matterId(), stalled.taskId(), (matter, taskKey) ->
                matter.taskStalled(taskKey, stalled.deliveries(), stalled.waitingSince(), stalled.stalledAt()));
    }

    public Uni<Void> supplementProvided(MatterSupplementProvided supplement) {
        Map<String, Object> materials = new HashMap<>();
        if (supplement.materials() != null) {
            supplement.materials().forEach(m -> materials.put(m.name(), m.reference()));
        }
        return onMatter(supplement.matterId(), "supplement", matter ->
                matter.supplementProvided(supplement.form(), materials, now(), calendar));
    }

    /**
     * The deadlines of one matter, under its row lock, so that two instances never act on the same one twice:
     * a broken 容缺受理 promise ends the matter; otherwise each 超时督办 level reached is raised.
     */
    public Uni<Void> deadlinesReached(UUID matterId) {
        return matters.lockAndLoad(matterId).chain(loaded -> {
            if (loaded == null) {
                return Uni.createFrom().voidItem();
            }
            Instant now = now();
            List<Effect> effects = new ArrayList<>(loaded.matter().endIfPromiseBroken(now, calendar));
            if (!effects.isEmpty()) {
                LOG.infof("matter %s: a promised material was not supplied in time (容缺受理), matter rejected", matterId);
            }
            effects.addAll(loaded.matter().raiseOverdue(now, calendar, escalationLevels));
            matters.writeBack(loaded);
            return publish(effects);
        });
    }

    public Uni<Void> withdraw(MatterWithdrawn withdrawn) {
        return onMatter(withdrawn.matterId(), "withdrawal", matter -> matter.withdraw(withdrawn.reason(), now()));
    }

    private Uni<Void> onMatter(String matterIdText, String what, java.util.function.Function<MatterInstance, List<Effect>> decision) {
        return matters.lockAndLoad(matterId(matterIdText)).chain(loaded -> {
            if (loaded == null) {
                throw new PoisonEventException(what + " of unknown matter " + matterIdText);
            }
            List<Effect> effects = decision.apply(loaded.matter());
            matters.writeBack(loaded);
            return publish(effects);
        });
    }

    private Uni<Void> apply(String matterIdText, String taskId, TaskDecision decision) {
        return apply(matterIdText, taskId, false, decision);
    }

    /** {@code completion}: load only the tasks a completion can touch (see MatterInstances). */
    private Uni<Void> apply(String matterIdText, String taskId, boolean completion, TaskDecision decision) {
        UUID id = matterId(matterIdText);
        String prefix = matterIdText + ":";
        if (taskId == null || !taskId.startsWith(prefix)) {
            throw new PoisonEventException("task id " + taskId + " does not belong to matter " + matterIdText);
        }
        String taskKey = taskId.substring(prefix.length());
        Uni<MatterInstances.Loaded> load = completion ? matters.lockAndLoadForCompletionOf(id, taskKey) : matters.lockAndLoad(id);
        return load.chain(loaded -> {
            if (loaded == null) {
                throw new PoisonEventException("result for unknown matter " + matterIdText);
            }
            List<Effect> effects;
            try {
                effects = decision.apply(loaded.matter(), taskKey);
            } catch (IllegalResultException e) {
                throw new PoisonEventException(e.getMessage(), e);
            }
            if (effects.isEmpty()) {
                LOG.infof("matter %s: result for task %s changes nothing (task %s)", id, taskKey,
                        loaded.matter().task(taskKey).status());
            }
            matters.writeBack(loaded);
            return publish(effects);
        });
    }

    private Uni<Void> publish(List<Effect> effects) {
        List<OutgoingEvent> events = new ArrayList<>();
        for (Effect effect : effects) {
            if (effect instanceof Effect.Workflow w) {
                WorkflowEvent event = w.event();
                events.add(OutgoingEvent.of(Topics.WORKFLOW, event.matterId(), event, now()));
                LOG.infof("matter %s: %s #%d", event.matterId(), event.getClass().getSimpleName(), event.sequence());
            } else if (effect instanceof Effect.ToDepartment d) {
                events.add(OutgoingEvent.of(Topics.tasksOf(d.department()), matterIdOf(d.event()), d.event(), now()));
            }
        }
        // tasks leave signed and chained (evidence), in this same transaction
        return evidence.signTasks(events).chain(signed -> outbox.add(signed));
    }

    private static String matterIdOf(Object departmentEvent) {
        if (departmentEvent instanceof io.tongban.contracts.department.DepartmentTaskAssigned a) {
            return a.matterId();
        }
        if (departmentEvent instanceof io.tongban.contracts.department.DepartmentTaskCancelled c) {
            return c.matterId();
        }
        if (departmentEvent instanceof io.tongban.contracts.department.DepartmentTaskSupplemented s) {
            return s.matterId();
        }
        throw new IllegalArgumentException("not a department event: " + departmentEvent);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static UUID matterId(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new PoisonEventException("not a matter id: " + text);
        }
    }

    @FunctionalInterface
    private interface TaskDecision {
        List<Effect> apply(MatterInstance matter, String taskKey);
    }

}
