package io.tongban.contracts.evidence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The Ed25519 keys of the hand-offs, one folder of PEM files: {@code platform.key} / {@code platform.pub}
 * (signs tasks) and {@code <department>.key} / {@code <department>.pub} per department (signs its results).
 * Private keys are PKCS#8, public keys X.509 SubjectPublicKeyInfo. A service reads only what it needs:
 * the orchestrator the platform's private key and the departments' public keys, a department its own
 * private key. Locally the runtime and the tests generate them; in production each department keeps its
 * private key and hands over only the public one.
 */
public final class EvidenceKeys {
    private static final String ALGORITHM = "Ed25519";
    private final Path folder;

    public EvidenceKeys(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public Optional<PrivateKey> privateKeyOf(String signer) {
        return read(folder.resolve(fileName(signer) + ".key")).map(EvidenceKeys::privateKey);
    }

    public Optional<PublicKey> publicKeyOf(String signer) {
        return read(folder.resolve(fileName(signer) + ".pub")).map(EvidenceKeys::publicKey);
    }

    /**
     * Creates the key pair of each signer that has none yet (the platform and the departments); keeps existing
     * ones. Returns the signers it generated keys for.
     */
    public List<String> generateMissing(Collection<String> signers) {
        List<String> generated = new ArrayList<>();
        try {
            Files.createDirectories(folder);
            for (String signer : signers) {
                Path privateFile = folder.resolve(fileName(signer) + ".key");
                Path publicFile = folder.resolve(fileName(signer) + ".pub");
                if (Files.exists(privateFile) && Files.exists(publicFile)) {
                    continue;
                }
                KeyPair pair = generate();
                writePrivate(privateFile, pair.getPrivate());
                Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
                generated.add(signer);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence keys under " + folder, e);
        }
        return generated;
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    public static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (PKCS#8 PEM)", e);
        }
    }

    public static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509 PEM)", e);
        }
    }

    public static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    /** A signer id becomes a file name; anything but letters, digits, '-' and '_' is refused. */
    static String fileName(String signer) {
        if (signer == null || !signer.matches("[A-Za-z0-9_-]{1,100}")) {
            throw new IllegalArgumentException("not a signer id: " + signer);
        }
        return signer;
    }

    private static void writePrivate(Path file, PrivateKey key) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own protection has to do
        }
        Files.writeString(file, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
    }

    private static Optional<String> read(Path file) {
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read key " + file, e);
        }
    }

    private static byte[] der(String pem) {
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(base64);
    }
}
