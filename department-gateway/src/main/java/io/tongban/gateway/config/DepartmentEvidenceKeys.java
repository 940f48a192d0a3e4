package io.tongban.gateway.config;

import io.tongban.contracts.evidence.EvidenceKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The departments' Ed25519 evidence keys (README "Evidence chain"), from the folder
 * {@code tongban.evidence.keys-dir} (env {@code TONGBAN_EVIDENCE_KEYS}): a department system's public key
 * verifies the signature on its callbacks; for a department whose clerks answer in the work queue the
 * gateway holds the department's private key and signs their answers on the department's behalf. The files
 * are named by the department's registry {@code evidenceKey} ({@code <evidenceKey>.pub}/{@code .key}), its id
 * unless the registry names another.
 * Keys are read when first needed, so a department given its key later needs no restart.
 */
@ApplicationScoped
public class DepartmentEvidenceKeys {
    private final Map<String, PublicKey> publicKeys = new ConcurrentHashMap<>();
    private final Map<String, PrivateKey> privateKeys = new ConcurrentHashMap<>();
    private final EvidenceKeys keys;
    private final boolean required;
    private final GatewayConfig config;

    public DepartmentEvidenceKeys(GatewayConfig config,
                                  @ConfigProperty(name = "tongban.evidence.keys-dir", defaultValue = "keys/evidence") String folder,
                                  @ConfigProperty(name = "tongban.evidence.require-department-signature", defaultValue = "true")
                                  boolean required) {
        this.keys = new EvidenceKeys(Path.of(folder));
        this.required = required;
        this.config = config;
    }

    /** Whether a department's callback without its evidence signature is refused. */
    public boolean signatureRequired() {
        return required;
    }

    /** The department's public key, or null when it has none. */
    public PublicKey publicKeyOf(String department) {
        return lookup(publicKeys, department, () -> keys.publicKeyOf(config.evidenceKeyOf(department)).orElse(null));
    }

    /** The department's private key held here for its clerks, or null. */
    public PrivateKey privateKeyOf(String department) {
        return lookup(privateKeys, department, () -> keys.privateKeyOf(config.evidenceKeyOf(department)).orElse(null));
    }

    private static <K> K lookup(Map<String, K> cache, String department, java.util.function.Supplier<K> read) {
        K known = cache.get(department);
        if (known != null) {
            return known;
        }
        try {
            K key = read.get();
            if (key != null) {
                cache.put(department, key);
            }
            return key;
        } catch (IllegalArgumentException e) {
            return null; // not a valid department id or not a key: treated as no key
        }
    }
}
