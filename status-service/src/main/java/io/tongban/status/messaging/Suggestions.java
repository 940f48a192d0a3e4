package io.tongban.status.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.tongban.catalogue.InputSource;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.catalogue.Suggestion;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.status.config.StatusConfig;
import io.tongban.status.domain.Prefill;
import io.tongban.status.persistence.MatterProgress;
import io.tongban.status.persistence.TaskProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * 免申即享 proactive service. When a matter completes, the catalogue's rules for its type ({@code suggests}) and
 * what other applicants with the same completed matter did next (co-occurrence over completed matters) become
 * suggestions, stored in the projection's transaction; they are pushed to the applicant's live stream after it
 * committed. A suggestion for later ({@code afterYears}: school enrolment when the child reaches school age) waits
 * in the table until it comes due; a periodic scan pushes it then, once, on whichever instance claims it first
 * ({@code for update skip locked}: several instances never push the same one twice). Pre-fills use only data the
 * platform already has: the form values a rule names (kept at submission, nothing else of the form) and the
 * departments' outputs.
 */
@ApplicationScoped
public class Suggestions {
    private static final Logger LOG = Logger.getLogger(Suggestions.class);
    private static final String INSERT = """
            insert into suggestion (id, applicant_id, matter_type, source_matter_id, basis, title_zh, title_en,
                                    reason_zh, reason_en, prefill, available_from, created_at)
            values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
            on conflict (applicant_id, matter_type, source_matter_id) do nothing""";
    private static final String CO_OCCURRING = """
            select b.matter_type, count(distinct b.applicant_id)
            from matter_progress a
            join matter_progress b on b.applicant_id = a.applicant_id and b.state = 'COMPLETED'
                 and b.matter_type <> a.matter_type and b.submitted_at >= a.finished_at
            where a.matter_type = ?1 and a.state = 'COMPLETED' and a.applicant_id <> ?2
              and b.matter_type not in (select matter_type from matter_progress where applicant_id = ?2)
            group by b.matter_type having count(distinct b.applicant_id) >= ?3
            order by 2 desc, 1 limit 3""";

    private static final String RETURNING = """
            returning id, matter_type, title_zh, title_en, basis, reason_zh, reason_en, prefill, available_from,
                      source_matter_id, applicant_id""";
    private static final String PUSH_OF_MATTER = """
            update suggestion set pushed_at = ?2
            where source_matter_id = ?1 and pushed_at is null and available_from <= ?2
              and not exists (select 1 from suggestion_setting t
                              where t.applicant_id = suggestion.applicant_id and not t.enabled)
            """ + RETURNING;
    /** Due suggestions not pushed yet; rows another instance is pushing right now are skipped, not waited for. */
    private static final String PUSH_DUE = """
            update suggestion set pushed_at = ?1
            where id in (select s.id from suggestion s
                         where s.pushed_at is null and s.available_from <= ?1
                           and not exists (select 1 from suggestion_setting t
                                           where t.applicant_id = s.applicant_id and not t.enabled)
                         order by s.available_from limit ?2
                         for update of s skip locked)
            """ + RETURNING;

    public record View(String id, String matterType, String titleZh, String titleEn, String basis, String reasonZh,
                       String reasonEn, Map<String, Object> prefill, String link, Instant availableFrom,
                       String sourceMatterId) {
    }

    @Inject
    MatterCatalogue catalogue;

    @Inject
    StatusConfig config;

    @Inject
    ProgressChanges changes;

    @Inject
    Clock clock;

    /** At submission: keep only the form values some suggestion rule of this matter type will pre-fill. */
    public Uni<Void> rememberForm(MatterSubmitted submitted) {
        Optional<MatterDefinition> definition = definition(submitted.matterType(), submitted.definitionVersion());
        if (definition.isEmpty() || submitted.form() == null) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Object> kept = new HashMap<>();
        for (Suggestion s : definition.get().suggests()) {
            for (InputSource source : s.prefill().values()) {
                if (source.kind() == InputSource.Kind.FORM) {
                    Prefill.read(submitted.form(), source.path())
                            .ifPresent(v -> kept.put("form." + String.join(".", source.path()), v));
                }
            }
        }
        UUID id = UUID.fromString(submitted.matterId());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var e : kept.entrySet()) {
            chain = chain.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                            "insert into matter_prefill (matter_id, source, value) values (?1, ?2, ?3) on conflict do nothing")
                    .setParameter(1, id).setParameter(2, e.getKey()).setParameter(3, EventJson.write(e.getValue()))
                    .executeUpdate()).replaceWithVoid());
        }
        return chain;
    }

    /** A matter completed (inside the projection's transaction): store what to suggest next. */
    public Uni<Void> matterCompleted(MatterProgress matter) {
        Optional<MatterDefinition> definition = definition(matter.matterType, matter.definitionVersion);
        Instant completedAt = matter.finishedAt != null ? matter.finishedAt : clock.instant();
        return TaskProgress.<TaskProgress>list("matterId", matter.matterId).chain(tasks -> formValues(matter.matterId)
                .chain(form -> {
                    Map<String, Map<String, Object>> outputs = new HashMap<>();
                    tasks.forEach(t -> outputs.put(t.taskKey, t.outputs == null ? Map.of()
                            : EventJson.readMapOrEmpty(t.outputs)));
                    List<Uni<Void>> inserts = new ArrayList<>();
                    List<String> ruled = new ArrayList<>();
                    for (Suggestion s : definition.map(MatterDefinition::suggests).orElse(List.of())) {
                        Map<String, Object> values = new HashMap<>();
                        s.prefill().forEach((field, source) -> value(source, form, outputs)
                                .ifPresent(v -> values.put(field, v)));
                        Instant from = s.delayYears().map(years -> completedAt.atZone(zone()).plusYears(years).toInstant())
                                .orElse(completedAt);
                        ruled.add(s.matterType());
                        inserts.add(insert(matter, s.matterType(), "rule", s.reason().zh(), s.reason().en(),
                                Prefill.form(values), from));
                    }
                    return join(inserts).chain(() -> coOccurring(matter, ruled, completedAt));
                }));
    }

    private Uni<Void> coOccurring(MatterProgress matter, List<String> ruled, Instant completedAt) {
        return Panache.getSession().chain(s -> s.createNativeQuery(CO_OCCURRING, Object[].class)
                        .setParameter(1, matter.matterType).setParameter(2, matter.applicantId)
                        .setParameter(3, (long) config.suggestions().minSupport()).getResultList())
                .chain(rows -> {
                    List<Uni<Void>> inserts = new ArrayList<>();
                    for (Object[] row : rows) {
                        String type = (String) row[0];
                        long applicants = ((Number) row[1]).longValue();
                        if (!ruled.contains(type)) {
                            inserts.add(insert(matter, type, "co-occurrence",
                                    applicants + " 位办完此事项的申请人接着办理了该事项",
                                    applicants + " applicants who completed this matter went on to apply for this one",
                                    Map.of(), completedAt));
                        }
                    }
                    return join(inserts);
                });
    }

    private Uni<Void> insert(MatterProgress matter, String type, String basis, String reasonZh, String reasonEn,
                             Map<String, Object> prefill, Instant availableFrom) {
        Optional<MatterDefinition> suggested = catalogue.latest(type);
        return Panache.getSession().chain(s -> s.createNativeQuery(INSERT)
                .setParameter(1, UUID.randomUUID()).setParameter(2, matter.applicantId).setParameter(3, type)
                .setParameter(4, matter.matterId).setParameter(5, basis)
                .setParameter(6, suggested.map(d -> d.title().zh()).orElse(null))
                .setParameter(7, suggested.map(d -> d.title().en()).orElse(null))
                .setParameter(8, reasonZh).setParameter(9, reasonEn).setParameter(10, EventJson.write(prefill))
                .setParameter(11, availableFrom).setParameter(12, clock.instant()).executeUpdate()).replaceWithVoid();
    }

    /**
     * After the projection committed: push the matter's new, already available suggestions to the applicant's
     * live stream (unless they turned suggestions off), once.
     */
    public Uni<Void> push(String matterId) {
        UUID id = UUID.fromString(matterId);
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(PUSH_OF_MATTER,
                        Object[].class).setParameter(1, id).setParameter(2, clock.instant()).getResultList()))
                .invoke(this::pushed)
                .replaceWithVoid();
    }

    /**
     * Suggestions that came due since they were made (a newborn's school enrolment six years on): claimed, marked
     * pushed and, after the commit, pushed to the applicant's live stream. At most {@code limit} per call.
     */
    public Uni<Integer> pushDue(int limit) {
        return Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(PUSH_DUE,
                        Object[].class).setParameter(1, clock.instant()).setParameter(2, limit).getResultList()))
                .invoke(this::pushed)
                .map(List::size);
    }

    @Scheduled(every = "${tongban.status.suggestions.scan-interval:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scanDue() {
        return pushDue(config.suggestions().batchSize())
                .onFailure().invoke(e -> LOG.warnf("due suggestions not pushed, the next scan retries: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private void pushed(List<Object[]> rows) {
        rows.forEach(r -> {
            View view = view(r);
            LOG.infof("matter %s: suggested %s to its applicant (%s)", view.sourceMatterId(), view.matterType(),
                    view.basis());
            changes.publish(new ProgressChanges.Change(view.sourceMatterId(), (String) r[10], "suggestion", view));
        });
    }

    public static View view(Object[] r) {
        String type = (String) r[1];
        return new View(r[0].toString(), type, (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                (String) r[6], EventJson.readMapOrEmpty((String) r[7]), "/api/matter-types/" + type, instant(r[8]),
                r[9].toString());
    }

    private Uni<Map<String, Object>> formValues(UUID matterId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select source, value from matter_prefill where matter_id = ?1", Object[].class)
                .setParameter(1, matterId).getResultList())
                .map(rows -> {
                    Map<String, Object> values = new HashMap<>();
                    rows.forEach(r -> values.put((String) r[0], parse((String) r[1])));
                    return values;
                });
    }

    private static Optional<Object> value(InputSource source, Map<String, Object> form,
                                          Map<String, Map<String, Object>> outputs) {
        if (source.kind() == InputSource.Kind.FORM) {
            return Optional.ofNullable(form.get("form." + String.join(".", source.path())));
        } else if (source.kind() == InputSource.Kind.TASK_OUTPUT) {
            return Optional.ofNullable(outputs.getOrDefault(source.taskKey(), Map.of()).get(source.outputName()));
        }
        return Optional.empty(); // materials are never copied into a new matter's form
    }

    private Optional<MatterDefinition> definition(String type, Integer version) {
        Optional<MatterDefinition> exact = version == null ? Optional.empty() : catalogue.find(type, version);
        return exact.isPresent() ? exact : catalogue.latest(type);
    }

    private ZoneId zone() {
        return ZoneId.of(config.calendar().zone());
    }

    private static Uni<Void> join(List<Uni<Void>> unis) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Uni<Void> u : unis) {
            chain = chain.chain(() -> u);
        }
        return chain;
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        } else if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        } else if (value instanceof java.time.LocalDateTime l) {
            return l.toInstant(java.time.ZoneOffset.UTC);
        }
        return null;
    }

    private static Object parse(String json) {
        try {
            return EventJson.mapper().readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
