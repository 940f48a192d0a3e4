package io.tongban.status;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.tongban.testsupport.PlatformTestResources;
import io.tongban.testsupport.TestKafka;
import io.tongban.testsupport.TestTokens;
import io.tongban.testsupport.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PlatformTestResources.class, initArgs = @ResourceArg(name = "database", value = "status_test"))
class ConsumerLagTest {
    static final String OPS = TestTokens.ops("op-1");

    static String newTopic() throws Exception {
        String topic = "lag-test-" + UUID.randomUUID();
        try (Admin admin = TestKafka.admin(TestKafka.bootstrapServers())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        return topic;
    }

    static void produce(String topic, int count, Instant timestamp) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(null))) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, 0, timestamp.toEpochMilli(), "k", "v" + i));
            }
            producer.flush();
        }
    }

    static Properties producerConfig(String transactionalId) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        if (transactionalId != null) {
            p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return p;
    }

    static void commit(String group, String topic, long offset) throws Exception {
        try (Admin admin = TestKafka.admin(TestKafka.bootstrapServers())) {
            admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset)))
                    .all().get();
        }
    }

    static JsonPath lag() {
        return given().auth().oauth2(OPS).queryParam("refresh", true).get("/api/ops/consumer-lag")
                .then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> partitionOf(JsonPath report, String group) {
        return report.getMap("groups.find { it.group == '" + group + "' }.partitions[0]");
    }

    @Test
    void aGroupMadeToLagShowsItsOffsetAndTimeLagAndIsStoppedWhenNobodyCommits() throws Exception {
        String topic = newTopic();
        String group = "lagging-" + UUID.randomUUID();
        Instant written = Instant.now().minusSeconds(120);
        produce(topic, 10, written);
        commit(group, topic, 3);

        JsonPath first = lag();
        Map<String, Object> partition = partitionOf(first, group);
        assertThat(partition.get("committedOffset")).isEqualTo(3);
        assertThat(partition.get("endOffset")).isEqualTo(10);
        assertThat(partition.get("offsetLag")).isEqualTo(7);
        assertThat(((Number) partition.get("timeLagSeconds")).doubleValue()).isBetween(119.0, 600.0);

        // no member commits any more: after the first sample, Burrow's STOP rule holds and the group is in error
        JsonPath later = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(ConsumerLagTest::lag,
                r -> "STOP".equals(partitionOf(r, group).get("status")));
        assertThat(later.getString("groups.find { it.group == '" + group + "' }.status")).isEqualTo("ERR");
        assertThat(later.getInt("groups.find { it.group == '" + group + "' }.totalLag")).isEqualTo(7);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("kafka_consumergroup_lag\\{[^}]*consumergroup=\"" + group + "\"[^}]*partition=\"0\"[^}]*topic=\""
                        + topic + "\"[^}]*} 7\\.0")
                .containsPattern("kafka_consumergroup_lag_sum\\{[^}]*consumergroup=\"" + group + "\"[^}]*} 7\\.0")
                .containsPattern("kafka_consumergroup_group_lag_seconds\\{[^}]*group=\"" + group + "\"[^}]*} 1\\d\\d\\.");
    }

    @Test
    void aLiveMemberWhoseOffsetDoesNotMoveIsStalled() throws Exception {
        String topic = newTopic();
        produce(topic, 10, Instant.now());
        String group = "stuck-" + UUID.randomUUID();
        try (KafkaConsumer<String, String> member = new KafkaConsumer<>(memberConfig(group))) {
            member.subscribe(List.of(topic));
            await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> {
                member.poll(Duration.ofMillis(200));
                return !member.assignment().isEmpty();
            });
            member.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(2)));

            // alive (in the group) but not advancing: two samples with the same offset and lag make it STALL
            JsonPath report = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(ConsumerLagTest::lag,
                    r -> "STALL".equals(partitionOf(r, group).get("status")));
            assertThat(partitionOf(report, group).get("offsetLag")).isEqualTo(8);
            assertThat(report.getString("groups.find { it.group == '" + group + "' }.status")).isEqualTo("ERR");
            assertThat(report.getInt("groups.find { it.group == '" + group + "' }.members")).isEqualTo(1);
        }
    }

    static Properties memberConfig(String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return p;
    }

    @Test
    void anIdleTopicHasLagZeroNotNaN() throws Exception {
        String topic = newTopic();
        String group = "idle-" + UUID.randomUUID();
        commit(group, topic, 0);

        Map<String, Object> partition = partitionOf(lag(), group);
        assertThat(partition.get("offsetLag")).isEqualTo(0);
        assertThat(((Number) partition.get("timeLagSeconds")).doubleValue()).isZero();
        assertThat(partition.get("status")).isEqualTo("OK");
        // lag, lag_sum, lag_seconds and tongban_consumergroup_status
        List<String> series = given().get("/q/metrics").then().extract().asString().lines()
                .filter(line -> line.contains("group=\"" + group + "\"")).toList();
        assertThat(series).hasSize(4).noneMatch(line -> line.contains("NaN"));
        assertThat(series).anyMatch(line -> line.startsWith("kafka_consumergroup_group_lag_seconds{") && line.endsWith(" 0.0"))
                .anyMatch(line -> line.startsWith("kafka_consumergroup_lag{") && line.endsWith(" 0.0"));
    }

    @Test
    void aGroupWithoutACommittedOffsetIsReportedAsSuchNotAsHugeLag() throws Exception {
        String topic = newTopic();
        produce(topic, 5, Instant.now());
        String group = "uncommitted-" + UUID.randomUUID();
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> member = new KafkaConsumer<>(p)) {
            member.subscribe(List.of(topic));
            await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(() -> {
                member.poll(Duration.ofMillis(200));
                return !member.assignment().isEmpty();
            });
            JsonPath report = await().atMost(Waits.upTo(Duration.ofSeconds(60))).until(ConsumerLagTest::lag,
                    r -> partitionOf(r, group) != null);
            Map<String, Object> partition = partitionOf(report, group);
            assertThat(partition.get("status")).isEqualTo("NO_COMMITTED_OFFSET");
            assertThat(partition.get("offsetLag")).isNull();
            assertThat(partition.get("committedOffset")).isNull();
            assertThat(given().get("/q/metrics").then().extract().asString())
                    .doesNotContain("consumergroup=\"" + group + "\"");
        }
    }

    @Test
    void aTransactionCommitMarkerIsNotLag() throws Exception {
        String topic = newTopic();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig("lag-test-" + UUID.randomUUID()))) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, 0, "k", "v" + i));
            }
            producer.commitTransaction();
        }
        // a client that commits "last record + 1" stops in front of the commit marker at offset 3
        String group = "transactional-" + UUID.randomUUID();
        commit(group, topic, 3);

        Map<String, Object> partition = partitionOf(lag(), group);
        assertThat(partition.get("endOffset")).isEqualTo(4);
        assertThat(partition.get("offsetLag")).isEqualTo(0);
        assertThat(partition.get("status")).isEqualTo("OK");
    }

    @Test
    void opsViewsNeedTheOpsRole() {
        given().get("/api/ops/consumer-lag").then().statusCode(401);
        given().auth().oauth2(TestTokens.applicant("a-1")).get("/api/ops/consumer-lag").then().statusCode(403);
    }
}
