package io.tongban.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.tongban.catalogue.MaterialSpec;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TopicProbe;
import io.tongban.testsupport.Waits;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Each matter type of the built-in catalogue, at its latest version, driven through Kafka to its end: the
 * recorded applicant form of the catalogue's tests, every material handed in, each department completing
 * each task it receives with its declared outputs.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "orchestrator_test"))
class CatalogueMattersThroughKafkaTest {
    static final Path RECORDED_FORMS = Path.of("../matter-catalogue/src/test/resources/forms");

    @Inject
    MatterCatalogue catalogue;

    @Test
    void newbornRunsToCompletion() {
        driveToCompletion("newborn");
    }

    @Test
    void restaurantRunsToCompletion() {
        driveToCompletion("restaurant");
    }

    @Test
    void retirementRunsToCompletion() {
        driveToCompletion("retirement");
    }

    @Test
    void utilitiesHookUpRunsToCompletion() {
        driveToCompletion("utilities");
    }

    @Test
    void homeTransferRunsToCompletion() {
        driveToCompletion("home-transfer");
    }

    @Test
    void investmentProjectRunsToCompletion() {
        driveToCompletion("investment-project");
    }

    @Test
    void companyStartupRunsToCompletion() {
        driveToCompletion("company-startup");
    }

    @Test
    void schoolEnrolmentRunsToCompletion() {
        driveToCompletion("school-enrolment");
    }

    @Test
    void aRestaurantWithoutAnOutdoorSignSkipsTheSignboardPermit() throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode form =
                (com.fasterxml.jackson.databind.node.ObjectNode) PlayedDepartments.json(recordedForm("restaurant"));
        form.put("hasOutdoorSign", false).remove("sign");

        List<TopicProbe.Seen> events = driveToCompletion("restaurant", form.toString());

        assertThat(events.stream().filter(s -> EventTypes.TASK_SKIPPED.equals(s.header("ce_type")))
                .map(s -> PlayedDepartments.json(s.value()).get("taskKey").asText())).containsExactly("signboard-permit");
    }

    @Test
    void aCompanyStartupRefusedByItsFirstDepartmentIsRejected() {
        MatterDefinition definition = catalogue.latest("company-startup").orElseThrow();
        var first = definition.tasks().stream().filter(t -> t.dependsOn().isEmpty()).findFirst().orElseThrow();
        String id = UUID.randomUUID().toString();
        PlayedDepartments.submit(id, "company-startup", definition.version(), recordedForm("company-startup"),
                definition.materials().stream().map(MaterialSpec::name).toArray(String[]::new));
        PlayedDepartments.awaitTask(first.department(), id, first.key());

        PlayedDepartments.reject(first.department(), id, first.key(), "name already registered");

        JsonNode rejected = PlayedDepartments.workflowEvent(PlayedDepartments.awaitWorkflow(id, EventTypes.MATTER_REJECTED),
                EventTypes.MATTER_REJECTED);
        assertThat(rejected.get("taskKey").asText()).isEqualTo(first.key());
        assertThat(rejected.get("reason").asText()).isEqualTo("name already registered");
    }

    private List<TopicProbe.Seen> driveToCompletion(String type) {
        return driveToCompletion(type, recordedForm(type));
    }

    private List<TopicProbe.Seen> driveToCompletion(String type, String form) {
        MatterDefinition definition = catalogue.latest(type).orElseThrow(() -> new AssertionError(type + " is not in the catalogue"));
        String id = UUID.randomUUID().toString();
        String[] materials = definition.materials().stream().map(MaterialSpec::name).toArray(String[]::new);
        PlayedDepartments.submit(id, type, definition.version(), form, materials);
        String[] taskTopics = definition.departments().stream().map(Topics::tasksOf).toArray(String[]::new);
        Set<String> answered = new HashSet<>();

        await().atMost(Waits.upTo(Duration.ofSeconds(180))).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (TopicProbe.Seen seen : TopicProbe.readAllFor(PlayedDepartments.kafka(), id, taskTopics)) {
                if (!EventTypes.DEPARTMENT_TASK_ASSIGNED.equals(seen.header("ce_type"))) {
                    continue;
                }
                JsonNode task = PlayedDepartments.json(seen.value());
                String taskKey = task.get("taskKey").asText();
                if (answered.add(taskKey)) {
                    Map<String, Object> outputs = new LinkedHashMap<>();
                    task.get("outputs").forEach(o -> outputs.put(o.asText(), taskKey + "/" + o.asText()));
                    PlayedDepartments.complete(task.get("department").asText(), id, taskKey, outputs);
                }
            }
            return PlayedDepartments.workflowTypes(id).contains(EventTypes.MATTER_COMPLETED);
        });

        List<TopicProbe.Seen> events = TopicProbe.readAllFor(PlayedDepartments.kafka(), id, Topics.WORKFLOW);
        Map<String, Long> dispatched = events.stream().filter(s -> EventTypes.TASK_DISPATCHED.equals(s.header("ce_type")))
                .collect(Collectors.groupingBy(s -> PlayedDepartments.json(s.value()).get("taskKey").asText(),
                        Collectors.counting()));
        assertThat(dispatched.values()).as("each task dispatched once").containsOnly(1L);
        Set<String> skipped = events.stream().filter(s -> EventTypes.TASK_SKIPPED.equals(s.header("ce_type")))
                .map(s -> PlayedDepartments.json(s.value()).get("taskKey").asText()).collect(Collectors.toSet());
        Map<String, Long> expected = new HashMap<>();
        definition.tasks().stream().filter(t -> !skipped.contains(t.key())).forEach(t -> expected.put(t.key(), 1L));
        assertThat(dispatched).isEqualTo(expected);
        JsonNode completed = PlayedDepartments.workflowEvent(events, EventTypes.MATTER_COMPLETED);
        assertThat(completed.get("results")).hasSize(expected.size());
        return events;
    }

    private static String recordedForm(String type) {
        try {
            return Files.readString(RECORDED_FORMS.resolve(type + ".json"));
        } catch (IOException e) {
            throw new AssertionError("no recorded form for " + type + " in " + RECORDED_FORMS.toAbsolutePath(), e);
        }
    }
}
