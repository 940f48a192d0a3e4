package io.tongban.testsupport;

import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;

/**
 * JWT bearer tokens for tests, signed with an RSA key generated in this JVM (never committed).
 * The conventions every service verifies: issuer {@value #ISSUER}, {@code sub} = the applicant (or clerk),
 * {@code groups} = roles ({@code applicant}, {@code clerk}, {@code ops}), and for a clerk a
 * {@code department} claim with the department id.
 */
public final class TestTokens {
    public static final String ISSUER = "tongban-local";
    private static KeyPair keys;
    private static Path publicKeyFile;

    private TestTokens() {
    }

    public static String applicant(String applicantId) {
        return Jwt.issuer(ISSUER).subject(applicantId).groups(Set.of("applicant")).sign(keys().getPrivate());
    }

    public static String clerk(String clerkId, String department) {
        return Jwt.issuer(ISSUER).subject(clerkId).groups(Set.of("clerk")).claim("department", department)
                .sign(keys().getPrivate());
    }

    public static String ops(String operatorId) {
        return Jwt.issuer(ISSUER).subject(operatorId).groups(Set.of("ops")).sign(keys().getPrivate());
    }

    /** The public key as a PEM file, for {@code mp.jwt.verify.publickey.location}. */
    public static synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target", "test-keys"));
                publicKeyFile = dir.resolve("jwt-public.pem").toAbsolutePath();
                String pem = "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys().getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n";
                Files.writeString(publicKeyFile, pem);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    private static synchronized KeyPair keys() {
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return keys;
    }
}
