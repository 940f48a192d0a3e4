package io.tongban.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The test resource every service's {@code @QuarkusTest} uses: a real Kafka broker and a real PostgreSQL
 * (see {@link TestKafka} and {@link TestPostgres}), and a database for the service. Init argument
 * {@code database} names it (default {@code tongban_test}).
 */
public class PlatformTestResources implements QuarkusTestResourceLifecycleManager {
    private static final Logger LOG = Logger.getLogger(PlatformTestResources.class);
    private String database = "tongban_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        LOG.info("test back-ends: real Kafka and PostgreSQL without containers "
                + "(set TONGBAN_TEST_KAFKA / TONGBAN_TEST_DB_URL to use running servers)");
        String kafka = TestKafka.bootstrapServers();
        String db = TestPostgres.hostPort();
        TestPostgres.ensureDatabase(database);
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka);
        config.put("quarkus.datasource.reactive.url", "postgresql://" + db + "/" + database);
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://" + db + "/" + database);
        config.put("quarkus.datasource.username", TestPostgres.user());
        config.put("quarkus.datasource.password", TestPostgres.password());
        // services that verify JWTs trust the test key; the others ignore these
        config.put("mp.jwt.verify.publickey.location", TestTokens.publicKeyFile().toUri().toString());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        // the Ed25519 keys of the signed hand-offs (evidence chain)
        config.put("tongban.evidence.keys-dir", TestEvidence.folder().toString());
        return config;
    }

    @Override
    public void stop() {
        // stopped while the application's logging is still up: stopping them in a JVM shutdown hook
        // instead made the test JVM exit abnormally now and then
        TestKafka.stop();
        TestPostgres.stop();
    }
}
