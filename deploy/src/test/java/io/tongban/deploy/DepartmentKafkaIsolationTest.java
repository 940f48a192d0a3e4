package io.tongban.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tongban.contracts.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real broker configured as {@code TONGBAN_KAFKA_SECURITY=scram} configures it (SASL_PLAINTEXT with
 * SCRAM-SHA-512, StandardAuthorizer, storage formatted with the admin's credential), users and ACLs applied
 * by {@link KafkaSecurity}; every assertion is made with real clients logged in as the user in question.
 * The broker runs in the test JVM ({@code kafka.server.KafkaRaftServer}).
 */
class DepartmentKafkaIsolationTest {
    @TempDir
    static Path dir;

    private static KafkaRaftServer broker;
    private static String bootstrap;
    private static Map<String, String> passwords;
    private static List<String> departments;
    private static String a;
    private static String b;

    @BeforeAll
    static void startSecuredBrokerAndApplyAcls() throws Exception {
        departments = KafkaSecurity.departments();
        a = departments.get(0);
        b = departments.get(1);
        KafkaSecurity.init(dir.resolve("keys"), departments);
        passwords = KafkaSecurity.readUsers(dir.resolve("keys").resolve(KafkaSecurity.USERS_FILE));

        int port = freePort();
        int controllerPort = freePort();
        bootstrap = "127.0.0.1:" + port;
        Properties server = new Properties();
        server.put("process.roles", "broker,controller");
        server.put("node.id", "1");
        server.put("controller.listener.names", "CONTROLLER");
        server.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        server.put("log.dirs", dir.resolve("kafka-data").toString());
        server.put("offsets.topic.replication.factor", "1");
        server.put("offsets.topic.num.partitions", "1");
        server.put("transaction.state.log.replication.factor", "1");
        server.put("transaction.state.log.min.isr", "1");
        server.put("share.coordinator.state.topic.replication.factor", "1");
        server.put("share.coordinator.state.topic.min.isr", "1");
        server.put("group.initial.rebalance.delay.ms", "0");
        server.putAll(KafkaSecurity.brokerConfig("127.0.0.1", port, controllerPort, passwords.get(KafkaAccess.ADMIN)));
        Path config = dir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            server.store(out, "DepartmentKafkaIsolationTest");
        }
        ByteArrayOutputStream formatOutput = new ByteArrayOutputStream();
        int formatted = KafkaSecurity.format(config, Uuid.randomUuid().toString(), passwords.get(KafkaAccess.ADMIN),
                new PrintStream(formatOutput, true, StandardCharsets.UTF_8));
        assertThat(formatted).as("storage format: %s", formatOutput).isZero();

        broker = new KafkaRaftServer(KafkaConfig.fromProps(server), Time.SYSTEM);
        broker.startup();

        Properties admin = KafkaSecurity.adminClient(bootstrap, passwords);
        assertThat(TopicSetup.run(bootstrap, TopicSetup.wanted(1, 1), (short) 1, admin)).isZero();
        try (Admin client = Admin.create(admin)) {
            KafkaSecurity.apply(client, passwords, departments, System.out);
        }
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.shutdown();
            broker.awaitShutdown();
        }
    }

    @Test
    void aDepartmentReadsItsOwnTasksAndWritesItsOwnResults() throws Exception {
        String taskId = UUID.randomUUID().toString();
        try (KafkaProducer<String, String> orchestrator = producer(KafkaAccess.ORCHESTRATOR)) {
            orchestrator.send(new ProducerRecord<>(Topics.tasksOf(a), "matter-1", taskId)).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> department = consumer(KafkaAccess.departmentUser(a), "tasks")) {
            department.subscribe(List.of(Topics.tasksOf(a)));
            assertThat(pollValues(department, Duration.ofSeconds(30))).contains(taskId);
        }
        try (KafkaProducer<String, String> department = producer(KafkaAccess.departmentUser(a))) {
            assertThat(department.send(new ProducerRecord<>(Topics.resultsOf(a), "matter-1", "done"))
                    .get(30, TimeUnit.SECONDS).topic()).isEqualTo(Topics.resultsOf(a));
        }
    }

    @Test
    void aDepartmentCannotReadAnotherDepartmentsTasks() {
        try (KafkaConsumer<String, String> department = consumer(KafkaAccess.departmentUser(a), "spy")) {
            department.assign(List.of(new TopicPartition(Topics.tasksOf(b), 0)));
            department.seekToBeginning(department.assignment());
            assertThat(pollingFailure(department))
                    .isInstanceOf(TopicAuthorizationException.class)
                    .hasMessageContaining(Topics.tasksOf(b));
        }
    }

    @Test
    void aDepartmentCannotJoinAnotherDepartmentsConsumerGroup() {
        Properties props = consumerProps(KafkaAccess.departmentUser(a), KafkaAccess.groupPrefix(KafkaAccess.departmentUser(b)) + "tasks");
        try (KafkaConsumer<String, String> department = new KafkaConsumer<>(props)) {
            department.subscribe(List.of(Topics.tasksOf(a)));
            assertThat(pollingFailure(department)).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void aDepartmentCannotWriteAnotherDepartmentsResults() {
        try (KafkaProducer<String, String> department = producer(KafkaAccess.departmentUser(a))) {
            assertThatThrownBy(() -> department.send(new ProducerRecord<>(Topics.resultsOf(b), "matter-1", "forged"))
                    .get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aDepartmentCannotWriteTasksEvenOnItsOwnTopic() {
        try (KafkaProducer<String, String> department = producer(KafkaAccess.departmentUser(a))) {
            assertThatThrownBy(() -> department.send(new ProducerRecord<>(Topics.tasksOf(a), "matter-1", "forged"))
                    .get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aServiceCannotWriteATopicItDoesNotOwn() {
        try (KafkaProducer<String, String> status = producer(KafkaAccess.STATUS)) {
            assertThatThrownBy(() -> status.send(new ProducerRecord<>(Topics.WORKFLOW, "matter-1", "forged"))
                    .get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Properties props = consumerProps(KafkaAccess.departmentUser(a), "x");
        props.putAll(KafkaSecurity.clientConfig("not-the-password", KafkaAccess.departmentUser(a)));
        try (KafkaConsumer<String, String> intruder = new KafkaConsumer<>(props)) {
            intruder.subscribe(List.of(Topics.tasksOf(a)));
            assertThat(pollingFailure(intruder)).isInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void applyingAgainRemovesAnAclThePlanDoesNotGrant() throws Exception {
        AclBinding stray = new AclBinding(new ResourcePattern(ResourceType.TOPIC, Topics.tasksOf(b), PatternType.LITERAL),
                new AccessControlEntry("User:" + KafkaAccess.departmentUser(a), "*", AclOperation.READ, AclPermissionType.ALLOW));
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        try (Admin admin = Admin.create(KafkaSecurity.adminClient(bootstrap, passwords))) {
            admin.createAcls(List.of(stray)).all().get(30, TimeUnit.SECONDS);
            KafkaSecurity.apply(admin, passwords, departments, new PrintStream(report, true, StandardCharsets.UTF_8));
            assertThat(admin.describeAcls(stray.toFilter()).values().get(30, TimeUnit.SECONDS)).isEmpty();
        }
        assertThat(report.toString(StandardCharsets.UTF_8)).contains("0 created, 1 removed");
    }

    // ---- clients logged in as one user -------------------------------------------------------------------------

    private static KafkaProducer<String, String> producer(String user) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "20000");
        props.putAll(KafkaSecurity.clientConfig(passwords.get(user), user));
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String user, String groupSuffix) {
        return new KafkaConsumer<>(consumerProps(user, KafkaAccess.groupPrefix(user) + groupSuffix));
    }

    private static Properties consumerProps(String user, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.putAll(KafkaSecurity.clientConfig(passwords.get(user), user));
        return props;
    }

    /** Polls until at least one record arrived or the time is up. */
    private static List<String> pollValues(KafkaConsumer<String, String> consumer, Duration within) {
        List<String> values = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (values.isEmpty() && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                values.add(record.value());
            }
        }
        return values;
    }

    /** Polls until the consumer fails (the broker's refusal), for at most 60 s; null if it never did. */
    private static RuntimeException pollingFailure(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                consumer.poll(Duration.ofMillis(500));
            } catch (RuntimeException refused) {
                return refused;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
