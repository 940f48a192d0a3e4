package io.tongban.orchestrator.domain;

import io.tongban.catalogue.WorkingCalendar;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongban.catalogue.CatalogueLoader;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.catalogue.TaskDefinition;
import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.TaskCompleted;
import io.tongban.contracts.workflow.TaskSkipped;
import io.tongban.contracts.workflow.WorkflowEvent;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Property test over random valid DAG definitions and random orders of department results (including
 * redelivered results). A seeded-random JUnit test: jqwik was not wired in (see the report); every failure
 * names its seed, and {@code -Dtongban.dag.seed=<seed>} replays exactly that case.
 */
class RandomDagPropertyTest {
    static final Instant NOW = Instant.parse("2026-11-23T02:00:00Z");
    static final WorkingCalendar CALENDAR = WorkingCalendar.weekendsOnly(ZoneId.of("Asia/Shanghai"));
    static final int CASES = 600;

    @Test
    void everyTaskIsDispatchedAtMostOnceAfterItsDependenciesAndTheMatterCompletesExactlyWhenAllRequiredTasksAre() {
        String replay = System.getProperty("tongban.dag.seed");
        long base = replay != null ? Long.parseLong(replay) : 20261129L;
        int cases = replay != null ? 1 : CASES;
        for (int i = 0; i < cases; i++) {
            long seed = base + i;
            try {
                runCase(new Random(seed));
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("random DAG case failed, replay with -Dtongban.dag.seed=" + seed + ": "
                        + e.getMessage(), e);
            }
        }
    }

    private static void runCase(Random random) {
        int n = 1 + random.nextInt(14);
        Map<String, Object> form = new HashMap<>();
        MatterDefinition definition = CatalogueLoader.parse("random.yaml", randomDefinition(random, n, form));
        Map<String, TaskDefinition> defs = new LinkedHashMap<>();
        definition.tasks().forEach(t -> defs.put(t.key(), t));

        Set<String> dispatched = new HashSet<>();
        Set<String> done = new HashSet<>(); // completed (or approved on commitment) or skipped
        Set<String> skipped = new HashSet<>();
        List<String> outstanding = new ArrayList<>(); // dispatched, department has not answered yet
        boolean[] completed = {false};

        List<Effect> effects = new ArrayList<>();
        MatterInstance matter = MatterInstance.accept("m", definition, "a", form, Map.of(), NOW, NOW, CALENDAR, effects);
        check(effects, defs, dispatched, done, skipped, outstanding, completed);
        List<TaskState> stored = List.copyOf(matter.tasks());
        List<String> answered = new ArrayList<>();
        while (!outstanding.isEmpty() || (!answered.isEmpty() && random.nextInt(4) == 0)) {
            String key;
            if (!answered.isEmpty() && random.nextInt(5) == 0) {
                key = answered.get(random.nextInt(answered.size())); // a redelivered result changes nothing
                matter = loadedForCompletionOf(matter, stored, key);
                List<Effect> again = matter.completeTask(key, Map.of("out", "x"), NOW, CALENDAR);
                assertThat(again).as("redelivered result for %s", key).isEmpty();
                continue;
            }
            if (outstanding.isEmpty()) {
                break;
            }
            key = outstanding.remove(random.nextInt(outstanding.size()));
            answered.add(key);
            matter = loadedForCompletionOf(matter, stored, key);
            List<Effect> out = matter.completeTask(key, Map.of("out", key + "-no"), NOW, CALENDAR);
            check(out, defs, dispatched, done, skipped, outstanding, completed);
        }
        assertThat(completed[0]).as("matter completed").isTrue();
        assertThat(matter.status()).isEqualTo(MatterStatus.COMPLETED);
        assertThat(done).hasSize(n);
        assertThat(dispatched).hasSize(n - skipped.size());
    }

    /** As the persistence loads it: only the tasks the completion can touch, unless all are needed. */
    private static MatterInstance loadedForCompletionOf(MatterInstance m, List<TaskState> stored, String key) {
        java.util.Optional<Set<String>> only = TaskGraph.of(m.definition()).tasksToLoadForCompletionOf(key, m.openTasks());
        List<TaskState> states = only.map(keys -> stored.stream().filter(t -> keys.contains(t.taskKey())).toList())
                .orElse(stored);
        return new MatterInstance(m.matterId(), m.definition(), m.applicantId(), m.form(), m.materials(),
                m.submittedAt(), m.status(), m.sequence(), m.finishedAt(), m.openTasks(), states);
    }

    private static void check(List<Effect> effects, Map<String, TaskDefinition> defs, Set<String> dispatched,
                              Set<String> done, Set<String> skipped, List<String> outstanding, boolean[] completed) {
        for (Effect effect : effects) {
            assertThat(completed[0]).as("nothing happens after the matter completed").isFalse();
            if (effect instanceof Effect.ToDepartment d && d.event() instanceof DepartmentTaskAssigned a) {
                assertThat(dispatched.add(a.taskKey())).as("%s dispatched once", a.taskKey()).isTrue();
                assertThat(done).as("dependencies of %s done before it goes out", a.taskKey())
                        .containsAll(defs.get(a.taskKey()).dependsOn());
                if (!defs.get(a.taskKey()).byCommitment()) {
                    outstanding.add(a.taskKey());
                }
            } else if (effect instanceof Effect.Workflow w) {
                WorkflowEvent e = w.event();
                if (e instanceof TaskCompleted c) {
                    assertThat(done.add(c.taskKey())).as("%s completed once", c.taskKey()).isTrue();
                } else if (e instanceof TaskSkipped s) {
                    assertThat(done).containsAll(defs.get(s.taskKey()).dependsOn());
                    done.add(s.taskKey());
                    skipped.add(s.taskKey());
                } else if (e instanceof MatterCompleted) {
                    assertThat(done).as("matter completes only when every task is done or skipped")
                            .hasSize(defs.size());
                    completed[0] = true;
                }
            }
        }
        if (done.size() == defs.size()) {
            assertThat(completed[0]).as("matter completes as soon as every task is done").isTrue();
        }
    }

    /** Tasks t0..tn-1; each depends on a random subset of earlier ones, some have a condition, some are by commitment. */
    private static String randomDefinition(Random random, int n, Map<String, Object> form) {
        StringBuilder tasks = new StringBuilder();
        List<String> flags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tasks.append("  - key: t").append(i).append('\n')
                    .append("    department: dept-").append(random.nextInt(4)).append('\n')
                    .append("    title: {zh: 任务, en: Task}\n");
            List<String> deps = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                if (random.nextInt(3) == 0) {
                    deps.add("t" + j);
                }
            }
            if (!deps.isEmpty()) {
                tasks.append("    dependsOn: [").append(String.join(", ", deps)).append("]\n");
            }
            if (random.nextInt(6) == 0) {
                String flag = "f" + i;
                flags.add(flag);
                form.put(flag, random.nextBoolean());
                tasks.append("    condition: form.").append(flag).append(" == true\n");
            }
            if (random.nextInt(8) == 0) {
                tasks.append("    byCommitment: true\n"); // approved on commitment: no outputs to wait for
            } else {
                tasks.append("    outputs: [out]\n");
            }
        }
        String properties = flags.stream().map(f -> f + ": {type: boolean}").reduce((a, b) -> a + ", " + b).orElse("");
        return """
                id: random
                version: 1
                title: {zh: 随机, en: Random}
                form: {type: object, properties: {%s}}
                tasks:
                """.formatted(properties) + tasks;
    }
}
