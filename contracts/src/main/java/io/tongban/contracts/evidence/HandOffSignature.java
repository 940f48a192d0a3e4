package io.tongban.contracts.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Ed25519 signatures (JDK 15+, no extra library) over a hand-off's statement, base64-encoded. */
public final class HandOffSignature {
    private static final String ALGORITHM = "Ed25519";

    private HandOffSignature() {
    }

    public static String sign(PrivateKey key, HandOff handOff) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(handOff.statement().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with an " + key.getAlgorithm() + " key", e);
        }
    }

    /** False for a wrong, malformed or missing signature; never throws for bad input. */
    public static boolean verify(PublicKey key, HandOff handOff, String base64Signature) {
        if (key == null || base64Signature == null || base64Signature.isBlank()) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(handOff.statement().getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(base64Signature.trim()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
