package io.tongban.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tongban.catalogue.CatalogueLoader;
import io.tongban.catalogue.MatterDefinition;
import io.tongban.contracts.EventJson;
import io.tongban.testsupport.TestPostgres;
import io.tongban.testsupport.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.FlowNode;
import org.operaton.bpm.model.bpmn.instance.ParallelGateway;
import org.operaton.bpm.model.bpmn.instance.ServiceTask;

class OperatonPeerTest {
    private static final MatterDefinition NEWBORN_V2 = CatalogueLoader.loadBuiltInCatalogue().find("newborn", 2)
            .orElseThrow();

    @Test
    void newbornV2BecomesFiveExternalTasksInItsDependencyShape() {
        BpmnModelInstance model = OperatonPeer.model(NEWBORN_V2);
        Bpmn.validateModel(model);

        Map<String, String> topics = model.getModelElementsByType(ServiceTask.class).stream()
                .collect(Collectors.toMap(ServiceTask::getId, ServiceTask::getOperatonTopic));
        assertThat(topics).containsOnly(
                Map.entry("task_birth_certificate", "health"),
                Map.entry("task_vaccination_record", "health"),
                Map.entry("task_household_registration", "public-security"),
                Map.entry("task_medical_insurance", "medical-insurance"),
                Map.entry("task_social_security_card", "hr-social-security"));
        assertThat(model.getModelElementsByType(ServiceTask.class)).allMatch(ServiceTask::isOperatonAsyncAfter)
                .allMatch(t -> "external".equals(t.getOperatonType()));
        assertThat(next(model, "fork_start")).containsExactlyInAnyOrder("task_birth_certificate", "task_vaccination_record");
        assertThat(next(model, "task_birth_certificate")).containsExactly("task_household_registration");
        assertThat(next(model, "task_household_registration")).containsExactly("fork_task_household_registration");
        assertThat(next(model, "fork_task_household_registration"))
                .containsExactlyInAnyOrder("task_medical_insurance", "task_social_security_card");
        assertThat(previous(model, "join_end")).containsExactlyInAnyOrder("task_vaccination_record",
                "task_medical_insurance", "task_social_security_card");
        assertThat(model.getModelElementsByType(ParallelGateway.class)).hasSize(3);
    }

    @Test
    void theBenchmarkFormGivesTheFourteenFormVariables() throws Exception {
        JsonNode form = EventJson.mapper().readTree(Files.readString(Path.of("forms/newborn-v2.json"))).get("form");

        assertThat(OperatonPeer.variables(form)).hasSize(14).containsEntry("child.birthWeightGrams", 3350L)
                .containsEntry("socialSecurityCard.delivery", "pickup");
    }

    @Test
    void everyStartedInstanceCompletesThroughTheWorkersAgainstPostgresql() throws Exception {
        String database = "peer_" + UUID.randomUUID().toString().substring(0, 8);
        TestPostgres.ensureDatabase(database);
        JsonNode form = EventJson.mapper().readTree(Files.readString(Path.of("forms/newborn-v2.json"))).get("form");
        try (OperatonPeer peer = new OperatonPeer(NEWBORN_V2, "jdbc:postgresql://" + TestPostgres.hostPort() + "/"
                + database, TestPostgres.user(), TestPostgres.password(), 5)) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String key = UUID.randomUUID().toString();
                peer.start(key, OperatonPeer.variables(form));
                keys.add(key);
            }

            await().atMost(Waits.upTo(Duration.ofSeconds(240)))
                    .untilAsserted(() -> assertThat(keys).allMatch(k -> peer.completedAt(k) != null));
        }
    }

    private static List<String> next(BpmnModelInstance model, String id) {
        return ((FlowNode) model.getModelElementById(id)).getOutgoing().stream().map(f -> f.getTarget().getId()).toList();
    }

    private static List<String> previous(BpmnModelInstance model, String id) {
        return ((FlowNode) model.getModelElementById(id)).getIncoming().stream().map(f -> f.getSource().getId()).toList();
    }
}
