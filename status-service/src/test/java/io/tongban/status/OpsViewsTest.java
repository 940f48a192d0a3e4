package io.tongban.status;

import static io.restassured.RestAssured.given;
import static io.tongban.status.ProgressProjectionTest.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.contracts.matters.MatterRated;
import io.tongban.contracts.matters.MatterSubmitted;
import io.tongban.contracts.workflow.MatterAccepted;
import io.tongban.contracts.workflow.MatterCompleted;
import io.tongban.contracts.workflow.TaskCompleted;
import io.tongban.contracts.workflow.TaskDispatched;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TestTokens;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "status_test"))
class OpsViewsTest {
    static final String OPS = TestTokens.ops("op-1");
    static final Instant T1 = Instant.parse("2027-03-05T02:00:00Z"); // a Friday

    static JsonPath get(String path, Map<String, ?> params) {
        return given().auth().oauth2(OPS).queryParams(params).get(path).then().statusCode(200).extract().jsonPath();
    }

    static long rows(String sql) {
        return DbProbe.count("status_test", sql);
    }

    /** One matter with one task per given (dispatched, finished or null, due) at {@code department}. */
    static void matterWithTask(String department, Instant dispatched, Instant finished, Instant due) {
        String id = UUID.randomUUID().toString();
        publish(Topics.WORKFLOW, id, new MatterAccepted(id, 1, "figures", 1, "a", "t", "t", dispatched, dispatched,
                List.of(new MatterAccepted.PlannedTask("check", department, "t", "t", List.of(), 1))));
        publish(Topics.WORKFLOW, id, new TaskDispatched(id, 2, id + ":check", "check", department, List.of(), dispatched, due));
        if (finished != null) {
            publish(Topics.WORKFLOW, id, new TaskCompleted(id, 3, id + ":check", "check", department, Map.of(), finished,
                    false));
        }
    }

    @Test
    void departmentFiguresGiveOpenTasksHandlingTimePercentilesAndDeadlineCompliance() {
        String department = "dept-" + UUID.randomUUID().toString().substring(0, 8);
        Instant due = T1.plus(Duration.ofDays(1));
        matterWithTask(department, T1, T1.plus(Duration.ofHours(1)), due);
        matterWithTask(department, T1, T1.plus(Duration.ofHours(2)), due);
        matterWithTask(department, T1, T1.plus(Duration.ofHours(30)), due); // late
        matterWithTask(department, T1, null, due.plus(Duration.ofDays(3650)));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> rows("select count(*) from task_progress where department = '"
                + department + "' and state in ('COMPLETED', 'DISPATCHED')") == 4);

        JsonPath figures = get("/api/ops/departments/figures", Map.of("from", "2027-03-01T00:00:00Z", "to", "2027-04-01T00:00:00Z"));
        String d = "find { it.department == '" + department + "' }";
        assertThat(figures.getLong(d + ".openTasks")).isEqualTo(1);
        assertThat(figures.getLong(d + ".handledTasks")).isEqualTo(3);
        assertThat(figures.getDouble(d + ".medianHandlingHours")).isEqualTo(2.0);
        assertThat(figures.getDouble(d + ".p90HandlingHours")).isEqualTo(30.0);
        assertThat(figures.getDouble(d + ".deadlineCompliance")).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-6));
    }

    @Test
    void overdueTasksAreListedByDepartment() {
        String department = "late-" + UUID.randomUUID().toString().substring(0, 8);
        matterWithTask(department, T1.minus(Duration.ofDays(400)), null, T1.minus(Duration.ofDays(399)));
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> rows("select count(*) from task_progress where department = '"
                + department + "' and state = 'DISPATCHED'") == 1);

        JsonPath overdue = get("/api/ops/overdue-tasks", Map.of());
        String d = "find { it.department == '" + department + "' }";
        assertThat(overdue.getInt(d + ".count")).isEqualTo(1);
        assertThat(overdue.getInt(d + ".tasks[0].workingDaysOverdue")).isGreaterThan(100);
    }

    @Test
    void matterTypeFiguresCompareMedianWorkingDaysWithTheLegalLimitAndAverageTheRatings() {
        // company-startup's legal time limit is 5 working days (catalogue)
        String[] ids = {UUID.randomUUID().toString(), UUID.randomUUID().toString()};
        Instant[] completed = {T1.plus(Duration.ofDays(3)), T1.plus(Duration.ofDays(12))}; // Mon: 1 working day; Wed: 8
        int[] grades = {5, 2};
        for (int i = 0; i < 2; i++) {
            String id = ids[i];
            publish(Topics.MATTERS, id, new MatterSubmitted(id, "company-startup", 1, "rater", Map.of(), List.of(), T1));
            publish(Topics.WORKFLOW, id, new MatterAccepted(id, 1, "company-startup", 1, "rater", "t", "t", T1, T1, List.of()));
            publish(Topics.WORKFLOW, id, new MatterCompleted(id, 2, List.of(), completed[i]));
            publish(Topics.MATTERS, id, new MatterRated(id, "rater", grades[i], null, completed[i].plusSeconds(60)));
        }
        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> rows("select count(*) from matter_rating where matter_id in ('"
                + ids[0] + "', '" + ids[1] + "')") == 2 && rows("select count(*) from matter_progress where state = "
                + "'COMPLETED' and matter_id in ('" + ids[0] + "', '" + ids[1] + "')") == 2);

        JsonPath figures = get("/api/ops/matter-types/figures", Map.of("from", "2027-03-01T00:00:00Z", "to", "2027-04-01T00:00:00Z"));
        String t = "find { it.matterType == 'company-startup' }";
        assertThat(figures.getLong(t + ".completed")).isEqualTo(2);
        assertThat(figures.getDouble(t + ".medianWorkingDays")).isEqualTo(1.0);
        assertThat(figures.getInt(t + ".legalTimeLimitWorkingDays")).isEqualTo(5);
        assertThat(figures.getDouble(t + ".shareWithinLegalLimit")).isEqualTo(0.5);
        assertThat(figures.getDouble(t + ".averageRating")).isEqualTo(3.5);
        assertThat(figures.getLong(t + ".badRatings")).isEqualTo(1);
    }

    @Test
    void deadLettersAreListedPerTopicWithTheirReasons() {
        String id = UUID.randomUUID().toString();
        TopicProbe.write(TestKafka.bootstrapServers(), Topics.WORKFLOW, id, "{\"matterId\":",
                TopicProbe.cloudEventHeaders(EventTypes.TASK_COMPLETED, id));
        String topic = "tongban.dept.tasks.dlq.test-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> headers = new HashMap<>(TopicProbe.cloudEventHeaders(EventTypes.DEPARTMENT_TASK_ASSIGNED, id));
        headers.put("dead-letter-reason", "department system unreachable");
        TopicProbe.write(TestKafka.bootstrapServers(), topic, id, "{}", headers);

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> rows("select count(*) from dead_letter where record_key = '"
                + id + "'") == 2);
        JsonPath workflow = get("/api/ops/dead-letters", Map.of("topic", "tongban.workflow.dlq.status-service"));
        assertThat(workflow.getString("[0].latest.find { it.key == '" + id + "' }.reason")).contains("malformed");
        JsonPath all = get("/api/ops/dead-letters", Map.of());
        assertThat(all.getString("find { it.topic == '" + topic + "' }.latest[0].reason"))
                .isEqualTo("department system unreachable");
        given().auth().oauth2(TestTokens.applicant("a")).get("/api/ops/dead-letters").then().statusCode(403);
    }
}
