package io.tongban.simulator;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.tongban.testsupport.TestEvidence;
import io.tongban.testsupport.TestKafka;
import java.util.HashMap;
import java.util.Map;

/** A real Kafka broker for the simulator in Kafka mode. */
public class KafkaOnlyResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("tongban.simulator.mode", "kafka");
        config.put("tongban.simulator.kafka-bootstrap-servers", TestKafka.bootstrapServers());
        config.put("tongban.evidence.keys-dir", TestEvidence.folder().toString());
                return config;
    }

    @Override
    public void stop() {
        TestKafka.stop();
    }
}
