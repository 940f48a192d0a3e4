package io.tongban.orchestrator;

import static io.restassured.RestAssured.given;
import static io.tongban.orchestrator.NewbornWorkflowTest.awaitTask;
import static io.tongban.orchestrator.NewbornWorkflowTest.complete;
import static io.tongban.orchestrator.NewbornWorkflowTest.submit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.contracts.department.DepartmentTaskCompleted;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.evidence.HandOff;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestEvidence;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TestTokens;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Evidence-grade hand-offs: tasks leave signed with the platform's key, results are accepted only with their
 * department's signature, both are chained per matter, and the chain names the first stored hand-off that was
 * changed afterwards.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "orchestrator_test"))
class EvidenceChainTest {
    private static final String DB = NewbornWorkflowTest.DB;
    private static final String DEAD_LETTERS = "tongban.dept.results.dlq.orchestrator";

    /** Submits a newborn matter and answers its birth certificate (signed), until the household task is out. */
    private static String matterWithOneAnswer() {
        String matterId = UUID.randomUUID().toString();
        submit(matterId);
        awaitTask("health", matterId, "birth-certificate");
        complete("health", matterId, "birth-certificate", Map.of("birthCertificateNo", "BCN-1"));
        awaitTask("public-security", matterId, "household-registration");
        return matterId;
    }

    private static JsonPath evidenceOf(String matterId) {
        return given().auth().oauth2(TestTokens.ops("op-1")).get("/ops/matters/{id}/evidence", matterId)
                .then().statusCode(200).extract().jsonPath();
    }

    private static long resultSeq(String matterId) {
        return DbProbe.count(DB, "select seq from hand_off where matter_id = '" + matterId + "' and kind = 'result'");
    }

    @Test
    void tasksAndResultsAreSignedAndChainedAndTheWholeChainVerifies() {
        String matterId = matterWithOneAnswer();

        JsonPath evidence = evidenceOf(matterId);
        assertThat(evidence.getBoolean("verified")).isTrue();
        List<Map<String, Object>> entries = evidence.getList("entries");
        assertThat(entries).extracting(e -> e.get("signer")).contains("platform", "health");
        assertThat(entries).extracting(e -> e.get("kind")).contains("task", "result");
        assertThat(evidence.getInt("handOffs")).isEqualTo(entries.size());
        for (int i = 1; i < entries.size(); i++) {
            assertThat(entries.get(i).get("prevHash")).isEqualTo(entries.get(i - 1).get("hash"));
        }
    }

    @Test
    void aTaskOnTheWireCarriesThePlatformsSignatureAndItsChainHash() {
        String matterId = matterWithOneAnswer();

        TopicProbe.Seen household = TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId,
                Topics.tasksOf("public-security")).get(0);
        HandOff handOff = HandOff.task(household.header("ce_type"), household.value());
        assertThat(household.header(EvidenceHeaders.SIGNER)).isEqualTo("platform");
        assertThat(io.tongban.contracts.evidence.HandOffSignature.verify(
                TestEvidence.keys().publicKeyOf("platform").orElseThrow(), handOff,
                household.header(EvidenceHeaders.SIGNATURE))).isTrue();
        List<Map<String, Object>> entries = evidenceOf(matterId).getList("entries");
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("eventId")).isEqualTo(household.header("ce_id"));
            assertThat(e.get("hash")).isEqualTo(household.header(EvidenceHeaders.HASH));
            assertThat(e.get("prevHash")).isEqualTo(household.header(EvidenceHeaders.PREV_HASH));
        });
    }

    @Test
    void theWorkflowsTaskDispatchedCarriesTheChainHashOfItsHandOffForWhoSawMyData() {
        String matterId = matterWithOneAnswer();

        TopicProbe.Seen dispatched = TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, Topics.WORKFLOW).stream()
                .filter(s -> EventTypes.TASK_DISPATCHED.equals(s.header("ce_type"))
                        && s.value().contains("household-registration")).findFirst().orElseThrow();
        List<Map<String, Object>> entries = evidenceOf(matterId).getList("entries");
        assertThat(entries).anySatisfy(e -> {
            assertThat(e.get("taskId")).isEqualTo(matterId + ":household-registration");
            assertThat(e.get("kind")).isEqualTo("task");
            assertThat(e.get("hash")).isEqualTo(dispatched.header(EvidenceHeaders.HAND_OFF_HASH));
        });
    }

    @Test
    void aStoredHandOffChangedAfterwardsIsNamedAsTheFirstThatDoesNotVerify() {
        String matterId = matterWithOneAnswer();
        long seq = resultSeq(matterId);

        DbProbe.execute(DB, "update hand_off set payload = replace(payload, 'BCN-1', 'BCN-2') where matter_id = '"
                + matterId + "' and seq = " + seq);

        JsonPath evidence = evidenceOf(matterId);
        assertThat(evidence.getBoolean("verified")).isFalse();
        assertThat(evidence.getLong("firstBreak.seq")).isEqualTo(seq);
        assertThat(evidence.getString("firstBreak.reason")).contains("payload");
    }

    @Test
    void aResultSignedWithAnotherDepartmentsKeyIsDeadLetteredAndNotChained() {
        String matterId = UUID.randomUUID().toString();
        submit(matterId);
        awaitTask("health", matterId, "birth-certificate");
        String data = EventJson.write(new DepartmentTaskCompleted(matterId + ":birth-certificate", matterId, "health",
                Map.of("birthCertificateNo", "FORGED"), Instant.now()));
        Map<String, String> headers = new LinkedHashMap<>(TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId));
        headers.put(EvidenceHeaders.SIGNER, "health");
        headers.put(EvidenceHeaders.SIGNATURE, TestEvidence.sign("tax", HandOff.result(EventTypes.DEPARTMENT_TASK_COMPLETED, data)));

        TopicProbe.write(TestKafka.bootstrapServers(), Topics.resultsOf("health"), matterId, data, headers);

        String reason = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, DEAD_LETTERS).stream()
                        .map(d -> d.header("dead-letter-reason")).findFirst().orElse(null), r -> r != null);
        assertThat(reason).contains("signature is not department health's");
        assertThat(DbProbe.count(DB, "select count(*) from hand_off where matter_id = '" + matterId + "' and kind = 'result'"))
                .isZero();
        assertThat(DbProbe.count(DB, "select count(*) from task_instance where task_id = '" + matterId
                + ":birth-certificate' and state = 'COMPLETED'")).isZero();
    }

    @Test
    void anUnsignedResultIsDeadLetteredWithTheReason() {
        String matterId = UUID.randomUUID().toString();
        submit(matterId);
        awaitTask("health", matterId, "birth-certificate");
        String data = EventJson.write(new DepartmentTaskCompleted(matterId + ":birth-certificate", matterId, "health",
                Map.of("birthCertificateNo", "BCN-9"), Instant.now()));

        TopicProbe.write(TestKafka.bootstrapServers(), Topics.resultsOf("health"), matterId, data,
                TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_COMPLETED, matterId));

        String reason = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, DEAD_LETTERS).stream()
                        .map(d -> d.header("dead-letter-reason")).findFirst().orElse(null), r -> r != null);
        assertThat(reason).contains("not signed by department health");
    }

    @Test
    void onlyOperatorsReadTheEvidence() {
        given().get("/ops/matters/{id}/evidence", UUID.randomUUID()).then().statusCode(401);
        given().auth().oauth2(TestTokens.applicant("a-1")).get("/ops/matters/{id}/evidence", UUID.randomUUID())
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.ops("op-1")).get("/ops/matters/{id}/evidence", UUID.randomUUID())
                .then().statusCode(404).body("status", equalTo(404));
    }
}
