package io.tongban.deploy;

import io.tongban.contracts.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the broker when it runs with SASL/SCRAM and the StandardAuthorizer
 * ({@code TONGBAN_KAFKA_SECURITY=scram}). Everything not granted here is denied
 * ({@code allow.everyone.if.no.acl.found=false}); {@value #ADMIN} is the only super user.
 *
 * <ul>
 *   <li>A department's user {@code dept-<id>} reads its task topic, writes its result topic and uses consumer
 *       groups named {@code dept-<id>.*}: nothing else, so it never sees another department's tasks.</li>
 *   <li>Each service reads and writes only the topics it consumes and produces (its dead-letter topics included,
 *       which it may create on first use) and uses only consumer groups named {@code <service>.*}.</li>
 *   <li>The status service may also describe every topic and group: its ops view shows every group's lag.</li>
 * </ul>
 * The topics and groups mirror the services' {@code application.properties} ({@code KafkaAccessTest} checks
 * that every channel there is covered). Department topics are granted by name, one department at a time, so
 * a department added to the catalogue gets its ACLs at the next {@code KafkaSecurity apply}.
 * Idempotent producers need no IdempotentWrite on the cluster: since Kafka 3.0 (KIP-679) Write on a topic is
 * enough.
 */
final class KafkaAccess {
    static final String ADMIN = "admin";
    static final String INTAKE = "intake-service";
    static final String ORCHESTRATOR = "orchestrator";
    static final String GATEWAY = "department-gateway";
    static final String STATUS = "status-service";
    static final String SIMULATOR = "department-simulator";
    static final List<String> SERVICES = List.of(INTAKE, ORCHESTRATOR, GATEWAY, STATUS, SIMULATOR);
    /** The status service's outbox topic (it publishes nothing today, but its producer is configured for it). */
    static final String STATUS_TOPIC = "tongban.status";
    /** Where the status service's dead-letter reader sends what it cannot store (not a {@code .dlq.} topic). */
    static final String STATUS_DEAD_LETTER_FAILURES = "tongban.status.dead-letter-failures";

    private KafkaAccess() {
    }

    static String departmentUser(String department) {
        return "dept-" + department;
    }

    /** Consumer groups of a user start with its name and a dot: {@code dept-water} never matches {@code dept-water-utility.x}. */
    static String groupPrefix(String user) {
        return user + ".";
    }

    /** Every user KafkaSecurity creates, the admin first. */
    static List<String> users(Collection<String> departments) {
        List<String> users = new ArrayList<>();
        users.add(ADMIN);
        users.addAll(SERVICES);
        departments.stream().sorted().map(KafkaAccess::departmentUser).forEach(users::add);
        return users;
    }

    /** Each service's dead-letter topics, as its application.properties names them. */
    static Map<String, List<String>> deadLetterTopics() {
        Map<String, List<String>> dlq = new LinkedHashMap<>();
        dlq.put(INTAKE, List.of(Topics.deadLetterOf(Topics.WORKFLOW, INTAKE)));
        dlq.put(ORCHESTRATOR, List.of(Topics.deadLetterOf(Topics.MATTERS, ORCHESTRATOR),
                Topics.deadLetterOf("tongban.dept.results", ORCHESTRATOR)));
        dlq.put(GATEWAY, List.of(Topics.deadLetterOf("tongban.dept.tasks", GATEWAY)));
        dlq.put(STATUS, List.of(Topics.deadLetterOf(Topics.WORKFLOW, STATUS), Topics.deadLetterOf(Topics.MATTERS, STATUS),
                STATUS_DEAD_LETTER_FAILURES));
        return dlq;
    }

    /** The platform's ACLs for these departments, in a stable order. */
    static List<AclBinding> bindings(Collection<String> departments) {
        List<String> sorted = departments.stream().sorted().toList();
        Set<AclBinding> all = new LinkedHashSet<>();
        Map<String, List<String>> dlq = deadLetterTopics();

        Grants intake = new Grants(INTAKE, all).ownGroups();
        intake.produce(Topics.MATTERS).consume(Topics.WORKFLOW);
        dlq.get(INTAKE).forEach(intake::deadLetter);

        Grants orchestrator = new Grants(ORCHESTRATOR, all).ownGroups();
        orchestrator.consume(Topics.MATTERS).produce(Topics.WORKFLOW);
        sorted.forEach(d -> orchestrator.produce(Topics.tasksOf(d)).consume(Topics.resultsOf(d))
                .produce(Topics.refusedOf(d)));
        dlq.get(ORCHESTRATOR).forEach(orchestrator::deadLetter);

        Grants gateway = new Grants(GATEWAY, all).ownGroups();
        sorted.forEach(d -> gateway.consume(Topics.tasksOf(d)).produce(Topics.resultsOf(d)));
        dlq.get(GATEWAY).forEach(gateway::deadLetter);

        Grants status = new Grants(STATUS, all).ownGroups().describeAllTopicsAndGroups();
        status.consume(Topics.WORKFLOW).consume(Topics.MATTERS).produce(STATUS_TOPIC);
        dlq.values().stream().flatMap(List::stream).filter(t -> t.contains(".dlq.")).forEach(status::consume);
        dlq.get(STATUS).forEach(status::deadLetter);

        // its Kafka mode: simulated departments read every task topic and answer on every result topic
        Grants simulator = new Grants(SIMULATOR, all).ownGroups();
        sorted.forEach(d -> simulator.consume(Topics.tasksOf(d)).produce(Topics.resultsOf(d)));

        for (String department : sorted) {
            new Grants(departmentUser(department), all).ownGroups()
                    .consume(Topics.tasksOf(department))
                    .produce(Topics.resultsOf(department))
                    .consume(Topics.refusedOf(department));
        }
        return List.copyOf(all);
    }

    /** The ACLs of one user, collected into a shared set. */
    private static final class Grants {
        private final String principal;
        private final Set<AclBinding> into;

        Grants(String user, Set<AclBinding> into) {
            this.principal = "User:" + user;
            this.into = into;
        }

        Grants consume(String topic) {
            return allow(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ, AclOperation.DESCRIBE);
        }

        Grants produce(String topic) {
            return allow(ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE, AclOperation.DESCRIBE);
        }

        /** Dead-letter topics are created by the broker on their first record: Create on that one name. */
        Grants deadLetter(String topic) {
            return allow(ResourceType.TOPIC, topic, PatternType.LITERAL,
                    AclOperation.WRITE, AclOperation.DESCRIBE, AclOperation.CREATE);
        }

        Grants ownGroups() {
            String prefix = groupPrefix(principal.substring("User:".length()));
            return allow(ResourceType.GROUP, prefix, PatternType.PREFIXED, AclOperation.READ, AclOperation.DESCRIBE);
        }

        /** Lag of every group: list and describe groups, fetch their committed offsets, list topic offsets. */
        Grants describeAllTopicsAndGroups() {
            allow(ResourceType.TOPIC, ResourcePattern.WILDCARD_RESOURCE, PatternType.LITERAL, AclOperation.DESCRIBE);
            return allow(ResourceType.GROUP, ResourcePattern.WILDCARD_RESOURCE, PatternType.LITERAL, AclOperation.DESCRIBE);
        }

        private Grants allow(ResourceType type, String name, PatternType pattern, AclOperation... operations) {
            for (AclOperation operation : operations) {
                into.add(new AclBinding(new ResourcePattern(type, name, pattern),
                        new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
            }
            return this;
        }
    }
}
