package io.tongban.deploy;

import io.tongban.catalogue.CatalogueLoader;
import io.tongban.contracts.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the platform's topics, idempotently:
 * <pre>
 *   TopicSetup --bootstrap HOST:PORT [--partitions 6] [--department-partitions 3] [--replication-factor 1]
 *              [--command-config FILE]
 * </pre>
 * {@code --command-config} adds client settings from a properties file (as Kafka's own tools do), e.g. the
 * admin's SASL settings that {@link KafkaSecurity} writes for a secured broker.
 * {@code tongban.matters} and {@code tongban.workflow}, plus a task and a result topic for every department
 * of the built-in catalogue. Existing topics are left as they are (a partition count is never changed
 * behind the services' back: that would move keys between partitions).
 */
public final class TopicSetup {
    private static final long BROKER_WAIT_SECONDS = 30;

    private TopicSetup() {
    }

    public static void main(String[] args) {
        try {
            Map<String, String> opts = Args.parse(args);
            String bootstrap = Args.required(opts, "--bootstrap");
            int partitions = Args.intOption(opts, "--partitions", 6);
            int deptPartitions = Args.intOption(opts, "--department-partitions", 3);
            short replication = (short) Args.intOption(opts, "--replication-factor", 1);
            Properties client = new Properties();
            if (opts.containsKey("--command-config")) {
                try (Reader in = Files.newBufferedReader(Path.of(opts.get("--command-config")), StandardCharsets.UTF_8)) {
                    client.load(in);
                }
            }
            System.exit(run(bootstrap, wanted(partitions, deptPartitions), replication, client));
        } catch (IOException e) {
            System.err.println("TopicSetup: cannot read --command-config: " + e);
            System.exit(2);
        } catch (IllegalArgumentException e) {
            System.err.println("TopicSetup: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Topic name to partition count, in creation order. */
    static Map<String, Integer> wanted(int partitions, int deptPartitions) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(Topics.MATTERS, partitions);
        topics.put(Topics.WORKFLOW, partitions);
        for (String dept : CatalogueLoader.loadBuiltInCatalogue().departments()) {
            topics.put(Topics.tasksOf(dept), deptPartitions);
            topics.put(Topics.resultsOf(dept), deptPartitions);
            topics.put(Topics.refusedOf(dept), deptPartitions);
        }
        return topics;
    }

    static int run(String bootstrap, Map<String, Integer> wanted, short replication) {
        return run(bootstrap, wanted, replication, new Properties());
    }

    static int run(String bootstrap, Map<String, Integer> wanted, short replication, Properties client) {
        Properties props = new Properties();
        props.putAll(client);
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "tongban-topic-setup");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(BROKER_WAIT_SECONDS * 1000));
        try (Admin admin = Admin.create(props)) {
            try {
                // the admin client retries until the API timeout: this is the "broker reachable" check
                String cluster = admin.describeCluster().clusterId().get(BROKER_WAIT_SECONDS, TimeUnit.SECONDS);
                System.out.println("connected to Kafka cluster " + cluster + " at " + bootstrap);
            } catch (TimeoutException e) {
                System.err.printf("✗ Kafka broker at %s not reachable within %d s%n", bootstrap, BROKER_WAIT_SECONDS);
                return 1;
            } catch (ExecutionException e) {
                System.err.printf("✗ Kafka broker at %s not reachable within %d s (%s)%n",
                        bootstrap, BROKER_WAIT_SECONDS, e.getCause());
                return 1;
            }

            Set<String> existing =
                    new HashSet<>(admin.listTopics().names().get(BROKER_WAIT_SECONDS, TimeUnit.SECONDS));
            List<NewTopic> missing = new ArrayList<>();
            wanted.forEach((name, partitions) -> {
                if (!existing.contains(name)) {
                    missing.add(new NewTopic(name, partitions, replication));
                }
            });

            var created = admin.createTopics(missing).values();
            int failures = 0;
            for (NewTopic topic : missing) {
                try {
                    created.get(topic.name()).get(BROKER_WAIT_SECONDS, TimeUnit.SECONDS);
                    System.out.printf("created  %-40s partitions=%d replication=%d%n",
                            topic.name(), topic.numPartitions(), replication);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) { // created concurrently
                        existing.add(topic.name());
                    } else {
                        System.err.println("✗ cannot create " + topic.name() + ": " + e.getCause());
                        failures++;
                    }
                }
            }

            List<String> present = wanted.keySet().stream().filter(existing::contains).toList();
            Map<String, TopicDescription> described =
                    admin.describeTopics(present).allTopicNames().get(BROKER_WAIT_SECONDS, TimeUnit.SECONDS);
            for (String name : present) {
                int actual = described.get(name).partitions().size();
                int expected = wanted.get(name);
                System.out.printf("exists   %-40s partitions=%d%s%n", name, actual,
                        actual == expected ? "" : " (wanted " + expected + "; left unchanged)");
            }
            return failures == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("✗ topic setup against " + bootstrap + " failed: " + e);
            return 1;
        }
    }
}
