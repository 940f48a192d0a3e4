package io.tongban.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.tongban.contracts.EventJson;
import io.tongban.contracts.EventTypes;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.Topics;
import io.tongban.contracts.department.DepartmentTaskAssigned;
import io.tongban.contracts.department.DepartmentTaskCancelled;
import io.tongban.contracts.department.DepartmentTaskCompleted;
import io.tongban.contracts.department.DepartmentTaskRejected;
import io.tongban.contracts.department.DepartmentTaskSupplementNeeded;
import io.tongban.contracts.department.DepartmentTaskSupplemented;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Kafka mode ({@code tongban.simulator.mode=kafka}): every department reads its task topic itself, with the
 * plain Kafka client and consumer group {@value #GROUP}, and writes its answers to its result topic as
 * CloudEvents (binary mode). A polled batch is answered after the configured delay and its offsets are
 * committed only once the answers are acknowledged. Every task record is answered, a repeated one with the
 * very same answer record (same data, same event id). The gateway must then run these departments in
 * {@code kafka} mode (or not run at all), or they would be answered twice.
 */
@ApplicationScoped
public class KafkaDepartments {
    private static final Logger LOG = Logger.getLogger(KafkaDepartments.class);
    static final String GROUP = "department-simulator.tasks";
    /** Like the gateway's: one dead-letter topic for the task records of every department it plays. */
    static final String DEAD_LETTERS = Topics.deadLetterOf("tongban.dept.tasks", "department-simulator");

    @Inject
    EvidenceSigner evidence;

    @Inject
    SimulatorConfig config;

    @Inject
    SimulatedDepartments departments;

    private volatile KafkaConsumer<String, String> consumer;
    private KafkaProducer<String, String> producer;
    private ScheduledExecutorService timer;
    private Thread loop;

    void start(@Observes StartupEvent startup) {
        if (!"kafka".equals(config.mode())) {
            return;
        }
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        c.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "10000");
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer());
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "1");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        timer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "simulator-delay"));
        loop = new Thread(this::poll, "simulator-kafka-departments");
        loop.start();
        LOG.infof("simulated departments read their task topics themselves (group %s)", GROUP);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        if (consumer != null) {
            consumer.wakeup();
            loop.join(10_000);
            timer.shutdownNow();
            producer.close(Duration.ofSeconds(5));
        }
    }

    private void poll() {
        consumer.subscribe(Pattern.compile(Topics.ALL_TASKS_PATTERN));
        try {
            while (true) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
                List<CompletableFuture<Void>> answers = new ArrayList<>();
                for (ConsumerRecord<String, String> record : records) {
                    answers.add(handle(record));
                    next.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
                }
                CompletableFuture.allOf(answers.toArray(new CompletableFuture[0])).get(5, TimeUnit.MINUTES);
                consumer.commitSync(next);
            }
        } catch (WakeupException stopping) {
            LOG.info("simulated Kafka departments stopping");
        } catch (Exception e) {
            LOG.errorf("simulated Kafka departments stopped: %s", e.getMessage());
        } finally {
            consumer.close();
        }
    }

    private CompletableFuture<Void> handle(ConsumerRecord<String, String> record) {
        String type = header(record, "ce_type");
        try {
            if (type == null) {
                return deadLetter(record, "not a CloudEvent: the record has no ce_type header");
            }
            if (EventTypes.DEPARTMENT_TASK_ASSIGNED.equals(type)) {
                DepartmentTaskAssigned task = EventJson.mapper().readValue(record.value(), DepartmentTaskAssigned.class);
                // a repeated task record (a re-read, another producer) is answered again, the same way
                return later(task, departments.answerTo(task));
            }
            if (EventTypes.DEPARTMENT_TASK_SUPPLEMENTED.equals(type)) {
                DepartmentTaskSupplemented s = EventJson.mapper().readValue(record.value(), DepartmentTaskSupplemented.class);
                Decision decision = departments.decideAfterSupplement(s.taskId(), s.inputs());
                return decision == null ? CompletableFuture.completedFuture(null) : later(departments.task(s.taskId()), decision);
            }
            if (EventTypes.DEPARTMENT_TASK_CANCELLED.equals(type)) {
                departments.cancel(EventJson.mapper().readValue(record.value(), DepartmentTaskCancelled.class).taskId());
                return CompletableFuture.completedFuture(null);
            }
            return deadLetter(record, unknownTypeReason(type));
        } catch (JsonProcessingException e) {
            return deadLetter(record, "malformed " + type + " data: " + e.getOriginalMessage());
        }
    }

    /** A newer major version of a type it knows gets its own reason (as the platform's consumers give). */
    static String unknownTypeReason(String type) {
        int version = type.lastIndexOf(".v");
        String base = version < 0 ? type : type.substring(0, version);
        for (String known : List.of(EventTypes.DEPARTMENT_TASK_ASSIGNED, EventTypes.DEPARTMENT_TASK_SUPPLEMENTED,
                EventTypes.DEPARTMENT_TASK_CANCELLED)) {
            if (known.startsWith(base + ".v") && !known.equals(type)) {
                return "schema version " + type.substring(version + 1) + " of " + base
                        + " is newer than this consumer understands (" + known.substring(version + 1) + ")";
            }
        }
        return "not a department task event type: " + type;
    }

    /** A record it cannot use goes to its dead-letter topic with the reason (never the record's content in a log). */
    private CompletableFuture<Void> deadLetter(ConsumerRecord<String, String> record, String reason) {
        LOG.warnf("record %s-%d@%d sent to %s: %s", record.topic(), record.partition(), record.offset(), DEAD_LETTERS,
                reason);
        ProducerRecord<String, String> dead = new ProducerRecord<>(DEAD_LETTERS, record.key(), record.value());
        record.headers().forEach(h -> dead.headers().add(h));
        dead.headers().add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-topic", record.topic().getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-partition", Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        dead.headers().add("dead-letter-offset", Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        return send(dead);
    }

    /** Completes when the broker has the record. */
    private CompletableFuture<Void> send(ProducerRecord<String, String> record) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        producer.send(record, (metadata, failure) -> {
            if (failure == null) {
                sent.complete(null);
            } else {
                sent.completeExceptionally(failure);
            }
        });
        return sent;
    }

    /** Answers after the department's working time; completes when the broker has the answer. */
    private CompletableFuture<Void> later(DepartmentTaskAssigned task, Decision decision) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        timer.schedule(() -> {
            if (departments.isCancelled(task.taskId())) {
                done.complete(null);
                return;
            }
            send(answer(task, decision)).whenComplete((sent, failure) -> {
                if (failure == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(failure);
                }
            });
        }, Math.max(1, config.delay().toMillis()), TimeUnit.MILLISECONDS);
        return done;
    }

    /** The same decision always makes the same record (data, time, event id), so a repeat is an exact repeat. */
    private ProducerRecord<String, String> answer(DepartmentTaskAssigned task, Decision decision) {
        Instant now = decision.decidedAt();
        Object data;
        String type;
        if (Decision.COMPLETED.equals(decision.outcome())) {
            data = new DepartmentTaskCompleted(task.taskId(), task.matterId(), task.department(), decision.outputs(), now);
            type = EventTypes.DEPARTMENT_TASK_COMPLETED;
        } else if (Decision.REJECTED.equals(decision.outcome())) {
            data = new DepartmentTaskRejected(task.taskId(), task.matterId(), task.department(), decision.reason(), now);
            type = EventTypes.DEPARTMENT_TASK_REJECTED;
        } else {
            data = new DepartmentTaskSupplementNeeded(task.taskId(), task.matterId(), task.department(), decision.items(), now);
            type = EventTypes.DEPARTMENT_TASK_SUPPLEMENT_NEEDED;
        }
        String json;
        try {
            json = EventJson.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.resultsOf(task.department()), task.matterId(), json);
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", decision.eventId(task.taskId()).toString(), "ce_type", type,
                "ce_source", "/department-simulator/" + task.department(), "ce_subject", task.matterId(),
                "ce_time", now.toString(), "content-type", "application/json");
        headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        evidence.signResult(task.department(), type, data).ifPresent(signature -> {
            record.headers().add(EvidenceHeaders.SIGNER, task.department().getBytes(StandardCharsets.UTF_8));
            record.headers().add(EvidenceHeaders.SIGNATURE, signature.getBytes(StandardCharsets.UTF_8));
        });
        return record;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
