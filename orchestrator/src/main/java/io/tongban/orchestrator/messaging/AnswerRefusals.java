package io.tongban.orchestrator.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.ce.IncomingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.Topics;
import io.tongban.contracts.department.DepartmentAnswerRefused;
import io.tongban.messaging.Outbox;
import io.tongban.messaging.OutboxRelay;
import io.tongban.messaging.OutgoingEvent;
import io.tongban.messaging.PoisonEventException;
import io.tongban.messaging.ProcessedEvents;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Tells a department which of its answers was refused, and why, on {@code tongban.dept.<dept>.refused}: a dead
 * letter alone reaches ops, never the department that could correct its system. The report leaves through the
 * outbox in its own transaction (the refused answer's transaction rolled back), marked as processed under its own
 * consumer name, so a redelivered answer is dead-lettered again but reported once.
 */
@ApplicationScoped
public class AnswerRefusals {
    static final String CONSUMER = "orchestrator.results.refused";
    private static final Logger LOG = Logger.getLogger(AnswerRefusals.class);
    private static final Duration REPORT_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern RESULTS_TOPIC = Pattern.compile("tongban\\.dept\\.(.+)\\.results");

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    Clock clock;

    /** The same record, whose dead-lettering (nack with a poison reason) first reports the refusal. */
    public Message<String> reporting(Message<String> message) {
        Executor onContext = contextExecutor();
        return message.withNack(reason -> {
            if (!(reason instanceof PoisonEventException)) {
                return message.nack(reason); // transient failures ran out of retries: not the department's doing
            }
            return Uni.createFrom().deferred(() -> report(message, reason.getMessage()))
                    .runSubscriptionOn(onContext)
                    // the dead letter must not wait on a database that does not answer
                    .ifNoItem().after(REPORT_TIMEOUT).fail()
                    .onFailure().recoverWithItem(t -> {
                        LOG.warnf("refusal of a department answer not reported (dead-lettered all the same): %s",
                                t.getMessage());
                        return null;
                    })
                    .subscribeAsCompletionStage()
                    .thenCompose(ignored -> message.nack(reason));
        });
    }

    private Uni<Void> report(Message<String> message, String reason) {
        Optional<DepartmentAnswerRefused> refusal = refusalOf(message, reason);
        if (refusal.isEmpty()) {
            return Uni.createFrom().voidItem(); // nobody to tell: ops sees the dead letter
        }
        DepartmentAnswerRefused refused = refusal.get();
        String key = refused.answerEventId() != null ? refused.answerEventId() : recordPosition(message);
        String matterKey = refused.matterId() != null ? refused.matterId() : refused.department();
        OutgoingEvent event = OutgoingEvent.of(Topics.refusedOf(refused.department()), matterKey, refused,
                refused.refusedAt());
        return Panache.withTransaction(() -> processedEvents.firstDelivery(CONSUMER, key).chain(first -> {
            if (!first) {
                return Uni.createFrom().voidItem();
            }
            LOG.infof("matter %s: answer %s of %s refused, reported on %s", refused.matterId(), refused.answerEventId(),
                    refused.department(), event.topic());
            return outbox.add(event);
        })).invoke(relay::wake);
    }

    /** Names the department from the results topic it wrote to (ACLs tie a writer to its topic), else from the data. */
    private Optional<DepartmentAnswerRefused> refusalOf(Message<String> message, String reason) {
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse("");
        JsonNode data = dataOf(message.getPayload());
        String department = null;
        Matcher m = RESULTS_TOPIC.matcher(topic);
        if (m.matches() && Topics.isValidDepartmentId(m.group(1))) {
            department = m.group(1);
        } else if (Topics.isValidDepartmentId(text(data, "department"))) {
            department = text(data, "department");
        }
        if (department == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        Optional<IncomingCloudEventMetadata<Object>> ce = message.getMetadata(IncomingCloudEventMetadata.class)
                .map(c -> (IncomingCloudEventMetadata<Object>) c);
        return Optional.of(new DepartmentAnswerRefused(department, text(data, "matterId"), text(data, "taskId"),
                ce.map(IncomingCloudEventMetadata::getId).orElse(null),
                ce.map(IncomingCloudEventMetadata::getType).orElse(null), reason,
                clock.instant().truncatedTo(ChronoUnit.MICROS)));
    }

    private static String recordPosition(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(k -> k.getTopic() + "/" + k.getPartition() + "@" + k.getOffset()).orElse("unknown");
    }

    private static JsonNode dataOf(String payload) {
        try {
            return payload == null ? null : EventJson.mapper().readTree(payload);
        } catch (Exception e) {
            return null;
        }
    }

    private static String text(JsonNode data, String field) {
        JsonNode value = data == null || !data.isObject() ? null : data.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static Executor contextExecutor() {
        Context context = Vertx.currentContext();
        if (context == null) {
            return Runnable::run;
        }
        return command -> context.runOnContext(ignored -> command.run());
    }
}
