package io.tongban.orchestrator.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.contracts.evidence.EvidenceChain;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.evidence.HandOff;
import io.tongban.contracts.evidence.HandOffSignature;
import io.tongban.messaging.IncomingEvent;
import io.tongban.messaging.OutgoingEvent;
import io.tongban.messaging.PoisonEventException;
import io.tongban.orchestrator.config.EvidenceConfig;
import io.tongban.orchestrator.config.EvidenceKeyring;
import io.tongban.orchestrator.domain.AnswerHistory;
import io.tongban.orchestrator.persistence.HandOffChain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Evidence-grade hand-offs: every event sent on a department's task topic is signed with the platform's key,
 * every department answer must carry a valid signature of that department, and both are appended to the
 * matter's hash chain in the same transaction as the state change and the outbox rows. Callers hold the
 * matter's row lock (tasks) or this class takes it (results), so a chain never forks.
 */
@ApplicationScoped
public class HandOffEvidence {
    private static final Logger LOG = Logger.getLogger(HandOffEvidence.class);
    private static final String TASKS_TOPIC = "^tongban\\.dept\\..+\\.tasks$";

    @Inject
    EvidenceKeyring keyring;

    @Inject
    EvidenceConfig config;

    @Inject
    Clock clock;

    /** The verdict on one matter's chain. */
    public record Verdict(UUID matterId, List<HandOffChain.StoredLink> links, Optional<EvidenceChain.Break> firstBreak) {
    }

    /** Signs and links the department-bound events among {@code events}; returns all events, those with headers. */
    public Uni<List<OutgoingEvent>> signTasks(List<OutgoingEvent> events) {
        if (events.stream().noneMatch(HandOffEvidence::toDepartment)) {
            return Uni.createFrom().item(events);
        }
        List<OutgoingEvent> signed = new ArrayList<>();
        Map<String, HandOffChain.Head> heads = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (OutgoingEvent event : events) {
            if (!toDepartment(event)) {
                chain = chain.invoke(() -> signed.add(event));
                continue;
            }
            chain = chain.chain(() -> headOf(heads, event.matterId())).chain(head -> {
                String payload = EventJson.write(event.data());
                HandOff handOff = HandOff.task(event.type(), payload);
                String signature = HandOffSignature.sign(keyring.platformKey(), handOff);
                EvidenceChain.Link link = link(head, event.eventId().toString(), handOff, payload, EvidenceHeaders.PLATFORM,
                        signature);
                heads.put(event.matterId(), new HandOffChain.Head(link.seq(), link.hash()));
                signed.add(event.withHeader(EvidenceHeaders.SIGNER, EvidenceHeaders.PLATFORM)
                        .withHeader(EvidenceHeaders.SIGNATURE, signature)
                        .withHeader(EvidenceHeaders.PREV_HASH, link.prevHash())
                        .withHeader(EvidenceHeaders.HASH, link.hash()));
                return HandOffChain.append(UUID.fromString(event.matterId()), link, clock.instant());
            });
        }
        return chain.map(ignored -> withHandOffHashes(signed));
    }

    /**
     * Each workflow TaskDispatched event carries the chain hash of the task it reports (header), for the
     * applicant's "who saw my data" view.
     */
    private static List<OutgoingEvent> withHandOffHashes(List<OutgoingEvent> events) {
        Map<String, String> hashOfTask = new HashMap<>();
        for (OutgoingEvent event : events) {
            if (event.data() instanceof DepartmentTaskAssigned assigned && event.headers().containsKey(EvidenceHeaders.HASH)) {
                hashOfTask.put(assigned.taskId(), event.headers().get(EvidenceHeaders.HASH));
            }
        }
        List<OutgoingEvent> tagged = new ArrayList<>(events.size());
        for (OutgoingEvent event : events) {
            String hash = event.data() instanceof TaskDispatched dispatched ? hashOfTask.get(dispatched.taskId()) : null;
            tagged.add(hash == null ? event : event.withHeader(EvidenceHeaders.HAND_OFF_HASH, hash));
        }
        return tagged;
    }

    /**
     * Checks a department answer's signature and, if it is a new hand-off, appends it to its matter's chain.
     * Not signed (while signatures are required), signed by a key that is not the department's, or changed after
     * signing: poison, so it is dead-lettered with the reason and changes nothing. An answer already recorded
     * for the task (a department answering a re-delivery) is not chained again: the result is {@code false}, apply
     * nothing. A different answer for a task whose outcome is recorded is poison too ("conflicts with ...").
     *
     * @return whether the answer is to be applied (true also for events that are not answers)
     */
    public Uni<Boolean> acceptResult(IncomingEvent event, Map<String, String> headers) {
        if (!HandOff.isAnswer(event.type())) {
            return Uni.createFrom().item(true);
        }
        event.data(); // malformed data is dead-lettered as such, before its signature is looked at
        HandOff handOff;
        try {
            handOff = HandOff.result(event.type(), event.json());
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("malformed " + event.type() + " data in event " + event.id() + ": " + e.getMessage());
        }
        String signature = headers.get(EvidenceHeaders.SIGNATURE);
        String department = handOff.department();
        if (department.isBlank()) {
            throw new PoisonEventException("result " + event.id() + " for task " + handOff.taskId()
                    + " names no department, so its signature cannot be checked");
        }
        if (signature == null || signature.isBlank()) {
            if (config.requireDepartmentSignature()) {
                throw new PoisonEventException("result " + event.id() + " for task " + handOff.taskId()
                        + " is not signed by department " + department + " (header " + EvidenceHeaders.SIGNATURE + ")");
            }
            signature = "";
        } else {
            PublicKey key = keyring.publicKeyOf(department);
            if (key == null) {
                throw new PoisonEventException("result " + event.id() + ": no public key of department " + department
                        + " to verify its signature");
            }
            if (!HandOffSignature.verify(key, handOff, signature)) {
                throw new PoisonEventException("result " + event.id() + " for task " + handOff.taskId()
                        + ": the signature is not department " + department + "'s (wrong key or changed content)");
            }
        }
        UUID matterId = matterIdOf(handOff);
        String verified = signature;
        return lockMatter(matterId).chain(exists -> {
            if (!exists) {
                return Uni.createFrom().item(true); // the engine dead-letters a result for an unknown matter
            }
            return HandOffChain.answersOf(matterId, handOff.taskId())
                    .chain(recorded -> HandOffChain.taskStatus(handOff.taskId()).map(status -> status == null
                            ? new AnswerHistory.Fresh() // the engine dead-letters a result for an unknown task
                            : AnswerHistory.judge(recorded, event.type(), handOff.contentHash(), status)))
                    .chain(verdict -> {
                        if (verdict instanceof AnswerHistory.Conflict conflict) {
                            throw new PoisonEventException("result " + event.id() + " (" + event.type() + ") of "
                                    + department + " for task " + handOff.taskId() + " " + conflict.reason());
                        }
                        if (verdict instanceof AnswerHistory.Repeat repeat) {
                            LOG.infof("matter %s: result %s of %s for task %s repeats the answer recorded at %s,"
                                    + " changes nothing", matterId, event.id(), department, handOff.taskId(),
                                    repeat.original().recordedAt());
                            return Uni.createFrom().item(false);
                        }
                        return HandOffChain.head(matterId).chain(head -> {
                            EvidenceChain.Link link = link(head, event.id(), handOff, event.json(), department, verified);
                            LOG.infof("matter %s: result of %s for task %s verified and chained as hand-off #%d",
                                    matterId, department, handOff.taskId(), link.seq());
                            return HandOffChain.append(matterId, link, clock.instant()).replaceWith(true);
                        });
                    });
        });
    }

    /** Reads and checks the matter's whole chain; opens its own session. */
    public Uni<Verdict> verify(UUID matterId) {
        return Panache.withSession(() -> HandOffChain.links(matterId)).map(stored -> {
            List<EvidenceChain.Link> links = stored.stream().map(HandOffChain.StoredLink::link).toList();
            Optional<EvidenceChain.Break> broken = EvidenceChain.firstBreak(links, keyring::publicKeyOf,
                    HandOffEvidence::rebuild);
            return new Verdict(matterId, stored, broken);
        });
    }

    /** The hand-off as the stored payload says it was: what the signature must match. */
    static HandOff rebuild(EvidenceChain.Link link) {
        return link.handOff().kind() == HandOff.Kind.TASK
                ? HandOff.task(link.handOff().eventType(), link.payloadJson())
                : HandOff.result(link.handOff().eventType(), link.payloadJson());
    }

    private static EvidenceChain.Link link(HandOffChain.Head head, String eventId, HandOff handOff, String payload,
                                           String signer, String signature) {
        String hash = EvidenceChain.hash(head.hash(), eventId, EvidenceChain.payloadHash(payload), signer, signature, handOff);
        return new EvidenceChain.Link(head.seq() + 1, eventId, handOff, payload, signer, signature, head.hash(), hash);
    }

    private static Uni<HandOffChain.Head> headOf(Map<String, HandOffChain.Head> heads, String matterId) {
        HandOffChain.Head known = heads.get(matterId);
        return known != null ? Uni.createFrom().item(known) : HandOffChain.head(UUID.fromString(matterId));
    }

    private static Uni<Boolean> lockMatter(UUID matterId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select id from matter_instance where id = ?1 for update", UUID.class)
                .setParameter(1, matterId).getResultList()
                .map(rows -> !rows.isEmpty()));
    }

    private static UUID matterIdOf(HandOff handOff) {
        try {
            return UUID.fromString(handOff.matterId());
        } catch (IllegalArgumentException e) {
            throw new PoisonEventException("not a matter id: " + handOff.matterId());
        }
    }

    private static boolean toDepartment(OutgoingEvent event) {
        return event.topic().matches(TASKS_TOPIC);
    }

    /** The evidence headers of an incoming Kafka record. */
    public static Map<String, String> headersOf(org.eclipse.microprofile.reactive.messaging.Message<?> message) {
        Map<String, String> values = new HashMap<>();
        message.getMetadata(io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata.class).ifPresent(meta -> {
            for (String name : List.of(EvidenceHeaders.SIGNATURE, EvidenceHeaders.SIGNER)) {
                org.apache.kafka.common.header.Header header = meta.getHeaders().lastHeader(name);
                if (header != null && header.value() != null) {
                    values.put(name, new String(header.value(), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        });
        return values;
    }
}
