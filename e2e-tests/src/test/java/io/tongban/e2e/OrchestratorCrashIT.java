package io.tongban.e2e;

import static io.restassured.RestAssured.given;
import static io.tongban.e2e.LocalPlatform.simulator;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tongban.testsupport.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The orchestrator is killed (SIGKILL) twice while a hundred matters run: after each restart every matter
 * continues, and every department task reaches its department exactly once. And two orchestrator instances at
 * once split the partitions without double work; when one is killed the other takes over its partitions.
 */
class OrchestratorCrashIT {
    static final LocalPlatform PLATFORM = new LocalPlatform();
    static final int MATTERS = 100;
    static final String NEWBORN = LocalPlatform.NEWBORN_REQUEST;

    static String applicantToken;

    @BeforeAll
    static void startPlatform() {
        PLATFORM.run("up");
        applicantToken = PLATFORM.token("e2e-crash-applicant", "applicant");
    }

    @AfterAll
    static void stopPlatform() {
        PLATFORM.run("stop");
    }

    @Test
    void killingTheOrchestratorTwiceMidRunLosesNoTaskAndSendsNoneTwice() {
        int before = simulator("/simulator/deliveries").getInt("total");
        List<String> matters = new ArrayList<>();
        for (int i = 0; i < MATTERS; i++) {
            matters.add(submit());
        }

        await().atMost(Waits.upTo(Duration.ofSeconds(120))).until(() -> deliveredSince(before) >= 60);
        PLATFORM.run("kill", "orchestrator");
        PLATFORM.run("start", "orchestrator");
        await().atMost(Waits.upTo(Duration.ofSeconds(120))).until(() -> deliveredSince(before) >= 280);
        PLATFORM.run("kill", "orchestrator");
        PLATFORM.run("start", "orchestrator");

        await().atMost(Waits.upTo(Duration.ofSeconds(240))).pollInterval(Duration.ofSeconds(2)).until(() ->
                matters.stream().allMatch(id -> "COMPLETED".equals(stateOf(id))));
        JsonPath deliveries = simulator("/simulator/deliveries");
        assertThat(deliveries.getList("duplicated")).as("task ids delivered more than once").isEmpty();
        assertThat(deliveries.getInt("total")).isEqualTo(deliveries.getInt("distinct"));
        int planned = 0;
        for (String id : matters) {
            int tasks = plannedTasks(id); // as many as the matter's definition version plans (newborn: 3 in v1, 5 in v2)
            assertThat(tasks).isGreaterThanOrEqualTo(3);
            assertThat(simulator("/simulator/tasks?matterId=" + id).getList("$")).as("tasks of %s", id).hasSize(tasks);
            planned += tasks;
        }
        assertThat(deliveries.getInt("total") - before).as("deliveries").isEqualTo(planned);
    }

    @Test
    void twoInstancesSplitThePartitionsWithoutDoubleWorkAndTheSurvivorTakesOverWhenOneIsKilled() {
        int before = simulator("/simulator/deliveries").getInt("total");
        PLATFORM.run("start", "orchestrator-2");
        try {
            await().atMost(Waits.upTo(Duration.ofSeconds(120))).until(() -> {
                Set<Integer> first = watchedPartitions("orchestrator");
                Set<Integer> second = watchedPartitions("orchestrator-2");
                return !first.isEmpty() && !second.isEmpty() && Collections.disjoint(first, second)
                        && union(first, second).equals(ALL_PARTITIONS);
            });
            List<String> matters = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                matters.add(submit());
            }
            await().atMost(Waits.upTo(Duration.ofSeconds(120))).until(() -> deliveredSince(before) >= 30);

            PLATFORM.run("kill", "orchestrator");
            // its consumer session expires, and the survivor owns (and scans the deadlines of) every partition
            await().atMost(Waits.upTo(Duration.ofSeconds(120)))
                    .until(() -> watchedPartitions("orchestrator-2").equals(ALL_PARTITIONS));
            for (int i = 0; i < 15; i++) {
                matters.add(submit());
            }

            await().atMost(Waits.upTo(Duration.ofSeconds(240))).pollInterval(Duration.ofSeconds(2)).until(() ->
                    matters.stream().allMatch(id -> "COMPLETED".equals(stateOf(id))));
            JsonPath deliveries = simulator("/simulator/deliveries");
            assertThat(deliveries.getList("duplicated")).as("task ids delivered more than once").isEmpty();
            int planned = matters.stream().mapToInt(OrchestratorCrashIT::plannedTasks).sum();
            assertThat(deliveries.getInt("total") - before).as("deliveries").isEqualTo(planned);
        } finally {
            PLATFORM.run("start", "orchestrator");
            PLATFORM.run("stop", "orchestrator-2");
        }
    }

    static final Set<Integer> ALL_PARTITIONS = Set.of(0, 1, 2, 3, 4, 5); // TONGBAN_PARTITIONS of tongban.matters
    static final Pattern WATCHING = Pattern.compile("now watching the deadlines of \\[([0-9, ]*)\\]");

    /** The tongban.matters partitions an instance owns now: the last ownership line in its log. */
    static Set<Integer> watchedPartitions(String instance) throws IOException {
        Path log = PLATFORM.logOf(instance);
        if (!Files.exists(log)) {
            return Set.of();
        }
        String last = null;
        for (String line : Files.readAllLines(log)) {
            Matcher m = WATCHING.matcher(line);
            if (m.find()) {
                last = m.group(1);
            }
        }
        Set<Integer> owned = new TreeSet<>();
        if (last != null) {
            for (String n : last.split(",")) {
                if (!n.isBlank()) {
                    owned.add(Integer.parseInt(n.trim()));
                }
            }
        }
        return owned;
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    static int plannedTasks(String matterId) {
        return given().baseUri("http://127.0.0.1:" + LocalPlatform.STATUS_PORT).auth().oauth2(applicantToken)
                .get("/api/matters/" + matterId + "/progress").then().statusCode(200).extract().jsonPath()
                .getList("tasks").size();
    }

    private static int deliveredSince(int before) {
        return simulator("/simulator/deliveries").getInt("distinct") - before;
    }

    static String submit() {
        return given().baseUri("http://127.0.0.1:" + LocalPlatform.INTAKE_PORT).auth().oauth2(applicantToken)
                .contentType(ContentType.JSON).header("Idempotency-Key", UUID.randomUUID().toString()).body(NEWBORN)
                .post("/api/matters")
                .then().statusCode(202).extract().path("matterId");
    }

    static String stateOf(String matterId) {
        return LocalPlatform.stateOf(matterId, applicantToken);
    }
}
