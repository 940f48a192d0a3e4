package io.tongban.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.tongban.contracts.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The ACL plan itself, evaluated the way the StandardAuthorizer does (no broker needed). */
class KafkaAccessTest {
    private static final List<String> DEPARTMENTS = KafkaSecurity.departments();
    private static final List<AclBinding> ACLS = KafkaAccess.bindings(DEPARTMENTS);

    /** Every topic of the platform: what a pattern subscription may match. */
    private static Set<String> platformTopics() {
        Set<String> topics = new TreeSet<>(List.of(Topics.MATTERS, Topics.WORKFLOW, KafkaAccess.STATUS_TOPIC));
        DEPARTMENTS.forEach(d -> topics.addAll(List.of(Topics.tasksOf(d), Topics.resultsOf(d), Topics.refusedOf(d))));
        KafkaAccess.deadLetterTopics().values().forEach(topics::addAll);
        return topics;
    }

    @ParameterizedTest
    @ValueSource(strings = {"intake-service", "orchestrator", "department-gateway", "status-service"})
    void everyChannelInAServicesApplicationPropertiesIsCoveredByItsAcls(String service) throws IOException {
        Properties config = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of("..", service, "src/main/resources/application.properties"),
                StandardCharsets.UTF_8)) {
            config.load(in);
        }
        List<String> checked = new ArrayList<>();
        for (String key : config.stringPropertyNames()) {
            String value = config.getProperty(key);
            if (key.matches("mp\\.messaging\\.incoming\\.[^.]+\\.topic")) {
                String channel = key.substring(0, key.length() - ".topic".length());
                if (Boolean.parseBoolean(config.getProperty(channel + ".pattern"))) {
                    Pattern pattern = Pattern.compile(value);
                    List<String> matched = platformTopics().stream().filter(t -> pattern.matcher(t).matches()).toList();
                    assertThat(matched).as("platform topics matching %s", value).isNotEmpty();
                    matched.forEach(t -> assertThat(allows(service, AclOperation.READ, ResourceType.TOPIC, t))
                            .as("%s reads %s (%s)", service, t, key).isTrue());
                } else {
                    assertThat(allows(service, AclOperation.READ, ResourceType.TOPIC, value)).as("%s reads %s", service, value).isTrue();
                }
                checked.add(key);
            } else if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")) {
                assertThat(allows(service, AclOperation.READ, ResourceType.GROUP, value)).as("%s uses group %s", service, value).isTrue();
                checked.add(key);
            } else if (key.endsWith(".dead-letter-queue.topic")) {
                assertThat(allows(service, AclOperation.WRITE, ResourceType.TOPIC, value)).as("%s writes %s", service, value).isTrue();
                assertThat(allows(service, AclOperation.CREATE, ResourceType.TOPIC, value)).as("%s creates %s", service, value).isTrue();
                checked.add(key);
            } else if (key.matches("mp\\.messaging\\.outgoing\\.[^.]+\\.topic") && platformTopics().contains(value)) {
                assertThat(allows(service, AclOperation.WRITE, ResourceType.TOPIC, value)).as("%s writes %s", service, value).isTrue();
                checked.add(key);
            }
        }
        assertThat(checked).as("channel settings found in %s's application.properties", service).hasSizeGreaterThan(2);
    }

    @Test
    void theOrchestratorWritesEveryTaskTopicAndTheGatewayAndSimulatorEveryResultTopic() {
        for (String d : DEPARTMENTS) {
            assertThat(allows(KafkaAccess.ORCHESTRATOR, AclOperation.WRITE, ResourceType.TOPIC, Topics.tasksOf(d))).isTrue();
            assertThat(allows(KafkaAccess.ORCHESTRATOR, AclOperation.WRITE, ResourceType.TOPIC, Topics.refusedOf(d))).isTrue();
            assertThat(allows(KafkaAccess.GATEWAY, AclOperation.WRITE, ResourceType.TOPIC, Topics.resultsOf(d))).isTrue();
            assertThat(allows(KafkaAccess.SIMULATOR, AclOperation.READ, ResourceType.TOPIC, Topics.tasksOf(d))).isTrue();
            assertThat(allows(KafkaAccess.SIMULATOR, AclOperation.WRITE, ResourceType.TOPIC, Topics.resultsOf(d))).isTrue();
        }
        assertThat(allows(KafkaAccess.SIMULATOR, AclOperation.READ, ResourceType.GROUP, "department-simulator.tasks")).isTrue();
    }

    @Test
    void aDepartmentMayReadOnlyItsTasksAndItsRefusedAnswersAndWriteOnlyItsResults() {
        String a = DEPARTMENTS.get(0);
        String user = KafkaAccess.departmentUser(a);
        for (String topic : platformTopics()) {
            assertThat(allows(user, AclOperation.READ, ResourceType.TOPIC, topic)).as("%s reads %s", user, topic)
                    .isEqualTo(topic.equals(Topics.tasksOf(a)) || topic.equals(Topics.refusedOf(a)));
            assertThat(allows(user, AclOperation.WRITE, ResourceType.TOPIC, topic)).as("%s writes %s", user, topic)
                    .isEqualTo(topic.equals(Topics.resultsOf(a)));
            assertThat(allows(user, AclOperation.CREATE, ResourceType.TOPIC, topic)).isFalse();
        }
        assertThat(allows(user, AclOperation.READ, ResourceType.GROUP, user + ".tasks")).isTrue();
        assertThat(allows(user, AclOperation.READ, ResourceType.GROUP, "department-gateway.tasks")).isFalse();
        assertThat(allows(user, AclOperation.READ, ResourceType.GROUP,
                KafkaAccess.departmentUser(DEPARTMENTS.get(1)) + ".tasks")).isFalse();
        assertThat(ACLS.stream().filter(b -> b.entry().principal().equals("User:" + user))
                .map(b -> b.pattern().resourceType())).doesNotContain(ResourceType.CLUSTER, ResourceType.TRANSACTIONAL_ID);
    }

    @Test
    void aDepartmentsGroupPrefixDoesNotCoverADepartmentWhoseIdStartsWithIt() {
        List<AclBinding> acls = KafkaAccess.bindings(List.of("water", "water-utility"));
        assertThat(allows(acls, "dept-water", AclOperation.READ, ResourceType.GROUP, "dept-water.tasks")).isTrue();
        assertThat(allows(acls, "dept-water", AclOperation.READ, ResourceType.GROUP, "dept-water-utility.tasks")).isFalse();
    }

    @Test
    void onlyTheStatusServiceMayDescribeEveryGroup() {
        assertThat(allows(KafkaAccess.STATUS, AclOperation.DESCRIBE, ResourceType.GROUP, "orchestrator.matters")).isTrue();
        assertThat(allows(KafkaAccess.STATUS, AclOperation.DESCRIBE, ResourceType.TOPIC, Topics.tasksOf(DEPARTMENTS.get(0)))).isTrue();
        assertThat(allows(KafkaAccess.STATUS, AclOperation.READ, ResourceType.TOPIC, Topics.tasksOf(DEPARTMENTS.get(0)))).isFalse();
        for (String other : List.of(KafkaAccess.INTAKE, KafkaAccess.ORCHESTRATOR, KafkaAccess.GATEWAY, KafkaAccess.SIMULATOR)) {
            assertThat(allows(other, AclOperation.DESCRIBE, ResourceType.GROUP, "status-service.workflow")).as(other).isFalse();
        }
    }

    private static boolean allows(String user, AclOperation operation, ResourceType type, String name) {
        return allows(ACLS, user, operation, type, name);
    }

    /** As the authorizer decides with ALLOW entries only: Read, Write, Create, Delete and Alter imply Describe. */
    static boolean allows(List<AclBinding> acls, String user, AclOperation operation, ResourceType type, String name) {
        return acls.stream().anyMatch(b -> b.entry().principal().equals("User:" + user)
                && b.entry().permissionType() == AclPermissionType.ALLOW
                && b.pattern().resourceType() == type
                && matches(b.pattern(), name)
                && (b.entry().operation() == operation || b.entry().operation() == AclOperation.ALL
                    || operation == AclOperation.DESCRIBE && Set.of(AclOperation.READ, AclOperation.WRITE,
                            AclOperation.CREATE, AclOperation.DELETE, AclOperation.ALTER).contains(b.entry().operation())));
    }

    private static boolean matches(ResourcePattern pattern, String name) {
        if (pattern.patternType() == PatternType.PREFIXED) {
            return name.startsWith(pattern.name());
        }
        return pattern.name().equals(ResourcePattern.WILDCARD_RESOURCE) || pattern.name().equals(name);
    }
}
