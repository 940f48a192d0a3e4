package io.tongban.testsupport;

import io.tongban.catalogue.CatalogueLoader;
import io.tongban.contracts.evidence.EvidenceHeaders;
import io.tongban.contracts.evidence.EvidenceKeys;
import io.tongban.contracts.evidence.HandOff;
import io.tongban.contracts.evidence.HandOffSignature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Ed25519 keys of the signed hand-offs for tests, generated in this module's {@code target/test-keys/evidence}
 * (never committed) the same way the local runtime does: the platform and every department of the built-in
 * catalogue up front, any other department the first time a test signs for it.
 * {@link PlatformTestResources} points every service at this folder ({@code tongban.evidence.keys-dir}).
 */
public final class TestEvidence {
    private static EvidenceKeys keys;

    private TestEvidence() {
    }

    public static synchronized Path folder() {
        return keys().folder();
    }

    public static synchronized EvidenceKeys keys() {
        if (keys == null) {
            keys = new EvidenceKeys(Path.of("target", "test-keys", "evidence").toAbsolutePath());
            List<String> signers = new ArrayList<>();
            signers.add(EvidenceHeaders.PLATFORM);
            signers.addAll(CatalogueLoader.loadBuiltInCatalogue().departments());
            keys.generateMissing(signers);
        }
        return keys;
    }

    /** The signer's signature of the hand-off; a department without keys yet gets a pair first. */
    public static synchronized String sign(String signer, HandOff handOff) {
        keys().generateMissing(List.of(signer));
        return HandOffSignature.sign(keys().privateKeyOf(signer).orElseThrow(), handOff);
    }

    /**
     * CloudEvents headers plus the department's signature for a result event, as a department writes it on its
     * results topic. {@code dataJson} must name the department ({@code department} field).
     */
    public static Map<String, String> resultHeaders(String type, String matterId, String dataJson) {
        Map<String, String> headers = new LinkedHashMap<>(TopicProbe.cloudEventHeaders(type, matterId));
        if (HandOff.isAnswer(type)) {
            HandOff handOff = HandOff.result(type, dataJson);
            headers.put(EvidenceHeaders.SIGNER, handOff.department());
            headers.put(EvidenceHeaders.SIGNATURE, sign(handOff.department(), handOff));
        }
        return headers;
    }
}
