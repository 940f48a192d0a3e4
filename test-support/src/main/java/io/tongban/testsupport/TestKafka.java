package io.tongban.testsupport;

import io.tongban.catalogue.CatalogueLoader;
import io.tongban.contracts.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.jboss.logging.Logger;

/**
 * One real Apache Kafka broker (KRaft, single combined node) per test JVM, started in-process from the
 * Maven Central artifacts. {@code TONGBAN_TEST_KAFKA=host:port} uses an already running broker instead.
 */
public final class TestKafka {
    private static final Logger LOG = Logger.getLogger(TestKafka.class);
    private static KafkaClusterTestKit cluster;
    private static String bootstrapServers;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            String external = System.getenv("TONGBAN_TEST_KAFKA");
            bootstrapServers = external != null && !external.isBlank() ? external : startInProcess();
            createPlatformTopics(bootstrapServers);
        }
        return bootstrapServers;
    }

    private static String startInProcess() {
        long started = System.nanoTime();
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "3")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("the in-JVM Kafka broker did not start", e);
        }
        LOG.infof("Kafka broker (in-JVM KRaft, no Docker) ready at %s in %d ms", cluster.bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return cluster.bootstrapServers();
    }

    /** The topics the runtime creates, with the same names, so pattern subscriptions find them at start. */
    static void createPlatformTopics(String bootstrap) {
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(Topics.MATTERS, 3, (short) 1));
        topics.add(new NewTopic(Topics.WORKFLOW, 3, (short) 1));
        for (String department : CatalogueLoader.loadBuiltInCatalogue().departments()) {
            topics.add(new NewTopic(Topics.tasksOf(department), 2, (short) 1));
            topics.add(new NewTopic(Topics.resultsOf(department), 2, (short) 1));
            topics.add(new NewTopic(Topics.refusedOf(department), 2, (short) 1));
        }
        try (Admin admin = admin(bootstrap)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the platform topics on " + bootstrap, e);
        }
    }

    public static Admin admin(String bootstrap) {
        Properties props = new Properties();
        props.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        return Admin.create(props);
    }

    /** Stops the in-JVM broker, if this JVM started one; a later call to {@link #bootstrapServers()} starts a new one. */
    public static synchronized void stop() {
        bootstrapServers = null;
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception e) {
                LOG.warn("in-JVM Kafka broker did not stop cleanly", e);
            }
            cluster = null;
        }
    }
}
