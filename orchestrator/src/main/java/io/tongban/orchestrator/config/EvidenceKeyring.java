package io.tongban.orchestrator.config;

import io.tongban.catalogue.Department;
import io.tongban.catalogue.MatterCatalogue;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.evidence.EvidenceKeys;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The platform's private key (read once at start: without it no task can be sent) and the departments'
 * public keys, read when first needed, so that a department given its key later needs no restart. A department's
 * key files are named by its registry {@code evidenceKey} ({@code <evidenceKey>.pub}), its id unless the registry
 * (built in, or the {@code departments.yaml} of the catalogue folder) names another.
 */
@Startup
@ApplicationScoped
public class EvidenceKeyring {
    private static final Logger LOG = Logger.getLogger(EvidenceKeyring.class);
    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();
    private EvidenceKeys keys;
    private PrivateKey platform;

    @Inject
    EvidenceConfig config;

    @Inject
    MatterCatalogue catalogue;

    @PostConstruct
    void load() {
        keys = new EvidenceKeys(Path.of(config.keysDir()));
        platform = keys.privateKeyOf(EvidenceHeaders.PLATFORM).orElseThrow(() -> new IllegalStateException(
                "no platform signing key " + keys.folder().resolve("platform.key").toAbsolutePath()
                        + " (tongban.evidence.keys-dir / TONGBAN_EVIDENCE_KEYS): tasks could not be signed"));
        LOG.infof("evidence keys from %s", keys.folder().toAbsolutePath());
    }

    public PrivateKey platformKey() {
        return platform;
    }

    /** The signer's (the platform's or a department's, by id) public key, or null when it has none. */
    public PublicKey publicKeyOf(String signer) {
        PublicKey known = publicKeys.get(signer);
        if (known != null) {
            return known;
        }
        try {
            String keyName = catalogue.departmentRegistry().find(signer).map(Department::evidenceKey).orElse(signer);
            PublicKey read = keys.publicKeyOf(keyName).orElse(null);
            if (read != null) {
                publicKeys.put(signer, read);
            }
            return read;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
