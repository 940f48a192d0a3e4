package io.tongban.status;

import static io.restassured.RestAssured.given;
import static io.tongban.status.ProgressProjectionTest.T0;
import static io.tongban.status.ProgressProjectionTest.completed;
import static io.tongban.status.ProgressProjectionTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.contracts.Topics;
import io.tongban.contracts.matters.MatterRated;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestTokens;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "status_test"))
class ProjectionRebuildTest {
    static final Instant DUE = Instant.parse("2030-01-07T02:00:00Z");

    static String view(String id, String owner, String what) {
        return given().auth().oauth2(TestTokens.applicant(owner)).get("/api/matters/" + id + "/" + what)
                .then().statusCode(200).extract().asString();
    }

    static TaskDispatched dispatched(String id, long seq, String taskKey, String dept) {
        return new TaskDispatched(id, seq, id + ":" + taskKey, taskKey, dept, List.of("childName"), T0.plusSeconds(seq), DUE);
    }

    @Test
    void theRebuiltViewEqualsTheLiveOne() {
        String owner = "rebuilt-" + UUID.randomUUID();
        List<String> ids = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(),
                UUID.randomUUID().toString(), UUID.randomUUID().toString());
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            publish(Topics.MATTERS, id, new MatterSubmitted(id, "newborn", 1, owner, Map.of(), List.of(), T0));
            publish(Topics.WORKFLOW, id, ApplicantViewsTest.acceptedBy(id, owner));
            if (i % 2 == 1) { // delivered out of order: held, then released
                publish(Topics.WORKFLOW, id, completed(id, 3, "birth-certificate", "health", Map.of("no", "C" + i)));
                publish(Topics.WORKFLOW, id, dispatched(id, 2, "birth-certificate", "health"));
            } else {
                publish(Topics.WORKFLOW, id, dispatched(id, 2, "birth-certificate", "health"));
                publish(Topics.WORKFLOW, id, completed(id, 3, "birth-certificate", "health", Map.of("no", "C" + i)));
            }
            publish(Topics.WORKFLOW, id, dispatched(id, 4, "household-registration", "public-security"));
            if (i < 2) {
                publish(Topics.WORKFLOW, id, completed(id, 5, "household-registration", "public-security", Map.of("h", "H")));
                publish(Topics.WORKFLOW, id, new MatterCompleted(id, 6, List.of(), T0.plusSeconds(6)));
                publish(Topics.MATTERS, id, new MatterRated(id, owner, 5 - i, null, T0.plusSeconds(7)));
            }
        }
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> ids.stream().allMatch(id ->
                ApplicantViewsTest.sequenceReached(id, owner, ids.indexOf(id) < 2 ? 6 : 4)));
        Map<String, String> live = snapshot(ids, owner);

        given().auth().oauth2(TestTokens.ops("op-1")).post("/api/ops/projection/rebuild")
                .then().statusCode(200);

        Map<String, String> rebuilt = snapshot(ids, owner);
        assertThat(rebuilt.keySet()).isEqualTo(live.keySet());
        live.forEach((key, view) -> assertThat(rebuilt.get(key)).as(key).isEqualTo(view));
        assertThat(live.get(ids.get(0) + "/progress")).contains("\"state\":\"COMPLETED\"");
    }

    @Test
    void rebuildingNeedsTheOpsRole() {
        given().post("/api/ops/projection/rebuild").then().statusCode(401);
        given().auth().oauth2(TestTokens.applicant("a-1")).post("/api/ops/projection/rebuild").then().statusCode(403);
    }

    static Map<String, String> snapshot(List<String> ids, String owner) {
        Map<String, String> views = new LinkedHashMap<>();
        for (String id : ids) {
            views.put(id + "/progress", view(id, owner, "progress"));
            views.put(id + "/data-access", view(id, owner, "data-access"));
        }
        return views;
    }
}
