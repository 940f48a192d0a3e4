package io.tongban.examples.department;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A department system that takes its tasks straight from Kafka, as the AsyncAPI contract
 * ({@code contracts/src/main/resources/asyncapi/departments.yaml}) describes: it consumes
 * {@code tongban.dept.<department>.tasks} with its own consumer group and answers each
 * {@code tongban.department-task.assigned.v1} with a {@code tongban.department-task.completed.v1} on
 * {@code tongban.dept.<department>.results}, as a CloudEvent in Kafka binary mode ({@code ce_*} headers,
 * key = matter id). Offsets are committed only after the answers are acknowledged by the broker, so a
 * crash re-reads the task rather than losing it. A task read again is answered again with the same answer
 * record (same data, same {@code ce_id}): the contract asks a department to answer every delivery.
 * Each answer is signed with the department's Ed25519 key (the platform refuses unsigned answers), as
 * {@link AnswerSignature} shows in a few lines of plain JDK and Jackson.
 * Only the plain Kafka client and Jackson: a department needs nothing of Tongban's.
 */
public final class KafkaNativeDepartment implements Runnable, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(KafkaNativeDepartment.class.getName());
    static final String ASSIGNED = "tongban.department-task.assigned.v1";
    static final String CANCELLED = "tongban.department-task.cancelled.v1";
    static final String COMPLETED = "tongban.department-task.completed.v1";
    private static final int REMEMBERED_TASKS = 100_000;

    private final ObjectMapper json = new ObjectMapper();
    private final String department;
    private final KafkaConsumer<String, String> consumer;
    private final KafkaProducer<String, String> producer;
    /** Cancelled task ids (a real department keeps them in its database). */
    private final Set<String> cancelled = new LinkedHashSet<>();
    /**
     * Each answered task's answer record (a real department keeps its answers in its database): a task read again
     * is answered again with exactly this record, as the contract asks.
     */
    private final Map<String, ProducerRecord<String, String>> answered = new LinkedHashMap<>();
    /** Signs answers; null: answers go unsigned (the platform then refuses them). */
    private final AnswerSignature signature;

    public KafkaNativeDepartment(String bootstrapServers, String department, String consumerGroup) {
        this(bootstrapServers, department, consumerGroup, null);
    }

    public KafkaNativeDepartment(String bootstrapServers, String department, String consumerGroup, AnswerSignature signature) {
        this.department = department;
        this.signature = signature;
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ConsumerConfig.GROUP_ID_CONFIG, consumerGroup);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    public static String tasksTopic(String department) {
        return "tongban.dept." + department + ".tasks";
    }

    public static String resultsTopic(String department) {
        return "tongban.dept." + department + ".results";
    }

    /** Polls until {@link #close()} is called from another thread. */
    @Override
    public void run() {
        consumer.subscribe(List.of(tasksTopic(department)));
        LOG.log(System.Logger.Level.INFO, "department {0} reading {1}", department, tasksTopic(department));
        try {
            while (true) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> next = new LinkedHashMap<>();
                List<Future<RecordMetadata>> answers = new java.util.ArrayList<>();
                for (ConsumerRecord<String, String> record : records) {
                    handle(record).ifPresent(answers::add);
                    next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                }
                for (Future<RecordMetadata> answer : answers) {
                    answer.get(); // the answer is durable (acks=all) before the task's offset moves
                }
                consumer.commitSync(next);
            }
        } catch (WakeupException stopping) {
            LOG.log(System.Logger.Level.INFO, "department {0} stopping", department);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // offsets not committed: the tasks are read again after a restart
            LOG.log(System.Logger.Level.ERROR, "could not write an answer, stopping: {0}", e.getCause().getMessage());
        } finally {
            consumer.close();
            producer.close(Duration.ofSeconds(5));
        }
    }

    private java.util.Optional<Future<RecordMetadata>> handle(ConsumerRecord<String, String> record) {
        String type = header(record, "ce_type");
        JsonNode task;
        try {
            task = json.readTree(record.value());
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "skipping a record that is not JSON at offset {0}", record.offset());
            return java.util.Optional.empty();
        }
        String taskId = task.path("taskId").asText();
        if (CANCELLED.equals(type)) {
            remember(cancelled, taskId);
            LOG.log(System.Logger.Level.INFO, "matter {0}: task {1} cancelled", record.key(), taskId);
            return java.util.Optional.empty();
        }
        if (!ASSIGNED.equals(type) || cancelled.contains(taskId)) {
            return java.util.Optional.empty(); // other types this department does not act on, or a cancelled task
        }
        ProducerRecord<String, String> known = answered.get(taskId);
        if (known != null) {
            // a task read again (a restart before the commit, a new consumer group) gets the same answer again:
            // the platform de-duplicates it, and it may be the only copy if the first one was lost
            LOG.log(System.Logger.Level.INFO, "matter {0}: task {1} read again, answering it the same way", record.key(),
                    taskId);
            return java.util.Optional.of(producer.send(new ProducerRecord<>(known.topic(), null, known.key(), known.value(),
                    known.headers())));
        }
        ProducerRecord<String, String> answer = completed(record.key(), task);
        answered.put(taskId, answer);
        if (answered.size() > REMEMBERED_TASKS) {
            answered.remove(answered.keySet().iterator().next());
        }
        LOG.log(System.Logger.Level.INFO, "matter {0}: completing task {1}", record.key(), taskId);
        return java.util.Optional.of(producer.send(answer));
    }

    /** Our answer: a made-up value for each output the task asks for. */
    private ProducerRecord<String, String> completed(String matterId, JsonNode task) {
        ObjectNode outputs = json.createObjectNode();
        task.path("outputs").forEach(name -> outputs.put(name.asText(),
                department.toUpperCase().charAt(0) + "-" + UUID.randomUUID().toString().substring(0, 8)));
        ObjectNode data = json.createObjectNode()
                .put("taskId", task.path("taskId").asText())
                .put("matterId", task.path("matterId").asText())
                .put("department", department);
        data.set("outputs", outputs);
        data.put("completedAt", Instant.now().toString());
        ProducerRecord<String, String> answer = new ProducerRecord<>(resultsTopic(department), matterId, data.toString());
        addHeader(answer, "ce_specversion", "1.0");
        addHeader(answer, "ce_id", UUID.randomUUID().toString());
        addHeader(answer, "ce_type", COMPLETED);
        addHeader(answer, "ce_source", "/department/" + department);
        addHeader(answer, "ce_subject", task.path("matterId").asText());
        addHeader(answer, "ce_time", Instant.now().toString());
        addHeader(answer, "content-type", "application/json");
        if (signature != null) {
            addHeader(answer, "tongban-signer", department);
            addHeader(answer, "tongban-signature", signature.signCompletion(data));
        }
        return answer;
    }

    private static void remember(Set<String> taskIds, String taskId) {
        taskIds.add(taskId);
        if (taskIds.size() > REMEMBERED_TASKS) {
            taskIds.remove(taskIds.iterator().next());
        }
    }

    private static void addHeader(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Stops the poll loop; {@link #run()} then closes the clients. */
    @Override
    public void close() {
        consumer.wakeup();
    }

    /** {@code java ... KafkaNativeDepartment <department> [bootstrap servers] [consumer group]}. */
    public static void main(String[] args) throws InterruptedException {
        if (args.length < 1) {
            System.err.println("usage: KafkaNativeDepartment <department> [bootstrap-servers] [consumer-group]");
            System.exit(2);
        }
        String department = args[0];
        String bootstrap = args.length > 1 ? args[1]
                : System.getenv().getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        String group = args.length > 2 ? args[2] : department + ".tasks";
        // the department's private key: $TONGBAN_DEPARTMENT_KEY, else <department>.key in $TONGBAN_EVIDENCE_KEYS
        String keyFile = System.getenv().getOrDefault("TONGBAN_DEPARTMENT_KEY",
                System.getenv().getOrDefault("TONGBAN_EVIDENCE_KEYS", "keys/evidence") + "/" + department + ".key");
        AnswerSignature signature = null;
        try {
            signature = AnswerSignature.fromPemFile(java.nio.file.Path.of(keyFile));
        } catch (IOException | java.security.GeneralSecurityException e) {
            LOG.log(System.Logger.Level.WARNING, "no usable key {0} ({1}): answers go unsigned and will be refused",
                    keyFile, e.toString());
        }
        KafkaNativeDepartment dept = new KafkaNativeDepartment(bootstrap, department, group, signature);
        Thread loop = new Thread(dept, "department-" + department);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dept.close();
            try {
                loop.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        loop.start();
        loop.join();
    }
}
