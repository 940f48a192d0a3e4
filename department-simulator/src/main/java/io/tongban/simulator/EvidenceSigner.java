package io.tongban.simulator;

import io.tongban.contracts.evidence.EvidenceKeys;
import io.tongban.contracts.evidence.HandOff;
import io.tongban.contracts.evidence.HandOffSignature;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Signs each simulated department's answers with that department's Ed25519 evidence key (README "Evidence
 * chain"), from the folder {@code tongban.evidence.keys-dir} (env {@code TONGBAN_EVIDENCE_KEYS}): on the
 * gateway's callback (HTTP mode) or on the result event (Kafka mode). A department without a key answers
 * unsigned, and the platform refuses its answers; that is said once in the log.
 */
@ApplicationScoped
public class EvidenceSigner {
    private static final Logger LOG = Logger.getLogger(EvidenceSigner.class);
    private final Map<String, PrivateKey> keys = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final EvidenceKeys folder;

    public EvidenceSigner(@ConfigProperty(name = "tongban.evidence.keys-dir", defaultValue = "keys/evidence") String folder) {
        this.folder = new EvidenceKeys(Path.of(folder));
    }

    /** The department's signature of its callback answer about a task of {@code matterId}; empty without a key. */
    public Optional<String> signAnswer(String matterId, String department, Map<String, Object> callbackBody) {
        return keyOf(department).map(key -> HandOffSignature.sign(key, HandOff.answer(matterId, department, callbackBody)));
    }

    /** The department's signature of a result event it writes itself; empty without a key. */
    public Optional<String> signResult(String department, String eventType, Object eventData) {
        return keyOf(department).map(key -> HandOffSignature.sign(key, HandOff.result(eventType, eventData)));
    }

    private Optional<PrivateKey> keyOf(String department) {
        PrivateKey known = keys.get(department);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<PrivateKey> read;
        try {
            read = folder.privateKeyOf(department);
        } catch (IllegalArgumentException e) {
            read = Optional.empty();
        }
        read.ifPresentOrElse(key -> keys.put(department, key), () -> {
            if (warned.add(department)) {
                LOG.warnf("no evidence key for %s in %s: its answers go unsigned and the platform will refuse them",
                        department, folder.folder().toAbsolutePath());
            }
        });
        return read;
    }
}
