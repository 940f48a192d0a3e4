package io.tongban.status;

import static io.restassured.RestAssured.given;
import static io.tongban.status.ProgressProjectionTest.T0;
import static io.tongban.status.ProgressProjectionTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.tongban.contracts.Topics;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.contracts.workflow.MatterAccepted;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.TaskCompleted;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestTokens;
import io.tongban.testsupport.Waits;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "status_test"))
class SuggestionsTest {
    @Inject
    TestClock clock;

    static List<String> kinds(LiveStream pushed) {
        return pushed.data().stream().map(p -> JsonPath.from(p).getString("kind")).toList();
    }

    static JsonPath suggestions(String applicant) {
        return given().auth().oauth2(TestTokens.applicant(applicant)).get("/api/applicants/me/suggestions")
                .then().statusCode(200).extract().jsonPath();
    }

    /** A company start-up run to completion: the business licence issues the name and credit code. */
    static void completeCompanyStartup(String id, String applicant) {
        publish(Topics.MATTERS, id, new MatterSubmitted(id, "company-startup", 1, applicant,
                Map.of("company", Map.of("proposedName", "同办餐饮有限公司")), List.of(), T0));
        publish(Topics.WORKFLOW, id, new MatterAccepted(id, 1, "company-startup", 1, applicant, "企业开办一件事",
                "Start a company", T0, T0, List.of(new MatterAccepted.PlannedTask("business-licence",
                        "market-regulation", "营业执照", "Business licence", List.of(), 1))));
        publish(Topics.WORKFLOW, id, new TaskDispatched(id, 2, id + ":business-licence", "business-licence",
                "market-regulation", List.of("company.proposedName"), T0, T0.plusSeconds(86400)));
        publish(Topics.WORKFLOW, id, new TaskCompleted(id, 3, id + ":business-licence", "business-licence",
                "market-regulation", Map.of("companyName", "同办餐饮有限公司",
                "unifiedSocialCreditCode", "91310000MA1K000001"), T0.plusSeconds(3600), false));
        publish(Topics.WORKFLOW, id, new MatterCompleted(id, 4, List.of(), T0.plusSeconds(3600)));
    }

    @Test
    void aCompletedCompanyStartUpSuggestsARestaurantWithNameAndCreditCodeFilledInAndPushesIt() {
        String applicant = "founder-" + UUID.randomUUID();
        try (LiveStream pushed = LiveStream.open("/api/applicants/me/stream", TestTokens.applicant(applicant))) {
            String id = UUID.randomUUID().toString();
            completeCompanyStartup(id, applicant);

            JsonPath found = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> suggestions(applicant),
                    s -> s.getList("").size() == 1);
            assertThat(found.getString("[0].matterType")).isEqualTo("restaurant");
            assertThat(found.getString("[0].basis")).isEqualTo("rule");
            assertThat(found.getString("[0].reasonZh")).contains("餐饮");
            assertThat(found.getString("[0].prefill.business.name")).isEqualTo("同办餐饮有限公司");
            assertThat(found.getString("[0].prefill.business.unifiedSocialCreditCode")).isEqualTo("91310000MA1K000001");
            assertThat(found.getString("[0].link")).isEqualTo("/api/matter-types/restaurant");
            assertThat(found.getString("[0].sourceMatterId")).isEqualTo(id);

            // the stream carries each change of the matter (kind progress) and the suggestion, once
            await().atMost(Waits.upTo(Duration.ofSeconds(30))).until(() -> kinds(pushed).contains("suggestion"));
            await().during(Duration.ofSeconds(1)).atMost(Waits.upTo(Duration.ofSeconds(10))).until(() ->
                    kinds(pushed).stream().filter("suggestion"::equals).count() == 1);
            JsonPath push = pushed.data().stream().map(JsonPath::from).filter(p -> "suggestion".equals(p.getString("kind")))
                    .findFirst().orElseThrow();
            assertThat(push.getString("matterId")).isEqualTo(id);
            assertThat(push.getString("payload.prefill.business.unifiedSocialCreditCode")).isEqualTo("91310000MA1K000001");
            assertThat(pushed.data().stream().map(JsonPath::from).filter(p -> "progress".equals(p.getString("kind")))
                    .map(p -> p.getLong("payload.lastSequence")).toList()).containsExactly(1L, 2L, 3L, 4L);
        }
    }

    /** A newborn run to completion on version 2, which suggests school enrolment six years on. */
    static void completeNewborn(String id, String applicant) {
        publish(Topics.MATTERS, id, new MatterSubmitted(id, "newborn", 2, applicant,
                Map.of("child", Map.of("name", "王小明", "sex", "male", "birthDate", "2026-11-20")), List.of(), T0));
        publish(Topics.WORKFLOW, id, new MatterAccepted(id, 1, "newborn", 2, applicant, "出生一件事", "Newborn", T0, T0,
                List.of(new MatterAccepted.PlannedTask("household-registration", "public-security", "户口", "Household",
                        List.of(), 1))));
        publish(Topics.WORKFLOW, id, new TaskCompleted(id, 2, id + ":household-registration", "household-registration",
                "public-security", Map.of("householdRegistrationNo", "H-1", "citizenIdNo", "110105202611200013"),
                T0.plusSeconds(3600), false));
        publish(Topics.WORKFLOW, id, new MatterCompleted(id, 3, List.of(), T0.plusSeconds(3600)));
    }

    @Test
    void aSuggestionForLaterIsListedAndPushedOnTheLiveStreamOnlyWhenItComesDue() {
        String applicant = "parent-" + UUID.randomUUID();
        try (LiveStream pushed = LiveStream.open("/api/applicants/me/stream", TestTokens.applicant(applicant))) {
            String id = UUID.randomUUID().toString();
            completeNewborn(id, applicant);
            await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> DbProbe.count("status_test",
                    "select count(*) from suggestion where source_matter_id = '" + id + "'") == 1);
            await().during(Duration.ofSeconds(2)).atMost(Waits.upTo(Duration.ofSeconds(10))).until(() ->
                    !kinds(pushed).contains("suggestion") && suggestions(applicant).getList("").isEmpty());

            clock.advance(Duration.ofDays(6 * 366)); // the child reaches school age

            JsonPath found = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> suggestions(applicant),
                    s -> s.getList("").size() == 1);
            assertThat(found.getString("[0].matterType")).isEqualTo("school-enrolment");
            assertThat(found.getString("[0].prefill.child.name")).isEqualTo("王小明");
            assertThat(found.getString("[0].prefill.child.idCard")).isEqualTo("110105202611200013");
            await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> kinds(pushed).contains("suggestion"));
            await().during(Duration.ofSeconds(2)).atMost(Waits.upTo(Duration.ofSeconds(10))).until(() ->
                    kinds(pushed).stream().filter("suggestion"::equals).count() == 1);
            JsonPath push = pushed.data().stream().map(JsonPath::from).filter(p -> "suggestion".equals(p.getString("kind")))
                    .findFirst().orElseThrow();
            assertThat(push.getString("matterId")).isEqualTo(id);
            assertThat(push.getString("payload.matterType")).isEqualTo("school-enrolment");
        } finally {
            clock.reset();
        }
    }

    @Test
    void anApplicantWhoTurnedSuggestionsOffSeesNone() {
        String applicant = "private-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.applicant(applicant)).contentType(ContentType.JSON).body("{\"enabled\":false}")
                .put("/api/applicants/me/suggestion-settings").then().statusCode(200);
        String id = UUID.randomUUID().toString();
        completeCompanyStartup(id, applicant);
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> "COMPLETED".equals(given()
                .auth().oauth2(TestTokens.applicant(applicant)).get("/api/matters/" + id + "/progress")
                .then().extract().jsonPath().getString("state")));

        assertThat(suggestions(applicant).getList("")).isEmpty();
        given().auth().oauth2(TestTokens.applicant(applicant)).contentType(ContentType.JSON).body("{\"enabled\":true}")
                .put("/api/applicants/me/suggestion-settings").then().statusCode(200);
        assertThat(suggestions(applicant).getList("matterType", String.class)).containsExactly("restaurant");
    }

    @Test
    void whatApplicantsWithTheSameHistoryDidNextIsSuggested() {
        String first = "type-a-" + UUID.randomUUID();
        String next = "type-b-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            String other = "peer-" + UUID.randomUUID();
            complete(UUID.randomUUID().toString(), first, other, T0, T0.plusSeconds(3600));
            complete(UUID.randomUUID().toString(), next, other, T0.plusSeconds(7200), T0.plusSeconds(9000));
        }
        String applicant = "newcomer-" + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        // the peers' history is in the view before the newcomer's matter completes
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> DbProbe.count("status_test",
                "select count(*) from matter_progress where state = 'COMPLETED' and matter_type in ('" + first + "', '"
                        + next + "')") == 4);
        complete(id, first, applicant, T0.plusSeconds(10000), T0.plusSeconds(20000));

        JsonPath found = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> suggestions(applicant),
                s -> !s.getList("").isEmpty());
        assertThat(found.getString("[0].matterType")).isEqualTo(next);
        assertThat(found.getString("[0].basis")).isEqualTo("co-occurrence");
        assertThat(found.getString("[0].reasonEn")).startsWith("2 applicants");
    }

    static void complete(String id, String type, String applicant, Instant submitted, Instant completed) {
        publish(Topics.WORKFLOW, id, new MatterAccepted(id, 1, type, 1, applicant, "t", "t", submitted, submitted,
                List.of()));
        publish(Topics.WORKFLOW, id, new MatterCompleted(id, 2, List.of(), completed));
    }
}
