package io.tongban.intake;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "intake_test"))
class SubmitMatterTest {
    static final String DB = "intake_test";
    static final String NEWBORN = """
            {"matterType": "newborn", "form": {
              "child": {"name": "王小明", "sex": "male", "birthDate": "2026-11-20"},
              "hospital": "市第一人民医院",
              "mother": {"name": "李芳", "idCard": "11010519491231002X"},
              "father": {"name": "王强", "idCard": "110105194912310038"},
              "householdAddress": "北京市朝阳区建国路1号"}}""";

    @Test
    void submittedMatterIsAcceptedAndPublishedThroughTheOutbox() {
        String matterId = Api.as("applicant-submit").contentType(ContentType.JSON).body(NEWBORN)
                .when().post("/api/matters")
                .then().statusCode(202)
                .header("Location", containsString("/progress"))
                .body("state", equalTo("SUBMITTED"))
                .body("definitionVersion", notNullValue())
                .extract().path("matterId");

        List<TopicProbe.Seen> events = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(TestKafka.bootstrapServers(), matterId, Topics.MATTERS),
                seen -> !seen.isEmpty());
        TopicProbe.Seen event = events.get(0);
        assertThat(event.header("ce_type")).isEqualTo(EventTypes.MATTER_SUBMITTED);
        assertThat(event.header("ce_source")).isEqualTo("/intake-service");
        assertThat(event.header("ce_subject")).isEqualTo(matterId);
        assertThat(event.header("ce_id")).isNotBlank();
        assertThat(event.value()).contains("\"matterType\":\"newborn\"").contains("王小明");
        await().until(() -> DbProbe.count(DB, "select count(*) from outbox_event") == 0);
    }

    @Test
    void theSameIdempotencyKeyTwiceMakesOneMatterAndOneEvent() {
        String key = UUID.randomUUID().toString();
        String first = Api.as("applicant-submit").contentType(ContentType.JSON).header("Idempotency-Key", key).body(NEWBORN)
                .post("/api/matters").then().statusCode(202).extract().path("matterId");
        String second = Api.as("applicant-submit").contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(NEWBORN.replace("{\"matterType\": \"newborn\", ", "{ \"matterType\":\"newborn\",\n"))
                .post("/api/matters").then().statusCode(202).extract().path("matterId");

        assertThat(second).isEqualTo(first);
        assertThat(DbProbe.count(DB, "select count(*) from submitted_matter where idempotency_key = '" + key + "'"))
                .isEqualTo(1);
        await().until(() -> DbProbe.count(DB, "select count(*) from outbox_event") == 0);
        assertThat(TopicProbe.readAllFor(TestKafka.bootstrapServers(), first, Topics.MATTERS)).hasSize(1);
    }

    @Test
    void theSameIdempotencyKeyWithAnotherBodyIsAConflict() {
        String key = UUID.randomUUID().toString();
        Api.as("applicant-submit").contentType(ContentType.JSON).header("Idempotency-Key", key).body(NEWBORN)
                .post("/api/matters").then().statusCode(202);

        Api.as("applicant-submit").contentType(ContentType.JSON).header("Idempotency-Key", key).body(NEWBORN.replace("王小明", "王小红"))
                .post("/api/matters")
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://tongban.io/problems/conflict"));
    }

    @Test
    void malformedJsonIsA400ProblemAndWritesNothing() {
        long before = DbProbe.count(DB, "select count(*) from submitted_matter");

        Api.as("applicant-submit").contentType(ContentType.JSON).body("{\"matterType\": \"newborn\", \"form\": {")
                .post("/api/matters")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", notNullValue());

        assertThat(DbProbe.count(DB, "select count(*) from submitted_matter")).isEqualTo(before);
    }

    @Test
    void unknownMatterTypeIsA422NamingTheField() {
        long before = DbProbe.count(DB, "select count(*) from submitted_matter");

        Api.as("applicant-submit").contentType(ContentType.JSON).body(NEWBORN.replace("\"newborn\"", "\"time-machine\""))
                .post("/api/matters")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("$.matterType"))
                .body("detail", containsString("time-machine"));

        assertThat(DbProbe.count(DB, "select count(*) from submitted_matter")).isEqualTo(before);
    }

    @Test
    void missingFormFieldIsA422WithTheFieldPathAndWritesNothing() {
        long before = DbProbe.count(DB, "select count(*) from submitted_matter");
        String withoutFather = NEWBORN.replace("\"father\": {\"name\": \"王强\", \"idCard\": \"110105194912310038\"},", "");

        Api.as("applicant-submit").contentType(ContentType.JSON).body(withoutFather)
                .post("/api/matters")
                .then().statusCode(422)
                .body("errors.field", hasItem("$.form"))
                .body("errors.message", hasItem(containsString("father")));
        Api.as("applicant-submit").contentType(ContentType.JSON).body(NEWBORN.replace("\"male\"", "\"robot\""))
                .post("/api/matters")
                .then().statusCode(422)
                .body("errors.field", hasItem("$.form.child.sex"));

        assertThat(DbProbe.count(DB, "select count(*) from submitted_matter")).isEqualTo(before);
    }

    @Test
    void anUnknownTopLevelFieldIsRefused() {
        Api.as("applicant-submit").contentType(ContentType.JSON).body(NEWBORN.replace("{\"matterType\"", "{\"admin\": true, \"matterType\""))
                .post("/api/matters")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("$.admin"));
    }

    @Test
    void catalogueListsTheNewbornMatterWithItsDepartments() {
        given().get("/api/matter-types")
                .then().statusCode(200)
                .body("id", hasItem("newborn"))
                .body("find { it.id == 'newborn' }.departments", hasItem("public-security"));
        given().get("/api/matter-types/newborn")
                .then().statusCode(200)
                .body("form.required", hasItem("child"))
                .body("tasks.key", hasItem("household-registration"));
        given().get("/api/matter-types/nothing").then().statusCode(404).contentType("application/problem+json");
    }
}
