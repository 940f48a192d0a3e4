package io.tongban.status;

import static io.restassured.RestAssured.given;
import static io.tongban.status.ProgressProjectionTest.T0;
import static io.tongban.status.ProgressProjectionTest.accepted;
import static io.tongban.status.ProgressProjectionTest.completed;
import static io.tongban.status.ProgressProjectionTest.dispatched;
import static io.tongban.status.ProgressProjectionTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.Topics;
import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.SupplementItem;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.contracts.workflow.MatterAccepted;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.SupplementRequested;
import io.tongban.contracts.workflow.TaskAwaitingMaterial;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.contracts.workflow.TaskOverdue;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TestTokens;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "status_test"))
class ApplicantViewsTest {

    static MatterAccepted acceptedBy(String id, String applicant) {
        MatterAccepted a = accepted(id);
        return new MatterAccepted(id, 1, a.matterType(), a.definitionVersion(), applicant, a.titleZh(), a.titleEn(),
                T0, T0, a.tasks());
    }

    static JsonPath progressOf(String id, String applicant) {
        return given().auth().oauth2(TestTokens.applicant(applicant)).get("/api/matters/" + id + "/progress")
                .then().statusCode(200).extract().jsonPath();
    }

    static boolean sequenceReached(String id, String applicant, long sequence) {
        var response = given().auth().oauth2(TestTokens.applicant(applicant)).get("/api/matters/" + id + "/progress");
        return response.statusCode() == 200 && response.jsonPath().getLong("lastSequence") >= sequence;
    }

    @Test
    void progressNeedsATokenAndIsNotFoundForAnotherApplicant() {
        String id = UUID.randomUUID().toString();
        String owner = "owner-" + id;
        publish(Topics.WORKFLOW, id, acceptedBy(id, owner));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> sequenceReached(id, owner, 1));

        given().get("/api/matters/" + id + "/progress").then().statusCode(401);
        given().auth().oauth2(TestTokens.applicant("someone-else")).get("/api/matters/" + id + "/progress")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.ops("op-1")).get("/api/matters/" + id + "/progress").then().statusCode(403);
        given().auth().oauth2(TestTokens.applicant("someone-else")).get("/api/matters/" + id + "/data-access")
                .then().statusCode(404);
    }

    @Test
    void theApplicantListsOnlyTheirOwnMattersPagedAndByState() {
        String applicant = "lister-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            publish(Topics.WORKFLOW, id, acceptedBy(id, applicant));
        }
        String other = UUID.randomUUID().toString();
        publish(Topics.WORKFLOW, other, acceptedBy(other, "not-" + applicant));
        String done = ids.get(0);
        publish(Topics.WORKFLOW, done, new MatterCompleted(done, 2, List.of(), T0.plusSeconds(60)));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> sequenceReached(done, applicant, 2)
                && sequenceReached(ids.get(1), applicant, 1) && sequenceReached(ids.get(2), applicant, 1));

        JsonPath all = given().auth().oauth2(TestTokens.applicant(applicant)).queryParam("size", 2)
                .get("/api/applicants/me/matters").then().statusCode(200).extract().jsonPath();
        assertThat(all.getLong("total")).isEqualTo(3);
        assertThat(all.getList("items")).hasSize(2);
        JsonPath second = given().auth().oauth2(TestTokens.applicant(applicant)).queryParam("size", 2)
                .queryParam("page", 1).get("/api/applicants/me/matters").then().statusCode(200).extract().jsonPath();
        List<String> seen = new ArrayList<>(all.getList("items.matterId", String.class));
        seen.addAll(second.getList("items.matterId", String.class));
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);

        JsonPath completedOnly = given().auth().oauth2(TestTokens.applicant(applicant)).queryParam("state", "COMPLETED")
                .get("/api/applicants/me/matters").then().statusCode(200).extract().jsonPath();
        assertThat(completedOnly.getList("items.matterId", String.class)).containsExactly(done);
    }

    @Test
    void aTaskWaitingForASupplementShowsWhatIsAskedAndItsRemainingWorkingDays() {
        String id = UUID.randomUUID().toString();
        String owner = "waiting-" + id;
        Instant due = Instant.now().plus(Duration.ofDays(14));
        publish(Topics.WORKFLOW, id, acceptedBy(id, owner));
        publish(Topics.WORKFLOW, id, new TaskDispatched(id, 2, id + ":birth-certificate", "birth-certificate", "health",
                List.of("childName"), Instant.now(), due));
        publish(Topics.WORKFLOW, id, new SupplementRequested(id, 3, id + ":birth-certificate", "birth-certificate",
                "health", List.of(new SupplementItem(SupplementItem.MATERIAL, "hospitalRecord", "unreadable scan")),
                Instant.now()));
        publish(Topics.WORKFLOW, id, new TaskOverdue(id, 4, id + ":birth-certificate", "birth-certificate", "health",
                due, "yellow", Instant.now()));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> sequenceReached(id, owner, 4));

        JsonPath view = progressOf(id, owner);
        String task = "tasks.find { it.taskKey == 'birth-certificate' }";
        assertThat(view.getString(task + ".state")).isEqualTo("WAITING_FOR_SUPPLEMENT");
        assertThat(view.getString(task + ".waitingFor[0].name")).isEqualTo("hospitalRecord");
        assertThat(view.getString(task + ".overdueLevel")).isEqualTo("yellow");
        assertThat(view.getInt(task + ".remainingWorkingDays")).isBetween(8, 11); // 14 calendar days
        String next = "tasks.find { it.taskKey == 'household-registration' }";
        assertThat(view.getString(next + ".waitingFor[0].kind")).isEqualTo("dependency");
        // the household registration's 2 working days follow the certificate's due date
        assertThat(Instant.parse(view.getString("expectedCompletion"))).isAfter(due);
    }

    @Test
    void aTaskWaitingForAPromisedMaterialShowsTheDeadlineOfThePromise() {
        String id = UUID.randomUUID().toString();
        String owner = "promised-" + id;
        Instant promisedBy = Instant.parse("2026-12-04T02:00:00Z");
        publish(Topics.WORKFLOW, id, acceptedBy(id, owner));
        publish(Topics.WORKFLOW, id, new TaskAwaitingMaterial(id, 2, id + ":birth-certificate", "birth-certificate",
                "health", List.of("householdBooklet"), T0, promisedBy));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> sequenceReached(id, owner, 2));

        JsonPath view = progressOf(id, owner);
        String task = "tasks.find { it.taskKey == 'birth-certificate' }";
        assertThat(view.getString(task + ".state")).isEqualTo("AWAITING_MATERIAL");
        assertThat(view.getString(task + ".waitingFor[0].kind")).isEqualTo("material");
        assertThat(view.getString(task + ".waitingFor[0].name")).isEqualTo("householdBooklet");
        assertThat(Instant.parse(view.getString(task + ".waitingFor[0].dueBy"))).isEqualTo(promisedBy);
        assertThat(view.getString(task + ".waitingFor[0].reason")).contains("by 2026-12-04").contains("容缺受理");
    }

    @Test
    void outOfOrderDeliveryAcrossMattersEndsInTheRightViews() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String owner = "interleaved-" + a;
        // b's events come in reverse; a's in order, interleaved with b's
        publish(Topics.WORKFLOW, b, completed(b, 3, "birth-certificate", "health", Map.of("birthCertificateNo", "B")));
        publish(Topics.WORKFLOW, a, acceptedBy(a, owner));
        publish(Topics.WORKFLOW, b, dispatched(b, 2, "birth-certificate", "health"));
        publish(Topics.WORKFLOW, a, dispatched(a, 2, "birth-certificate", "health"));
        publish(Topics.WORKFLOW, b, acceptedBy(b, owner));
        publish(Topics.WORKFLOW, a, completed(a, 3, "birth-certificate", "health", Map.of("birthCertificateNo", "A")));

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> sequenceReached(a, owner, 3) && sequenceReached(b, owner, 3));
        for (String id : List.of(a, b)) {
            JsonPath view = progressOf(id, owner);
            assertThat(view.getList("timeline.sequence", Integer.class)).containsExactly(1, 2, 3);
            assertThat(view.getString("tasks.find { it.taskKey == 'birth-certificate' }.state")).isEqualTo("COMPLETED");
        }
        assertThat(progressOf(b, owner).getString("tasks.find { it.taskKey == 'birth-certificate' }.outputs.birthCertificateNo"))
                .isEqualTo("B");
    }

    @Test
    void whoSawMyDataListsExactlyWhatWasPublishedToTheDepartmentTopics() throws Exception {
        String id = UUID.randomUUID().toString();
        String owner = "tracked-" + id;
        publish(Topics.MATTERS, id, new MatterSubmitted(id, "newborn", 1, owner,
                Map.of("childName", "X", "motherIdNumber", "secret"), List.of(), T0));
        publish(Topics.WORKFLOW, id, acceptedBy(id, owner));
        // the orchestrator publishes each dispatch twice: the decision (names) and the department task (values)
        Map<String, Map<String, Object>> sent = new TreeMap<>();
        sent.put("birth-certificate", Map.of("childName", "X", "hospitalRecord", "ref-1"));
        sent.put("household-registration", Map.of("childName", "X", "birthCertificateNo", "O1"));
        long seq = 2;
        for (var task : sent.entrySet()) {
            String dept = task.getKey().equals("birth-certificate") ? "health" : "public-security";
            String taskId = id + ":" + task.getKey();
            publish(Topics.WORKFLOW, id, new TaskDispatched(id, seq++, taskId, task.getKey(), dept,
                    List.copyOf(new TreeMap<>(task.getValue()).keySet()), T0.plusSeconds(seq), T0.plusSeconds(86400)));
            publish(Topics.tasksOf(dept), id, new DepartmentTaskAssigned(taskId, id, "newborn", task.getKey(), dept,
                    "t", "t", task.getValue(), List.of(), T0.plusSeconds(seq), T0.plusSeconds(86400)));
        }
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> sequenceReached(id, owner, 3));

        JsonPath disclosures = given().auth().oauth2(TestTokens.applicant(owner)).get("/api/matters/" + id + "/data-access")
                .then().statusCode(200).extract().jsonPath();
        Map<String, List<String>> listed = new HashMap<>();
        for (Map<String, Object> d : disclosures.<Map<String, Object>>getList("")) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) d.get("inputNames");
            listed.put(d.get("department") + "/" + d.get("taskKey"), names.stream().sorted().toList());
            assertThat(d.get("sentAt")).isNotNull();
        }
        Map<String, List<String>> published = new HashMap<>();
        for (TopicProbe.Seen seen : TopicProbe.readAllFor(TestKafka.bootstrapServers(), id,
                Topics.tasksOf("health"), Topics.tasksOf("public-security"))) {
            DepartmentTaskAssigned task = EventJson.mapper().readValue(seen.value(), DepartmentTaskAssigned.class);
            published.put(task.department() + "/" + task.taskKey(), task.inputs().keySet().stream().sorted().toList());
        }
        assertThat(listed).isEqualTo(published).hasSize(2);
        assertThat(disclosures.prettify()).doesNotContain("secret").doesNotContain("motherIdNumber");
    }

    @Test
    void eachDisclosureCarriesTheEvidenceChainHashOfItsHandOff() {
        String id = UUID.randomUUID().toString();
        String owner = "chained-" + id;
        String hash = "ab".repeat(32);
        publish(Topics.WORKFLOW, id, acceptedBy(id, owner));
        TaskDispatched dispatched = new TaskDispatched(id, 2, id + ":birth-certificate", "birth-certificate", "health",
                List.of("childName"), T0.plusSeconds(2), T0.plusSeconds(86400));
        Map<String, String> headers = new HashMap<>(TopicProbe.cloudEventHeaders(EventTypes.TASK_DISPATCHED, id));
        headers.put(EvidenceHeaders.HAND_OFF_HASH, hash); // as the orchestrator sets it (its chain entry's hash)
        TopicProbe.write(TestKafka.bootstrapServers(), Topics.WORKFLOW, id, EventJson.write(dispatched), headers);
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> sequenceReached(id, owner, 2));

        given().auth().oauth2(TestTokens.applicant(owner)).get("/api/matters/" + id + "/data-access")
                .then().statusCode(200)
                .body("[0].taskId", org.hamcrest.Matchers.equalTo(id + ":birth-certificate"))
                .body("[0].handOffHash", org.hamcrest.Matchers.equalTo(hash));
    }

    @Test
    void anotherApplicantCannotWatchAMatter() {
        String id = UUID.randomUUID().toString();
        String owner = "watched-" + id;
        publish(Topics.WORKFLOW, id, acceptedBy(id, owner));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> sequenceReached(id, owner, 1));

        given().auth().oauth2(TestTokens.applicant("intruder")).accept("text/event-stream")
                .get("/api/matters/" + id + "/progress/stream").then().statusCode(404);
        given().accept("text/event-stream").get("/api/matters/" + id + "/progress/stream").then().statusCode(401);
    }

    @Test
    void aStreamingClientReceivesEachChange() {
        String id = UUID.randomUUID().toString();
        String owner = "watcher-" + id;
        publish(Topics.WORKFLOW, id, acceptedBy(id, owner));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> sequenceReached(id, owner, 1));

        try (LiveStream stream = LiveStream.open("/api/matters/" + id + "/progress/stream", TestTokens.applicant(owner))) {
            Supplier<List<Long>> sequences = () -> stream.data().stream()
                    .map(data -> JsonPath.from(data).getLong("lastSequence")).toList();
            await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> sequences.get().contains(1L));
            publish(Topics.WORKFLOW, id, dispatched(id, 2, "birth-certificate", "health"));
            await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> sequences.get().contains(2L));
            publish(Topics.WORKFLOW, id, completed(id, 3, "birth-certificate", "health", Map.of("birthCertificateNo", "S")));
            publish(Topics.WORKFLOW, id, dispatched(id, 2, "birth-certificate", "health")); // a repeat: no change
            await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> sequences.get().contains(3L));
            await().during(Duration.ofSeconds(2)).atMost(Waits.upTo(Duration.ofSeconds(10)))
                    .until(() -> sequences.get().equals(List.of(1L, 2L, 3L)));
        }
    }
}
