package io.tongban.orchestrator.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.tongban.contracts.evidence.EvidenceChain;
import io.tongban.contracts.evidence.HandOff;
import io.tongban.orchestrator.domain.AnswerHistory;
import io.tongban.orchestrator.domain.TaskStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The stored evidence chain (table {@code hand_off}): rows are only inserted, in the caller's transaction,
 * while the caller holds the matter's row lock, so a matter's links are appended one at a time.
 */
public final class HandOffChain {
    private static final String LAST = "select seq, hash from hand_off where matter_id = ?1 order by seq desc limit 1";
    private static final String INSERT = """
            insert into hand_off (matter_id, seq, event_id, kind, event_type, task_id, department, content_hash, payload,
                                  signer, signature, prev_hash, hash, recorded_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)""";
    private static final String LINKS = """
            select seq, event_id, kind, event_type, task_id, department, content_hash, payload, signer, signature,
                   prev_hash, hash, recorded_at
            from hand_off where matter_id = ?1 order by seq""";
    private static final String ANSWERS = """
            select event_type, content_hash, recorded_at from hand_off
            where matter_id = ?1 and task_id = ?2 and kind = 'result' order by seq""";
    private static final String TASK_STATE = "select state from task_instance where task_id = ?1";

    private HandOffChain() {
    }

    /** The matter's last link: its sequence number and hash ({@link EvidenceChain#GENESIS} and 0 for none). */
    public record Head(long seq, String hash) {
    }

    public record StoredLink(EvidenceChain.Link link, Instant recordedAt) {
    }

    public static Uni<Head> head(UUID matterId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LAST, Object[].class)
                .setParameter(1, matterId).getResultList()
                .map(rows -> rows.isEmpty()
                        ? new Head(0, EvidenceChain.GENESIS)
                        : new Head(((Number) rows.get(0)[0]).longValue(), (String) rows.get(0)[1])));
    }

    public static Uni<Void> append(UUID matterId, EvidenceChain.Link link, Instant recordedAt) {
        HandOff h = link.handOff();
        return Panache.getSession().chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, matterId)
                        .setParameter(2, link.seq())
                        .setParameter(3, UUID.fromString(link.eventId()))
                        .setParameter(4, h.kind().label())
                        .setParameter(5, h.eventType())
                        .setParameter(6, h.taskId())
                        .setParameter(7, h.department())
                        .setParameter(8, h.contentHash())
                        .setParameter(9, link.payloadJson())
                        .setParameter(10, link.signer())
                        .setParameter(11, link.signature() == null ? "" : link.signature())
                        .setParameter(12, link.prevHash())
                        .setParameter(13, link.hash())
                        .setParameter(14, recordedAt.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** The answers recorded for one task, oldest first. */
    public static Uni<List<AnswerHistory.Recorded>> answersOf(UUID matterId, String taskId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(ANSWERS, Object[].class)
                .setParameter(1, matterId).setParameter(2, taskId).getResultList()
                .map(rows -> rows.stream()
                        .map(r -> new AnswerHistory.Recorded((String) r[0], (String) r[1], toInstant(r[2])))
                        .toList()));
    }

    /** Where the task stands, or null for a task the matter does not have. */
    public static Uni<TaskStatus> taskStatus(String taskId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(TASK_STATE, String.class)
                .setParameter(1, taskId).getResultList()
                .map(rows -> rows.isEmpty() ? null : TaskStatus.valueOf(rows.get(0))));
    }

    /** The matter's links in order, as stored (untrusted: verify them). */
    public static Uni<List<StoredLink>> links(UUID matterId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(LINKS, Object[].class)
                .setParameter(1, matterId).getResultList()
                .map(rows -> {
                    List<StoredLink> links = new ArrayList<>();
                    for (Object[] r : rows) {
                        HandOff handOff = new HandOff(HandOff.Kind.valueOf(((String) r[2]).toUpperCase(java.util.Locale.ROOT)),
                                matterId.toString(), (String) r[4], (String) r[5], (String) r[3], (String) r[6]);
                        links.add(new StoredLink(new EvidenceChain.Link(((Number) r[0]).longValue(), r[1].toString(), handOff,
                                (String) r[7], (String) r[8], (String) r[9], (String) r[10], (String) r[11]),
                                toInstant(r[12])));
                    }
                    return links;
                }));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        return value == null ? null : Instant.parse(value.toString());
    }
}
