package io.tongban.status.messaging;

import java.util.Map;
import java.util.Properties;

/**
 * The login settings of the service's own Kafka connection ({@code kafka.security.protocol}, {@code kafka.sasl.*},
 * {@code kafka.ssl.*}), for the plain Kafka clients this service creates next to its channels, so they log in as
 * the service does when the broker requires SASL/SCRAM (deploy/README.md, "Kafka with SASL/SCRAM and ACLs").
 */
final class KafkaClientSecurity {
    private KafkaClientSecurity() {
    }

    /** Copies the login entries of Quarkus's {@code default-kafka-broker} settings into {@code client}. */
    static Properties addTo(Properties client, Map<String, Object> brokerSettings) {
        brokerSettings.forEach((name, value) -> {
            if (value != null && (name.equals("security.protocol") || name.startsWith("sasl.") || name.startsWith("ssl."))) {
                client.put(name, value);
            }
        });
        return client;
    }
}
