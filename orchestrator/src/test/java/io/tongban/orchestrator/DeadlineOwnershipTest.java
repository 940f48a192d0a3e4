package io.tongban.orchestrator;

import static io.tongban.orchestrator.PlayedDepartments.awaitTask;
import static io.tongban.orchestrator.PlayedDepartments.kafka;
import static io.tongban.orchestrator.PlayedDepartments.submit;
import static io.tongban.orchestrator.PlayedDepartments.workflowTypes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.common.annotation.Identifier;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.Topics;
import io.tongban.orchestrator.messaging.OwnedPartitions;
import io.tongban.testsupport.DbProbe;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.Waits;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/**
 * Deadline tracking scales out with the consumer group: a second member of {@code orchestrator.matters} (played by
 * the test) takes some partitions, and this instance then watches only the deadlines of the matters of the
 * partitions it still owns; when that member leaves, it picks up the others' deadlines too.
 */
@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "orchestrator_test"))
class DeadlineOwnershipTest {
    static final String NEWBORN_FORM = WorkflowThroughKafkaTest.NEWBORN_FORM;

    @Inject
    TestClock clock;

    @Inject
    @Identifier(OwnedPartitions.NAME)
    OwnedPartitions owned;

    @Test
    void anInstanceWatchesOnlyTheDeadlinesOfThePartitionsItOwnsAndTakesOverThoseOfAMemberThatLeaves() {
        try (KafkaConsumer<String, String> rival = rivalInstance()) {
            int partitions = rival.partitionsFor(Topics.MATTERS).size();
            List<String> matters = onePerPartition(partitions);
            matters.forEach(id -> submit(id, "newborn", 1, NEWBORN_FORM, "householdBooklet"));
            matters.forEach(id -> awaitTask("health", id, "birth-certificate"));

            rival.subscribe(List.of(Topics.MATTERS));
            await().pollInSameThread().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> {
                rival.poll(Duration.ofMillis(100));
                return !rival.assignment().isEmpty() && owned.current().size() == partitions - rival.assignment().size();
            });
            Set<Integer> rivals = rival.assignment().stream().map(TopicPartition::partition).collect(Collectors.toSet());
            Map<Boolean, List<String>> byOwner = matters.stream().collect(Collectors.partitioningBy(
                    id -> rivals.contains(partitionOf(id))));
            assertThat(byOwner.get(true)).isNotEmpty();
            assertThat(byOwner.get(false)).isNotEmpty();
            try {
                clock.advance(Duration.ofDays(12)); // every birth certificate is past its deadline

                await().pollInSameThread().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> {
                    rival.poll(Duration.ofMillis(100));
                    return byOwner.get(false).stream().allMatch(id -> overdueEvents(id) == 2);
                });
                await().pollInSameThread().during(Duration.ofSeconds(3)).atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> {
                    rival.poll(Duration.ofMillis(100));
                    return byOwner.get(true).stream().allMatch(id -> overdueEvents(id) == 0);
                });

                rival.close(); // the other instance goes away: its partitions, and their deadlines, come here

                await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() ->
                        byOwner.get(true).stream().allMatch(id -> overdueEvents(id) == 2));
                assertThat(owned.current()).hasSize(partitions);
            } finally {
                clock.reset();
            }
        }
    }

    private static KafkaConsumer<String, String> rivalInstance() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "orchestrator.matters");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }

    /** New matter ids whose keys land on every partition of tongban.matters (the producer's key hashing). */
    private static List<String> onePerPartition(int partitions) {
        Map<Integer, String> byPartition = new HashMap<>();
        while (byPartition.size() < partitions) {
            String id = UUID.randomUUID().toString();
            byPartition.putIfAbsent(Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions, id);
        }
        return new ArrayList<>(byPartition.values());
    }

    /** The partition the matter arrived on, as the orchestrator stored it. */
    private static int partitionOf(String matterId) {
        return (int) DbProbe.count("orchestrator_test", "select partition from matter_instance where id = '" + matterId + "'");
    }

    private static long overdueEvents(String matterId) {
        return workflowTypes(matterId).stream().filter(EventTypes.TASK_OVERDUE::equals).count();
    }
}
