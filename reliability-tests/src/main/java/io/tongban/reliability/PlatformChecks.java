package io.tongban.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the outcome from the outside: the orchestrator's and the status service's databases (read-only JDBC),
 * the dead-letter topics, and the runtime's log files.
 */
public final class PlatformChecks {
    private static final Set<String> FINAL = Set.of("COMPLETED", "REJECTED", "CANCELLED");
    private static final Set<String> APPLICANT_OWES = Set.of("AWAITING_SUPPLEMENT", "AWAITING_MATERIAL");

    private final Platform platform;

    public PlatformChecks(Platform platform) {
        this.platform = platform;
    }

    /** One matter as the orchestrator has it and as the progress view shows it. */
    public record MatterOutcome(String id, String state, Map<String, String> tasks, Map<String, String> openTaskIds,
                                String viewState, Map<String, String> viewTasks, Map<String, String> acceptedByDepartmentAt) {
        public boolean isFinal() {
            return state != null && FINAL.contains(state);
        }

        public boolean waitingForApplicant() {
            return "IN_PROGRESS".equals(state) && tasks.values().stream().anyMatch(APPLICANT_OWES::contains);
        }

        public boolean viewMatches() {
            if (state == null || !state.equals(viewState)) {
                return false;
            }
            for (Map.Entry<String, String> task : tasks.entrySet()) {
                if (!sameTaskState(task.getValue(), viewTasks.get(task.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        /** The two names the view uses differently from the orchestrator. */
        private static boolean sameTaskState(String orchestrator, String view) {
            if (view == null) {
                return false;
            }
            if ("AWAITING_SUPPLEMENT".equals(orchestrator)) {
                return "WAITING_FOR_SUPPLEMENT".equals(view);
            }
            return orchestrator.equals(view);
        }
    }

    public Map<String, MatterOutcome> outcomes(Collection<String> matterIds) {
        Map<String, MatterOutcome> result = new HashMap<>();
        try (Connection orchestrator = connect("tongban_orchestrator"); Connection status = connect("tongban_status");
             Connection gateway = connect("tongban_gateway")) {
            List<String> ids = new ArrayList<>(matterIds);
            for (int from = 0; from < ids.size(); from += 1000) {
                List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
                Map<String, String> states = states(orchestrator, "select id, state from matter_instance where id = any(?)", chunk);
                Map<String, Map<String, String>> tasks = tasks(orchestrator,
                        "select matter_id, task_key, state from task_instance where matter_id = any(?)", chunk);
                Map<String, Map<String, String>> openIds = tasks(orchestrator,
                        "select matter_id, task_id, state from task_instance where matter_id = any(?) and state = 'DISPATCHED'", chunk);
                Map<String, String> viewStates = states(status, "select matter_id, state from matter_progress where matter_id = any(?)", chunk);
                Map<String, Map<String, String>> viewTasks = tasks(status,
                        "select matter_id, task_key, state from task_progress where matter_id = any(?)", chunk);
                // when the department system answered 202 to the gateway for each open task (none: not yet)
                List<String> open = openIds.values().stream().flatMap(m -> m.keySet().stream()).toList();
                Map<String, String> acceptedAt = open.isEmpty() ? Map.of() : texts(gateway,
                        "select task_id, extract(epoch from delivered_at) * 1000 from delivery where task_id = any(?)", open);
                for (String id : chunk) {
                    Map<String, String> accepted = new HashMap<>();
                    openIds.getOrDefault(id, Map.of()).keySet().forEach(t -> {
                        if (acceptedAt.get(t) != null) {
                            accepted.put(t, acceptedAt.get(t));
                        }
                    });
                    result.put(id, new MatterOutcome(id, states.get(id), tasks.getOrDefault(id, Map.of()),
                            openIds.getOrDefault(id, Map.of()), viewStates.get(id), viewTasks.getOrDefault(id, Map.of()),
                            accepted));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the databases: " + e.getMessage(), e);
        }
        return result;
    }

    /**
     * Department answers the orchestrator recorded more than once in a matter's hand-off chain: the same task
     * with the same answer type twice (one answer per task state change is the rule), as "matter task type ×n".
     */
    public List<String> answersRecordedMoreThanOnce(Collection<String> matterIds) {
        List<String> twice = new ArrayList<>();
        try (Connection orchestrator = connect("tongban_orchestrator")) {
            List<String> ids = new ArrayList<>(matterIds);
            for (int from = 0; from < ids.size(); from += 1000) {
                try (PreparedStatement s = orchestrator.prepareStatement("select matter_id, task_id, event_type, count(*)"
                        + " from hand_off where kind = 'result' and matter_id = any(?)"
                        + " group by matter_id, task_id, event_type having count(*) > 1")) {
                    s.setArray(1, uuids(orchestrator, ids.subList(from, Math.min(ids.size(), from + 1000))));
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            twice.add(r.getString(1) + " task " + r.getString(2) + " " + r.getString(3) + " x" + r.getLong(4));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the hand-off chains: " + e.getMessage(), e);
        }
        return twice;
    }

    /** When the orchestrator first decided one of these matters (completed or rejected) at or after {@code since}. */
    public java.util.OptionalLong firstDecisionSince(long since, Collection<String> matterIds) {
        return firstDecision("finished_at >= to_timestamp(? / 1000.0)", since, matterIds);
    }

    /**
     * When the first of these matters submitted at or after {@code since} (epoch ms) was decided (completed or
     * rejected), epoch ms; empty when none was. "Decided again" is what an applicant sees as recovery.
     */
    public java.util.OptionalLong firstDecisionOfAMatterSubmittedSince(long since, Collection<String> matterIds) {
        return firstDecision("submitted_at >= to_timestamp(? / 1000.0)", since, matterIds);
    }

    private java.util.OptionalLong firstDecision(String condition, long since, Collection<String> matterIds) {
        try (Connection orchestrator = connect("tongban_orchestrator");
             PreparedStatement s = orchestrator.prepareStatement("select (extract(epoch from min(finished_at)) * 1000)::bigint"
                     + " from matter_instance where " + condition
                     + " and state in ('COMPLETED', 'REJECTED') and id = any(?)")) {
            s.setLong(1, since);
            s.setArray(2, uuids(orchestrator, new ArrayList<>(matterIds)));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                long at = r.getLong(1);
                return r.wasNull() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(at);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the decisions: " + e.getMessage(), e);
        }
    }

    /** Row counts of the services' main tables, to prove that bad input wrote nothing. */
    public Map<String, Long> rowCounts() {
        Map<String, Long> counts = new TreeMap<>();
        Map<String, List<String>> tables = Map.of(
                "tongban_intake", List.of("submitted_matter", "outbox_event"),
                "tongban_orchestrator", List.of("matter_instance", "task_instance"),
                "tongban_gateway", List.of("delivery", "outbox_event"),
                "tongban_status", List.of("matter_progress", "task_progress"));
        tables.forEach((db, names) -> {
            try (Connection c = connect(db)) {
                for (String table : names) {
                    try (var s = c.createStatement(); ResultSet r = s.executeQuery("select count(*) from " + table)) {
                        r.next();
                        counts.put(db + "." + table, r.getLong(1));
                    } catch (SQLException missing) {
                        counts.put(db + "." + table, -1L);
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return counts;
    }

    /** Records in every dead-letter topic ({@code *.dlq.*}), by topic. */
    public Map<String, Long> deadLetters() {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka());
        Map<String, Long> result = new TreeMap<>();
        try (Admin client = Admin.create(admin)) {
            List<String> topics = client.listTopics().names().get().stream().filter(t -> t.contains(".dlq")).sorted().toList();
            if (topics.isEmpty()) {
                return result;
            }
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka());
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
                for (String topic : topics) {
                    List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                            .map(p -> new TopicPartition(topic, p.partition())).toList();
                    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(10));
                    Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
                    long n = partitions.stream().mapToLong(p -> end.get(p) - begin.get(p)).sum();
                    result.put(topic, n);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /** Log lines (file: line) that contain one of these personal numbers. */
    public List<String> linesWithPersonalNumbers(Set<String> numbers) {
        List<String> hits = new ArrayList<>();
        if (numbers.isEmpty() || !Files.isDirectory(platform.logs())) {
            return hits;
        }
        try (Stream<Path> files = Files.list(platform.logs())) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
                for (String raw : lines) {
                    for (String number : numbers) {
                        if (raw.contains(number)) {
                            hits.add(file.getFileName() + ": " + LoadDriver.abbreviate(raw));
                            break;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return hits;
    }

    private Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.put("user", System.getenv().getOrDefault("TONGBAN_DB_USER", "postgres"));
        p.put("password", System.getenv().getOrDefault("TONGBAN_DB_PASSWORD", "postgres"));
        p.put("connectTimeout", "5");
        Connection c = DriverManager.getConnection(platform.jdbc(database), p);
        c.setReadOnly(true);
        return c;
    }

    private static Map<String, String> states(Connection c, String sql, List<String> ids) throws SQLException {
        Map<String, String> result = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, uuids(c, ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.put(r.getString(1), r.getString(2));
                }
            }
        }
        return result;
    }

    private static Map<String, String> texts(Connection c, String sql, List<String> ids) throws SQLException {
        Map<String, String> result = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, c.createArrayOf("text", ids.toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.put(r.getString(1), r.getString(2));
                }
            }
        }
        return result;
    }

    private static Map<String, Map<String, String>> tasks(Connection c, String sql, List<String> ids) throws SQLException {
        Map<String, Map<String, String>> result = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setArray(1, uuids(c, ids));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    result.computeIfAbsent(r.getString(1), k -> new HashMap<>()).put(r.getString(2), r.getString(3));
                }
            }
        }
        return result;
    }

    private static Array uuids(Connection c, List<String> ids) throws SQLException {
        return c.createArrayOf("uuid", ids.stream().map(UUID::fromString).toArray());
    }
}
