package io.tongban.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Supplement (补正), withdraw and rate, with the orchestrator's decisions arriving on tongban.workflow as
 * the orchestrator writes them.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class MatterLifecycleTest {

    static String submit(String applicant, String body) {
        return Api.as(applicant).contentType(ContentType.JSON).body(body).post("/api/matters")
                .then().statusCode(202).extract().path("matterId");
    }

    static void workflow(String type, String matterId, String data) {
        TopicProbe.write(TestKafka.bootstrapServers(), Topics.WORKFLOW, matterId, data,
                TopicProbe.cloudEventHeaders(type, matterId));
    }

    static void supplementRequested(String matterId, String kind, String name) {
        workflow(EventTypes.SUPPLEMENT_REQUESTED, matterId, """
                {"matterId":"%s","sequence":3,"taskId":"t-1","taskKey":"household-registration",
                 "department":"public-security","items":[{"kind":"%s","name":"%s","reason":"needed to call you"}],
                 "requestedAt":"%s"}""".formatted(matterId, kind, name, Instant.now()));
    }

    static void completed(String matterId) {
        workflow(EventTypes.MATTER_COMPLETED, matterId, """
                {"matterId":"%s","sequence":9,"results":[],"completedAt":"%s"}""".formatted(matterId, Instant.now()));
    }

    static String stateOf(String applicant, String matterId) {
        return Api.as(applicant).get("/api/matters/" + matterId).then().statusCode(200).extract().path("state");
    }

    static List<TopicProbe.Seen> published(String matterId, String type, int atLeast) {
        return await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, Topics.MATTERS).stream()
                        .filter(s -> type.equals(s.header("ce_type"))).toList(),
                seen -> seen.size() >= atLeast);
    }

    @Test
    void aWorkflowRecordThatIsNotACloudEventGoesToIntakesDeadLetterTopic() {
        String key = "poison-" + java.util.UUID.randomUUID();
        TopicProbe.write(TestKafka.bootstrapServers(), Topics.WORKFLOW, key, "not an event", java.util.Map.of());

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() ->
                TopicProbe.readAllFor(TestKafka.bootstrapServers(), key, "tongban.workflow.dlq.intake-service"),
                seen -> !seen.isEmpty());
    }

    @Test
    void aSupplementNobodyAskedForIsA409() {
        String matterId = submit("applicant-s0", Api.NEWBORN);

        Api.as("applicant-s0").contentType(ContentType.JSON).body("{\"form\":{\"father\":{\"phone\":\"13812345678\"}}}")
                .post("/api/matters/" + matterId + "/supplements")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aSupplementAcceptsOnlyTheRequestedFieldsAndPublishesOnlyThem() {
        String matterId = submit("applicant-s1", Api.NEWBORN);
        supplementRequested(matterId, "field", "father.phone");
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !Api.as("applicant-s1").get("/api/matters/" + matterId)
                .then().extract().jsonPath().getList("openSupplementRequests").isEmpty());

        Api.as("applicant-s1").contentType(ContentType.JSON)
                .body("{\"form\":{\"father\":{\"phone\":\"13812345678\"},\"mother\":{\"phone\":\"13912345678\"}}}")
                .post("/api/matters/" + matterId + "/supplements")
                .then().statusCode(422).body("errors.field", hasItem("$.form.mother.phone"));
        Api.as("applicant-s1").contentType(ContentType.JSON).body("{\"form\":{\"father\":{\"phone\":\"13812345678\"}}}")
                .post("/api/matters/" + matterId + "/supplements")
                .then().statusCode(202);

        TopicProbe.Seen event = published(matterId, EventTypes.MATTER_SUPPLEMENT_PROVIDED, 1).get(0);
        assertThat(event.value()).contains("\"phone\":\"13812345678\"").doesNotContain("王小明");
        Api.as("applicant-s1").get("/api/matters/" + matterId).then().statusCode(200)
                .body("openSupplementRequests", empty())
                .body("form.father.phone", equalTo("138****5678"));
    }

    @Test
    void aSupplementedValueMustStillBeValid() {
        String matterId = submit("applicant-s2", Api.NEWBORN);
        supplementRequested(matterId, "field", "father.idCard");
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !Api.as("applicant-s2").get("/api/matters/" + matterId)
                .then().extract().jsonPath().getList("openSupplementRequests").isEmpty());

        Api.as("applicant-s2").contentType(ContentType.JSON).body("{\"form\":{\"father\":{\"idCard\":\"110105194912310037\"}}}")
                .post("/api/matters/" + matterId + "/supplements")
                .then().statusCode(422).body("errors.field", hasItem("$.form.father.idCard"));
    }

    @Test
    void aMaterialThatMayFollowLaterIsAcceptedOnceAskedFor() {
        String matterId = MaterialsTest.signboard("applicant-s3")
                .multiPart("signDesign", "design.pdf", Api.PDF, "application/pdf")
                .post("/api/matters").then().statusCode(202).extract().path("matterId");
        workflow(EventTypes.TASK_AWAITING_MATERIAL, matterId, """
                {"matterId":"%s","sequence":2,"taskId":"t-2","taskKey":"signboard-permit","department":"city-management",
                 "materials":["leaseContract"],"since":"%s"}""".formatted(matterId, Instant.now()));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> !Api.as("applicant-s3").get("/api/matters/" + matterId)
                .then().extract().jsonPath().getList("openSupplementRequests").isEmpty());

        Api.as("applicant-s3").multiPart("signDesign", "design.pdf", Api.PDF, "application/pdf")
                .post("/api/matters/" + matterId + "/supplements")
                .then().statusCode(422).body("errors.field", hasItem("materials.signDesign"));
        Api.as("applicant-s3").multiPart("leaseContract", "lease.pdf", Api.PDF, "application/pdf")
                .post("/api/matters/" + matterId + "/supplements")
                .then().statusCode(202);

        TopicProbe.Seen event = published(matterId, EventTypes.MATTER_SUPPLEMENT_PROVIDED, 1).get(0);
        assertThat(event.value()).contains("/api/matters/" + matterId + "/materials/leaseContract");
    }

    @Test
    void anOpenMatterCanBeWithdrawnOnce() {
        String matterId = submit("applicant-w1", Api.NEWBORN);

        Api.as("applicant-w1").contentType(ContentType.JSON).body("{\"reason\":\"submitted twice\"}")
                .post("/api/matters/" + matterId + "/withdrawal")
                .then().statusCode(202).body("state", equalTo("WITHDRAWN"));
        Api.as("applicant-w1").contentType(ContentType.JSON).body("{}")
                .post("/api/matters/" + matterId + "/withdrawal")
                .then().statusCode(409).contentType("application/problem+json");

        TopicProbe.Seen event = published(matterId, EventTypes.MATTER_WITHDRAWN, 1).get(0);
        assertThat(event.value()).contains("submitted twice");
    }

    @Test
    void aCompletedMatterCannotBeWithdrawn() {
        String matterId = submit("applicant-w2", Api.NEWBORN);
        completed(matterId);
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> "COMPLETED".equals(stateOf("applicant-w2", matterId)));

        Api.as("applicant-w2").contentType(ContentType.JSON).body("{}")
                .post("/api/matters/" + matterId + "/withdrawal")
                .then().statusCode(409);
    }

    @Test
    void aMatterIsRatedOnceAfterItIsDecided() {
        String matterId = submit("applicant-r1", Api.NEWBORN);
        Api.as("applicant-r1").contentType(ContentType.JSON).body("{\"grade\":5}")
                .post("/api/matters/" + matterId + "/rating")
                .then().statusCode(409);
        completed(matterId);
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> "COMPLETED".equals(stateOf("applicant-r1", matterId)));

        Api.as("applicant-r1").contentType(ContentType.JSON).body("{\"grade\":6}")
                .post("/api/matters/" + matterId + "/rating")
                .then().statusCode(422).body("errors.field", hasItem("$.grade"));
        Api.as("applicant-r1").contentType(ContentType.JSON).body("{\"grade\":2,\"comment\":\"跑了两次\"}")
                .post("/api/matters/" + matterId + "/rating")
                .then().statusCode(201).body("grade", equalTo(2));
        Api.as("applicant-r1").contentType(ContentType.JSON).body("{\"grade\":5}")
                .post("/api/matters/" + matterId + "/rating")
                .then().statusCode(409);

        TopicProbe.Seen event = published(matterId, EventTypes.MATTER_RATED, 1).get(0);
        assertThat(event.value()).contains("\"grade\":2").contains("跑了两次");
        Api.as("applicant-r1").get("/api/matters/" + matterId).then().body("rating.grade", equalTo(2));
    }
}
