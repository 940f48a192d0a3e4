package io.tongban.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.tongban.contracts.EventCatalog;
import io.tongban.contracts.EventJson;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Issue 8, bad input on Kafka, the same check for every consumer of every service: a record that is not a
 * CloudEvent, one whose data does not parse, one of a type nobody defined and one of a newer schema version than
 * the build knows each go to the consumer's dead-letter topic with a reason that says which, and the consumer
 * keeps going: the next valid record on the same partition (same key) is processed.
 */
public final class PoisonRecords {
    private PoisonRecords() {
    }

    /** A consumer group: where it reads, its dead-letter topic, a type it parses, and a valid event it processes. */
    public record Consumer(String group, String topic, String deadLetters, String parsedType,
                           Function<String, Object> valid) {
        @Override
        public String toString() {
            return group;
        }
    }

    /**
     * Writes the four bad records and, last, a valid one, all with the same key (one partition, in this order): the
     * valid one is processed only if the consumer got past the bad ones. {@code database} is the service's test
     * database, where the consumer records what it processed.
     */
    public static void assertDeadLetteredWithReasonsAndTheNextProcessed(String database, Consumer consumer) {
        String kafka = TestKafka.bootstrapServers();
        String matterId = UUID.randomUUID().toString();
        String base = consumer.parsedType().replaceAll("\\.v1$", "");
        String truncated = "{\"matterId\": \"" + matterId + "\",";
        TopicProbe.write(kafka, consumer.topic(), matterId, truncated, Map.of()); // not a CloudEvent
        TopicProbe.write(kafka, consumer.topic(), matterId, truncated,
                TopicProbe.cloudEventHeaders(consumer.parsedType(), matterId));
        TopicProbe.write(kafka, consumer.topic(), matterId, "{}",
                TopicProbe.cloudEventHeaders("tongban.matter.teleported.v1", matterId));
        TopicProbe.write(kafka, consumer.topic(), matterId, "{}", TopicProbe.cloudEventHeaders(base + ".v2", matterId));
        String validId = writeValid(kafka, consumer, matterId);

        await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> DbProbe.count(database, "select count(*) from processed_event "
                + "where consumer = '" + consumer.group() + "' and event_id = '" + validId + "'") == 1);
        List<String> reasons = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(
                () -> TopicProbe.readAllFor(kafka, matterId, consumer.deadLetters()).stream()
                        .map(d -> d.header("dead-letter-reason")).toList(), r -> r.size() >= 4);
        assertThat(reasons).hasSize(4);
        assertThat(reasons.get(0)).contains("not a CloudEvent");
        assertThat(reasons.get(1)).contains("malformed").contains(consumer.parsedType());
        assertThat(reasons.get(2)).contains("tongban.matter.teleported.v1");
        assertThat(reasons.get(3)).isEqualTo("schema version v2 of " + base + " is newer than this consumer understands (v1)");
    }

    private static String writeValid(String kafka, Consumer consumer, String matterId) {
        Object data = consumer.valid().apply(matterId);
        Map<String, String> headers = TopicProbe.cloudEventHeaders(EventCatalog.typeOf(data), matterId);
        try {
            TopicProbe.write(kafka, consumer.topic(), matterId, EventJson.mapper().writeValueAsString(data), headers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return headers.get("ce_id");
    }
}
